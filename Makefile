# Two commands: `make run` (set up and serve the demo site) and `make test` (the whole gate).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# PostgreSQL for the second test run; CI requires it, elsewhere it is skipped when unreachable.
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/kenniscentrum

.PHONY: run setup demo services search-node search-node-stop test test-sqlite test-postgres lint bench bench-serve bench-relevance lock clean

run: demo
	@echo ""
	@echo "  Kenniscentrum (cyber)pesten runs on http://127.0.0.1:$(PORT)/"
	@echo "  Admin: http://127.0.0.1:$(PORT)/admin/  login: admin / kenniscentrum-demo"
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

setup: $(VENV)/.installed

$(VENV)/.installed: requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	@touch $@

demo: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py setup_editorial_workflow --demo-users
	$(BIN)/python manage.py rebuild_search_index

# Install (Debian packages, needs root) and start PostgreSQL at 127.0.0.1:5432 and install chromium,
# nginx and Varnish, as CI does; then `make test` runs every part of the gate.
services:
	bash scripts/services.sh all

# A real search cluster (OpenSearch from Maven Central) on 127.0.0.1:9200; NODES=3 for three.
# Prints the ELASTICSEARCH_URL to use, e.g. `ELASTICSEARCH_URL=http://127.0.0.1:9200 make test`.
search-node:
	@bash scripts/searchnode.sh start

search-node-stop:
	@bash scripts/searchnode.sh stop

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: setup
	DJANGO_SETTINGS_MODULE=kenniscentrum.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=kenniscentrum.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	@# Both databases at once: each pass is mostly one busy Python process, so on two cores the
	@# suite takes about as long as its longer pass. Each pass prints its output whole when it
	@# ends (--output-sync); a failure in either fails `make test`.
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

test-sqlite: setup
	@echo "== tests on SQLite"
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: setup
	@if $(BIN)/python scripts/pg_available.py "$(TEST_POSTGRES_URL)"; then \
		echo "== tests on PostgreSQL"; \
		DATABASE_URL="$(TEST_POSTGRES_URL)" TEST_MEDIA_ROOT="$${TEST_MEDIA_ROOT:-/tmp/kenniscentrum-test-media-pg}" \
			$(BIN)/python -m pytest -m "not live" $(PYTEST_ARGS); \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL at $(TEST_POSTGRES_URL) is required in CI but cannot be reached." >&2; exit 1; \
	else \
		echo "== PostgreSQL at $(TEST_POSTGRES_URL) not reachable: PostgreSQL tests skipped."; \
	fi

bench: setup
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# req/s, p50 and p99 of a bare view and real pages, page cache off and on (gunicorn 2 workers,
# wrk); then the in-process cost (ms, queries) of each uncached page type.
bench-serve: setup
	$(BIN)/python bench/serve.py $(BENCH_ARGS)
	$(BIN)/python bench/page_cost.py

# nDCG@10, P@5, R@20 and zero-result rate on the demo content, per engine, beside plain BM25.
bench-relevance: setup
	$(BIN)/python bench/relevance/run.py $(RELEVANCE_ARGS)

# Known advisories in every pinned package (pip-audit, PyPI's data). Fails on an advisory with a
# fix (exit 1) and when it could not check every package (exit 2, "N of M packages checked").
audit: setup
	$(BIN)/python scripts/audit.py

lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements-dev.lock

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* media staticfiles
