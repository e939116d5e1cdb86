#!/usr/bin/env bash
# A real search cluster on 127.0.0.1 for tests, CI and benchmarks: OpenSearch, fetched from
# Maven Central (the only place this project's machines can download an engine from).
#
#   scripts/searchnode.sh start      start (idempotent), wait for green, print ELASTICSEARCH_URL=...
#   scripts/searchnode.sh stop       stop every node cleanly
#   scripts/searchnode.sh status     exit 0 and print the URL when the cluster answers
#   scripts/searchnode.sh url        print the URL only
#   scripts/searchnode.sh kill N     kill node N hard (failover tests)
#
#   NODES=3              three nodes (one JVM each, replicas on), default 1
#   SEARCHNODE_PORT      first HTTP port (default 9200; transport ports from 9300)
#   SEARCHNODE_HEAP      heap per node (default 256m)
#   SEARCHNODE_HOME      download cache and node directories
#   OPENSEARCH_VERSION   default 2.19.6 (the newest line that runs on Java 17)
#
# Why OpenSearch: Elasticsearch's only Maven Central distribution (integ-test-zip) carries the
# transport modules but not `analysis-common` (pattern tokenizer, stemmer, asciifolding,
# synonym_graph), and that module is not on Maven Central either. OpenSearch publishes both.
#
# Exit codes: 0 ok, 3 no Java 17+ or Maven here (callers skip the live tests), 1 failure.
set -euo pipefail

VERSION="${OPENSEARCH_VERSION:-2.19.6}"
NODES="${NODES:-1}"
PORT="${SEARCHNODE_PORT:-9200}"
TPORT=$((PORT + 100))
HEAP="${SEARCHNODE_HEAP:-256m}"
if [ "$(id -u)" = 0 ]; then
    # OpenSearch refuses to run as root: the nodes run as `nobody`, so everything they read
    # lives outside root's home.
    HOME_DIR="${SEARCHNODE_HOME:-/var/cache/kenniscentrum-searchnode}"
else
    HOME_DIR="${SEARCHNODE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/kenniscentrum-searchnode}"
fi
DIST="$HOME_DIR/opensearch-$VERSION"
RUN="$HOME_DIR/run-$PORT"

say() { echo "== $*" >&2; }

find_java() {
    local candidate
    for candidate in "${OPENSEARCH_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64 \
        /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64; do
        if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then
            echo "$candidate"
            return 0
        fi
    done
    if command -v java >/dev/null 2>&1; then
        dirname "$(dirname "$(readlink -f "$(command -v java)")")"
        return 0
    fi
    return 1
}

