# Kanalregister: `make run` serves the demo, `make test` runs every test (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install chromium wrk run test lint bench

$(BIN)/.installert: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installert: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(BIN)/.installert node_modules/.installert

chromium:
	@[ -x $(CHROMIUM) ] || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

wrk:
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk >/dev/null; }

run: install
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py demodata
	@echo "Kanalregister kjører på http://127.0.0.1:8000 – logg inn med en av brukerne over."
	DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install chromium
	$(BIN)/pytest

# One command on PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/kanal_bench);
# ARGS=--full adds 10 s per measurement and 60 s at 50 connections. See bench/README.md.
bench: install wrk
	$(BIN)/python bench/run.py $(ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run
