# One entry point for the README, CI and hooks: `make run` starts the app, `make test` runs every test.
VENV    ?= .venv
PYTHON  ?= python3
PORT    ?= 3000
PREVIEW_PORT ?= 3001
WORKERS ?= 2
BIN     := $(abspath $(VENV))/bin
CHROMIUM ?= $(or $(KETAGUIDE_CHROMIUM),/usr/bin/chromium)
NGINX_BROTLI := /usr/lib/nginx/modules/ngx_http_brotli_static_module.so
OBSERVATORY := tests/observatory/node_modules/.package-lock.json
HOSTS   := tests/hosts/node_modules/.package-lock.json
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export PATH := $(BIN):$(PATH)
export REFLEX_CHECK_LATEST_VERSION := false
export KETAGUIDE_CHROMIUM := $(CHROMIUM)

.PHONY: install lock run preview export fixtures check source-report lint test test-unit test-browser bench system-packages observatory hosts clean

install: $(VENV)/.installed

# Every package comes from requirements.lock, checked against its hashes; then the project itself, as it is.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

lock: install  ## re-resolve requirements.lock after a change to pyproject.toml (UPGRADE=--upgrade for newer versions)
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 --universal \
	  $(UPGRADE) -o requirements.lock

run: install  ## export the site into site/ and serve it on http://localhost:$(PORT) with Caddy
	$(BIN)/python -m ketaguide_app run --port $(PORT)

preview: install  ## serve content/ on http://127.0.0.1:$(PREVIEW_PORT), rebuilt and shown again on every save
	$(BIN)/python -m ketaguide_app preview --port $(PREVIEW_PORT)

export: install  ## write the deployable site into site/ (needs KETAGUIDE_BASE_URL)
	$(BIN)/python -m ketaguide_app export --out site

fixtures: install  ## write tests/fixtures/prerendered anew: what this Reflex version prerenders, for the build steps' tests
	$(BIN)/python -m tests.prerendered

check: install  ## validate content/ and name the first mistake
	$(BIN)/python -m ketaguide_app check

source-report: install  ## for a reviewer: where content/ differs from the source article (a report, not a test)
	$(BIN)/python -m ketaguide_app source-report tests/fixtures/source-article.txt

lint: install  ## ruff (lint and format) and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

system-packages:  ## the tests drive Debian's Chromium, WebKitGTK, Firefox and nginx (with Brotli); install whichever is missing
	@missing=""; \
	test -x $(CHROMIUM) || missing="$$missing chromium"; \
	test -x /usr/bin/WebKitWebDriver || missing="$$missing webkit2gtk-driver"; \
	test -x /usr/bin/Xvfb || missing="$$missing xvfb"; \
	test -x /usr/bin/firefox-esr || missing="$$missing firefox-esr"; \
	test -x /usr/sbin/nginx || missing="$$missing nginx-light"; \
	test -f $(NGINX_BROTLI) || missing="$$missing libnginx-mod-http-brotli-static"; \
	if [ -n "$$missing" ]; then \
	  command -v apt-get >/dev/null || { echo "missing Debian packages:$$missing"; exit 1; }; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; \
	fi

observatory: $(OBSERVATORY)  ## the MDN HTTP Observatory, run locally by the header tests

$(OBSERVATORY): tests/observatory/package-lock.json | install
	cd tests/observatory && $(BIN)/npm ci --ignore-scripts --no-audit --no-fund --silent

hosts: $(HOSTS)  ## static hosts' own local runtimes (wrangler, netlify dev), pinned in tests/hosts/

$(HOSTS): tests/hosts/package-lock.json | install
	cd tests/hosts && $(BIN)/npm ci --ignore-scripts --no-audit --no-fund --silent

test: install system-packages observatory hosts  ## every test: unit, then the exported site behind make run and nginx
	$(BIN)/python -m pytest -n $(WORKERS)

test-unit: install
	$(BIN)/python -m pytest tests/unit tests/markup

test-browser: install system-packages observatory hosts
	$(BIN)/python -m pytest -n $(WORKERS) tests/served tests/browser

bench: install system-packages  ## Lighthouse, FAQ and search timings, load (wrk) and memory, second visits
	@command -v wrk >/dev/null || { command -v apt-get >/dev/null || { echo "missing Debian package: wrk"; exit 1; }; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk; }
	$(BIN)/python -m bench

clean:
	rm -rf .web .states site .site.partial