need_tools() {
    if ! JAVA="$(find_java)"; then
        echo "No Java found: the search node needs Java 17 or newer (Debian: openjdk-17-jre-headless)." >&2
        exit 3
    fi
    local major
    major=$("$JAVA/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [ "${major%%.*}" -lt 17 ]; then
        echo "Java $major at $JAVA is too old: the search node needs Java 17 or newer." >&2
        exit 3
    fi
    if [ ! -x "$DIST/bin/opensearch" ] && ! command -v mvn >/dev/null 2>&1; then
        echo "No Maven found: it fetches OpenSearch from Maven Central (Debian: maven)." >&2
        exit 3
    fi
}

maven_copy() { # artifact outdir
    mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy \
        -Dartifact="$1" -DoutputDirectory="$2" -Dmdep.useBaseVersion=true >&2
}

# name|jars (group:artifact[:version])|plugin class. The integ-test distribution has only the
# transport module; these are published as jars, so each becomes a module here with the
# descriptor its build would write. analysis-common: pattern tokenizer, stemmer, asciifolding,
# synonym_graph, edge_ngram. reindex: `_reindex`, used when editors' synonyms change.
MODULES=(
    "analysis-common|org.opensearch.plugin:analysis-common|org.opensearch.analysis.common.CommonAnalysisPlugin"
    "reindex|org.opensearch.plugin:reindex-client org.opensearch.client:opensearch-rest-client org.opensearch:opensearch-ssl-config org.apache.httpcomponents:httpclient:4.5.14 org.apache.httpcomponents:httpcore:4.4.16 org.apache.httpcomponents:httpasyncclient:4.1.5 org.apache.httpcomponents:httpcore-nio:4.4.16 commons-codec:commons-codec:1.18.0 commons-logging:commons-logging:1.2|org.opensearch.index.reindex.ReindexPlugin"
)

install_dist() {
    local complete=1 spec
    for spec in "${MODULES[@]}"; do
        [ -f "$DIST/modules/${spec%%|*}/plugin-descriptor.properties" ] || complete=""
    done
    [ -x "$DIST/bin/opensearch" ] && [ -n "$complete" ] && return 0
    say "fetching OpenSearch $VERSION from Maven Central (cached in $HOME_DIR)"
    mkdir -p "$HOME_DIR"
    local tmp name jars class jar coordinate module
    tmp=$(mktemp -d "$HOME_DIR/fetch.XXXXXX")
    maven_copy "org.opensearch.distribution.integ-test-zip:opensearch:$VERSION:zip" "$tmp"
    (cd "$tmp" && unzip -q "opensearch-$VERSION.zip")
    for spec in "${MODULES[@]}"; do
        IFS='|' read -r name jars class <<<"$spec"
        module="$tmp/opensearch-$VERSION/modules/$name"
        mkdir -p "$module"
        for jar in $jars; do
            coordinate="$jar"
            # group:artifact without a version: the OpenSearch release's own.
            [ "$(tr -cd ':' <<<"$jar" | wc -c)" = 1 ] && coordinate="$jar:$VERSION"
            maven_copy "$coordinate:jar" "$module"
        done
        {
            echo "description=$name module (from its Maven Central jar)"
            echo "version=$VERSION"
            echo "name=$name"
            echo "classname=$class"
            echo "java.version=11"
            echo "opensearch.version=$VERSION"
            echo "custom.foldername="
            echo "extended.plugins="
            echo "has.native.controller=false"
        } >"$module/plugin-descriptor.properties"
    done
    chmod -R a+rX "$tmp"
    rm -rf "$DIST"
    mv "$tmp/opensearch-$VERSION" "$DIST"
    rm -rf "$tmp"
    chmod a+rx "$HOME_DIR"
}

url_list() {
    local i urls=()
    for ((i = 0; i < NODES; i++)); do urls+=("http://127.0.0.1:$((PORT + i))"); done
    (IFS=,; echo "${urls[*]}")
}

health() { # port -> the cluster's status word, or nothing
    curl -s --max-time 2 "http://127.0.0.1:$1/_cluster/health" 2>/dev/null |
        sed -n 's/.*"status":"\([a-z]*\)".*/\1/p'
}

node_pid() { # node index -> pid of a live node, or nothing
    local file="$RUN/node-$1/pid"
    if [ -f "$file" ] && kill -0 "$(cat "$file")" 2>/dev/null; then cat "$file"; fi
}

write_config() { # node index
    local i=$1 dir="$RUN/node-$i" seeds=() masters=() j
    mkdir -p "$dir/config" "$dir/data" "$dir/logs" "$dir/tmp"
    cp "$DIST/config/log4j2.properties" "$dir/config/"
    for ((j = 0; j < NODES; j++)); do
        seeds+=("\"127.0.0.1:$((TPORT + j))\"")
        masters+=("\"node-$j\"")
    done
    {
        echo "cluster.name: kenniscentrum-search"
        echo "node.name: node-$i"
        echo "network.host: 127.0.0.1"
        echo "http.port: $((PORT + i))"
        echo "transport.port: $((TPORT + i))"
        echo "path.data: $dir/data"
        echo "path.logs: $dir/logs"
        # A test node on a shared disk: never turn read-only because the disk fills up.
        echo "cluster.routing.allocation.disk.threshold_enabled: false"
        echo "action.destructive_requires_name: false"
        if [ "$NODES" = 1 ]; then
            echo "discovery.type: single-node"
        else
            echo "discovery.seed_hosts: [$(IFS=,; echo "${seeds[*]}")]"
            echo "cluster.initial_cluster_manager_nodes: [$(IFS=,; echo "${masters[*]}")]"
        fi
    } >"$dir/config/opensearch.yml"
    # A small heap and no GC log files: CI runs this beside the test suite on 2 cores.
    cat >"$dir/config/jvm.options" <<EOF
-Xms$HEAP
-Xmx$HEAP
-XX:+UseSerialGC
-XX:TieredStopAtLevel=1
-Xss1m
-Djava.io.tmpdir=\${OPENSEARCH_TMPDIR}
18-:-Djava.security.manager=allow
-Djava.util.concurrent.ForkJoinPool.common.threadFactory=org.opensearch.secure_sm.SecuredForkJoinWorkerThreadFactory
EOF
    if [ "$(id -u)" = 0 ]; then chown -R nobody:nogroup "$dir"; fi
}

start_node() { # node index
    local i=$1 dir="$RUN/node-$i"
    if [ -n "$(node_pid "$i")" ]; then return 0; fi
    write_config "$i"
    local as=()
    if [ "$(id -u)" = 0 ]; then as=(setpriv --reuid=nobody --regid=nogroup --clear-groups); fi
    # -p: pid file; -d would detach but hide start-up errors, so the shell detaches it instead.
    (
        cd "$dir"
        env -i PATH=/usr/bin:/bin HOME="$dir" OPENSEARCH_JAVA_HOME="$JAVA" \
            OPENSEARCH_PATH_CONF="$dir/config" OPENSEARCH_TMPDIR="$dir/tmp" \
            "${as[@]}" "$DIST/bin/opensearch" -p "$dir/pid" -q >"$dir/logs/console.log" 2>&1 &
    )
}

start() {
    need_tools
    install_dist
    mkdir -p "$RUN"
    chmod a+rx "$RUN"
    local i started now
    if [ "$(health "$PORT")" = green ]; then
        say "search cluster already runs at $(url_list)"
        echo "ELASTICSEARCH_URL=$(url_list)"
        return 0
    fi
    local alive=""
    for ((i = 0; i < NODES; i++)); do [ -n "$(node_pid "$i")" ] && alive=1; done
    if [ -z "$alive" ]; then
        # Nothing of ours runs (a stopped machine, a killed session): start from empty data.
        rm -rf "$RUN"
        mkdir -p "$RUN"
        chmod a+rx "$RUN"
    fi
    started=$(date +%s%N)
    say "starting $NODES OpenSearch $VERSION node(s) on 127.0.0.1:$PORT (heap $HEAP each)"
    for ((i = 0; i < NODES; i++)); do start_node "$i"; done
    for _ in $(seq 1 240); do
        if [ "$(curl -s --max-time 5 "http://127.0.0.1:$PORT/_cluster/health?wait_for_status=green&wait_for_nodes=$NODES&timeout=2s" 2>/dev/null |
            sed -n 's/.*"status":"\([a-z]*\)".*/\1/p')" = green ]; then
            now=$(date +%s%N)
            say "green after $(((now - started) / 1000000)) ms"
            echo "ELASTICSEARCH_URL=$(url_list)"
            return 0
        fi
        for ((i = 0; i < NODES; i++)); do
            if [ -z "$(node_pid "$i")" ] && [ -f "$RUN/node-$i/pid" ]; then
                echo "Search node $i stopped during start-up:" >&2
                tail -n 30 "$RUN/node-$i/logs/console.log" >&2 || true
                return 1
            fi
        done
        sleep 0.5
    done
    echo "The search cluster did not turn green within 120 s; logs in $RUN/node-*/logs" >&2
    tail -n 30 "$RUN/node-0/logs/console.log" >&2 || true
    return 1
}

stop() {
    local dir pid pids=()
    for dir in "$RUN"/node-*; do
        [ -f "$dir/pid" ] || continue
        pid=$(cat "$dir/pid")
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid"
            pids+=("$pid")
        fi
    done
    for pid in "${pids[@]}"; do
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
    done
    # Test data only: the next start is a fresh, empty cluster.
    rm -rf "$RUN"
    say "search cluster stopped"
}

kill_node() { # node index
    local pid
    pid=$(node_pid "$1")
    if [ -z "$pid" ]; then
        echo "node $1 does not run" >&2
        return 1
    fi
    kill -KILL "$pid"
    say "node $1 (pid $pid) killed"
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    status)
        if [ -n "$(health "$PORT")" ]; then echo "ELASTICSEARCH_URL=$(url_list)"; else exit 1; fi
        ;;
    url) url_list ;;
    kill) kill_node "${2:?node number}" ;;
    *)
        echo "usage: $0 [start|stop|status|url|kill N]" >&2
        exit 2
        ;;
esac
