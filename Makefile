# Kanalregister: `make run` serves the demo, `make test` runs every test (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
JAVA ?= java
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install chromium java pdfbiblioteker wrk run test lint bench oversettelser

$(BIN)/.installert: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# --ignore-scripts: vnu-jar's install script would fetch a Java runtime; Debian's is used (make java).
node_modules/.installert: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error --ignore-scripts
	touch $@

install: $(BIN)/.installert node_modules/.installert pdfbiblioteker

# What WeasyPrint needs to make the archive documents (PDF/A): Pango and a font with æ, ø and å.
PDF_PAKKER := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
pdfbiblioteker:
	@dpkg -s $(PDF_PAKKER) >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(PDF_PAKKER) >/dev/null; }

chromium:
	@[ -x $(CHROMIUM) ] || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# The browser tests check every page with the Nu HTML Checker (vnu.jar from npm), which needs Java;
# slim Debian images lack /usr/share/man/man1, without which the JRE fails to install.
java:
	@command -v $(JAVA) >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) mkdir -p /usr/share/man/man1 && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless >/dev/null; }

# The bokmål catalogues in locale/ (what Django's own nb lacks). The compiled .mo files are committed,
# so installing needs no gettext; run this after changing a .po file.
oversettelser: install
	@command -v msgfmt >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq gettext >/dev/null; }
	DEBUG=true $(BIN)/python manage.py compilemessages --locale nb --ignore '.venv' --ignore 'node_modules'

wrk:
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk >/dev/null; }

run: install
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py demodata
	@echo "Kanalregister kjører på http://127.0.0.1:8000 – logg inn med en av brukerne over."
	DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

# Over every core (pytest-xdist): each worker has its own test database and live server.
TESTPROSESSER ?= auto
test: install chromium java
	$(BIN)/pytest -n $(TESTPROSESSER)

# One command on PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/kanal_bench);
# ARGS=--full adds 10 s per measurement and 60 s at 50 connections. See bench/README.md.
bench: install wrk
	$(BIN)/python bench/run.py $(ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run
