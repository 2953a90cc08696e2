# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# KuCoin's official spec files, merged into the catalogue when present (never committed).
KUCOIN_SPEC ?= $(firstword $(wildcard ../shared/kucoin-spec))
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS_URL ?= redis://127.0.0.1:6379/15
PYTEST_ARGS ?=
# pytest-xdist workers per pass (0: one process). Tests mostly wait, so two keep both cores busy.
# Each test file stays on one worker, so its module fixtures start their servers once.
PYTEST_WORKERS ?= 2
XDIST := -n $(PYTEST_WORKERS) --dist loadfile
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
# newman (from npm) runs the exported Postman collection in the tests; package-lock.json pins it.
NODE_STAMP := node_modules/.installed
# KuCoin's official Node SDK, whose type declarations say which request fields are
# required; sync_kucoin reads them (node-sdk/package-lock.json pins it).
NODE_SDK_STAMP := node-sdk/node_modules/.installed

.PHONY: run test test-sqlite test-postgres system-deps bench lint clean

run: $(RUN_STAMP) $(NODE_SDK_STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py sync_kucoin --if-needed $(if $(KUCOIN_SPEC),--spec $(KUCOIN_SPEC))
	@echo "KuCoin API Explorer: http://127.0.0.1:$(PORT)/"
	DJANGO_COLLECTED_STATIC=1 $(VENV)/bin/gunicorn explorer.wsgi --config python:explorer.gunicorn_conf --bind 127.0.0.1:$(PORT)

test: system-deps $(DEV_STAMP) $(NODE_STAMP)
	@$(MAKE) --no-print-directory lint
	@$(MAKE) --no-print-directory test-sqlite
	@$(MAKE) --no-print-directory test-postgres

test-sqlite: $(DEV_STAMP) $(NODE_STAMP) $(NODE_SDK_STAMP)
	@echo "== Test suite on SQLite =="
	env -u DATABASE_URL -u CACHE_URL $(PY) -m pytest $(XDIST) $(PYTEST_ARGS)

# The same suite against the PostgreSQL and Redis a team deployment uses. Chromium and the
# third-party clients and tools (marked browser and real_client) drive our servers the same way
# whatever the database, so they run once, in the SQLite pass; the team-deployment tests among
# them bring up their own PostgreSQL database and Redis there.
PG_MARKERS := not browser and not real_client
test-postgres: $(DEV_STAMP) $(NODE_STAMP) $(NODE_SDK_STAMP)
	@if $(PY) -m tests.services postgres; then \
	  cache=""; \
	  if $(PY) -m tests.services redis; then cache="$(REDIS_URL)"; \
	  else echo "Redis is not reachable on 127.0.0.1:6379: this pass uses the in-process cache."; fi; \
	  echo "== Test suite on PostgreSQL ($(PG_URL))$${cache:+ with Redis ($$cache)}; browser and real_client tests ran in the SQLite pass =="; \
	  DATABASE_URL=$(PG_URL) CACHE_URL=$$cache $(PY) -m pytest $(XDIST) -m "$(PG_MARKERS)" $(PYTEST_ARGS); \
	else \
	  echo "PostgreSQL is not reachable on 127.0.0.1:5432: the PostgreSQL pass did NOT run."; \
	fi

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(RUN_STAMP): requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@ $(RUN_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# A machine without npm gets it from Debian; if the install still fails, `make run`
# goes on and sync_kucoin says that required flags are missing.
$(NODE_SDK_STAMP): node-sdk/package.json node-sdk/package-lock.json
	@command -v npm >/dev/null 2>&1 || $(MAKE) --no-print-directory system-deps SYSTEM_TOOLS="node:nodejs npm:npm" || true
	@if npm ci --prefix node-sdk --ignore-scripts --omit=dev --no-audit --no-fund --loglevel=error; then touch $@; \
	else echo "KuCoin's Node SDK could not be installed from npm: pages will show no required flags (unless KUCOIN_SPEC is set)."; fi

# Debian packages the tests drive: Chromium for Playwright (which never downloads a
# browser here), curl and openssl for the curl samples, Node.js and npm for the
# Node samples and newman, redis-server for the cache-outage tests. Only what is missing is installed.
# nginx (nginx-light) is the reverse proxy of the team-deployment test; wrk loads it in bench/bench_team.py.
SYSTEM_TOOLS := /usr/bin/chromium:chromium curl:curl openssl:openssl node:nodejs npm:npm redis-server:redis-server \
  /usr/sbin/nginx:nginx-light wrk:wrk
system-deps:
	@missing=""; for pair in $(SYSTEM_TOOLS); do \
	  tool=$${pair%%:*}; package=$${pair#*:}; \
	  command -v $$tool >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing from Debian:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

bench: $(DEV_STAMP)
	$(PY) bench/run.py

# The checks .pre-commit-config.yaml also runs; `make test` (and so CI) runs them first.
lint: $(DEV_STAMP)
	@echo "== Lint (ruff check, ruff format --check) =="
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .
	@echo "== Types (mypy, the files named in pyproject.toml) =="
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3.sync-lock staticfiles .pytest_cache node_modules node-sdk/node_modules
