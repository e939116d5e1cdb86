#!/usr/bin/env bash
# Install (from Debian's packages) and start the services the test suite talks to.
#   scripts/services.sh postgres   PostgreSQL at 127.0.0.1:5432, user postgres, trust auth on loopback
#   scripts/services.sh chromium   Debian's chromium for the browser tests
#   scripts/services.sh search     Java and Maven (Debian), then the search node (scripts/searchnode.sh)
#   scripts/services.sh nginx      Debian's nginx-light (not started): `nginx -t` on deploy/nginx.conf
#   scripts/services.sh varnish    Debian's varnish (not started): tests/test_varnish.py runs it
#   scripts/services.sh redis      Debian's redis-server at 127.0.0.1:6379 (the page cache's live test)
#   scripts/services.sh bench      Debian's wrk, the load generator of `make bench-serve` (not in all)
#   scripts/services.sh all        all six
# Idempotent: safe to run again on a machine where they already run. Needs root (apt-get).
set -euo pipefail

apt_updated=""
apt_install() {
    if [ -z "$apt_updated" ]; then
        apt-get update -qq
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

start_postgres() {
    if ! command -v pg_lsclusters >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
        echo "== installing PostgreSQL (Debian package postgresql)"
        apt_install postgresql
    fi
    local version
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
        echo "== creating PostgreSQL $version cluster 'main'"
        pg_createcluster "$version" main --port 5432 >/dev/null
    fi
    local conf="/etc/postgresql/$version/main"
    # Tests connect as postgres over loopback without a password (the URL in the Makefile).
    if ! grep -q "kenniscentrum-tests" "$conf/pg_hba.conf"; then
        local tmp
        tmp=$(mktemp)
        {
            echo "# kenniscentrum-tests: passwordless loopback for the test suite"
            echo "host    all    all    127.0.0.1/32    trust"
            echo "host    all    all    ::1/128         trust"
            cat "$conf/pg_hba.conf"
        } >"$tmp"
        cat "$tmp" >"$conf/pg_hba.conf"
        rm -f "$tmp"
    fi
    # A throw-away test server: durability is not needed, speed is.
    mkdir -p "$conf/conf.d"
    cat >"$conf/conf.d/kenniscentrum-tests.conf" <<CONF
listen_addresses = '127.0.0.1'
port = 5432
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
    if pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
        pg_ctlcluster "$version" main reload
    else
        echo "== starting PostgreSQL $version"
        pg_ctlcluster "$version" main start
    fi
    for _ in $(seq 1 60); do
        if pg_isready -q -h 127.0.0.1 -p 5432; then
            echo "== PostgreSQL $version answers at 127.0.0.1:5432"
            return 0
        fi
        sleep 1
    done
    echo "PostgreSQL did not answer at 127.0.0.1:5432 within 60 s" >&2
    tail -n 30 "/var/log/postgresql/postgresql-$version-main.log" >&2 || true
    return 1
}

install_chromium() {
    if ! command -v chromium >/dev/null 2>&1; then
        echo "== installing chromium (Debian package)"
        apt_install chromium fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0
    fi
    echo "== $(chromium --version 2>/dev/null || echo 'chromium installed')"
}

install_nginx() {
    if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
        echo "== installing nginx (Debian package nginx-light; only for nginx -t in the tests)"
        apt_install nginx-light
    fi
}

install_varnish() {
    if ! command -v varnishd >/dev/null 2>&1 && [ ! -x /usr/sbin/varnishd ]; then
        echo "== installing Varnish (Debian package varnish; the tests start it themselves)"
        apt_install varnish
    fi
    # The package starts a system instance on :6081; the tests run their own on a free port.
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet varnish 2>/dev/null; then
        systemctl stop varnish || true
    fi
}

start_redis() {
    if ! command -v redis-server >/dev/null 2>&1; then
        echo "== installing Redis (Debian package redis-server)"
        apt_install redis-server
    fi
    if redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
        echo "== Redis answers at 127.0.0.1:6379"
        return 0
    fi
    # A throw-away cache for the tests: loopback only, nothing written to disk.
    redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save "" --appendonly no \
        --logfile /tmp/kenniscentrum-redis.log
    for _ in $(seq 1 30); do
        if redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
            echo "== Redis answers at 127.0.0.1:6379"
            return 0
        fi
        sleep 1
    done
    echo "Redis did not answer at 127.0.0.1:6379 within 30 s" >&2
    tail -n 20 /tmp/kenniscentrum-redis.log >&2 || true
    return 1
}

start_search() {
    if ! command -v java >/dev/null 2>&1 && ! ls /usr/lib/jvm/*/bin/java >/dev/null 2>&1; then
        echo "== installing Java 17 (Debian package openjdk-17-jre-headless)"
        apt_install openjdk-17-jre-headless
    fi
    if ! command -v mvn >/dev/null 2>&1; then
        echo "== installing Maven (Debian package maven)"
        apt_install maven
    fi
    if ! command -v unzip >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
        apt_install unzip curl
    fi
    bash "$(dirname "$0")/searchnode.sh" start
}

case "${1:-all}" in
    postgres) start_postgres ;;
    chromium) install_chromium ;;
    search) start_search ;;
    nginx) install_nginx ;;
    varnish) install_varnish ;;
    redis) start_redis ;;
    bench) command -v wrk >/dev/null 2>&1 || apt_install wrk ;;
    all) start_postgres; install_chromium; install_nginx; install_varnish; start_redis; start_search ;;
    *) echo "usage: $0 [postgres|chromium|search|nginx|varnish|redis|bench|all]" >&2; exit 2 ;;
esac
