# One entry point for the README, CI and hooks: `make run` starts the app, `make test` runs every test.
VENV    ?= .venv
PYTHON  ?= python3
PORT    ?= 3000
BIN     := $(abspath $(VENV))/bin
CHROMIUM ?= /usr/bin/chromium
export PATH := $(BIN):$(PATH)
export REFLEX_CHECK_LATEST_VERSION := false

.PHONY: install run export check lint test test-unit test-browser bench chromium clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

run: install  ## export the site into site/ and serve it on http://localhost:$(PORT) with Caddy
	$(BIN)/python -m ketaguide_app run --port $(PORT)

export: install  ## write the deployable site into site/ (needs KETAGUIDE_BASE_URL)
	$(BIN)/python -m ketaguide_app export --out site

check: install  ## validate content/ and name the first mistake
	$(BIN)/python -m ketaguide_app check

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

chromium:  ## the browser tests drive Debian's Chromium; install it when missing
	@test -x $(CHROMIUM) || { command -v apt-get >/dev/null && \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq && \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq chromium; } || \
	  { echo "Chromium is missing at $(CHROMIUM) and could not be installed"; exit 1; }

test: install chromium  ## every test: unit, then browser tests against the production build
	$(BIN)/python -m pytest

test-unit: install
	$(BIN)/python -m pytest tests/unit

test-browser: install chromium
	$(BIN)/python -m pytest tests/browser

bench: install chromium  ## Lighthouse and FAQ filter timings against the production build
	$(BIN)/python -m bench

clean:
	rm -rf .web .states site
