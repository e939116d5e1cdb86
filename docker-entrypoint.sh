#!/bin/sh
# Container entrypoint.
#   serve (default)  migrate (unless RUN_MIGRATIONS=0), optionally load the demo content
#                    (LOAD_DEMO_CONTENT=1), then run gunicorn on $PORT.
#   healthcheck      exit 0 when /gezond/ answers {"status": "ok"}; used by HEALTHCHECK.
#   worker           run the background tasks (reference imports) queued in the database;
#                    `serve` also starts one unless IMPORT_WORKER=0 (a separate worker runs).
#   anything else    run it after migrating, e.g. `docker run IMAGE python manage.py shell`.
set -eu

if [ "${1:-serve}" = "healthcheck" ]; then
    exec python - <<'PY'
import json, os, sys, urllib.request

hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
host = hosts[0].lstrip(".") if hosts and hosts[0] != "*" else "localhost"
request = urllib.request.Request(
    f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/gezond/",
    headers={"Host": host, "X-Forwarded-Proto": "https"},
)
try:
    with urllib.request.urlopen(request, timeout=4) as response:
        sys.exit(0 if json.load(response).get("status") == "ok" else 1)
except Exception as error:
    print(f"unhealthy: {error}", file=sys.stderr)
    sys.exit(1)
PY
fi

if [ "${RUN_MIGRATIONS:-1}" = "1" ]; then
    python manage.py migrate --noinput
fi

if [ "${LOAD_DEMO_CONTENT:-0}" = "1" ]; then
    echo "LOAD_DEMO_CONTENT=1: loading the demo content (demo login admin / kenniscentrum-demo)."
    python manage.py load_demo_content
    # A cluster that is down must not stop the container: search answers from the database.
    python manage.py rebuild_search_index || echo "Search cluster not reached; run rebuild_search_index --changed-since later." >&2
fi

if [ "${1:-serve}" = "worker" ]; then
    exec python manage.py db_worker --backend imports --queue-name '*'
fi

if [ "${1:-serve}" = "serve" ]; then
    if [ "${IMPORT_WORKER:-1}" = "1" ]; then
        # Reference imports run here, not in a web request (see README, "Editorial workflow").
        python manage.py db_worker --backend imports --queue-name '*' &
    fi
    # No access log: it would hold visitors' IP addresses. Workers: WEB_CONCURRENCY (gunicorn).
    exec gunicorn kenniscentrum.wsgi:application \
        --bind "0.0.0.0:${PORT:-8000}" \
        --workers "${WEB_CONCURRENCY:-3}" \
        --timeout "${GUNICORN_TIMEOUT:-30}" \
        --worker-tmp-dir /dev/shm \
        --no-control-socket \
        --error-logfile -
fi

exec "$@"
