# Two commands: `make run` starts the app, `make test` runs the whole suite.
# Both create .venv and install what is needed the first time (and again when pyproject.toml or
# uv.lock change): the dependencies are declared in pyproject.toml and pinned in uv.lock, which
# `uv sync --locked` installs exactly (and refuses when the lock no longer matches pyproject.toml).
# uv itself comes from PyPI, pinned below, into the same .venv.
# `make upgrade` moves every pin to the newest allowed version; run `make test` after it.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
# This machine's environment sets PYTHONDONTWRITEBYTECODE, and uv installs no compiled files:
# every Python process (each test worker, command, server, document reader) compiled pandas,
# plotly and Streamlit from source again, about 2 s of processor time each. The compiled files
# are kept in .venv/pycache, out of the tree, for every command below and the programs they start.
unexport PYTHONDONTWRITEBYTECODE
export PYTHONPYCACHEPREFIX := $(CURDIR)/.venv/pycache
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.synced
PORT ?= 8501
UV_VERSION := 0.13.9
UV_STAMP := $(VENV)/.uv-$(UV_VERSION)
# uv works on this .venv whatever the caller's environment says, and never downloads a Python.
UV := UV_PROJECT_ENVIRONMENT=$(VENV) UV_PYTHON_DOWNLOADS=never $(VENV)/bin/uv
# requirements.txt: the app's pinned dependencies from uv.lock, for a plain `pip install -r`.
EXPORT := $(UV) export --locked --no-dev --no-hashes --no-header --format requirements.txt --quiet
define REQUIREMENTS_HEADER
# Generated from uv.lock by `make lock` (uv export --locked --no-dev --no-hashes): do not edit.
# The app's dependencies, declared in pyproject.toml, at the versions the test suite passed with;
# the test tools are the `dev` group of pyproject.toml. Plain pip: pip install -r requirements.txt
endef
export REQUIREMENTS_HEADER

.PHONY: run network install-app test check test-entered install browser lint validate template benchmark bench screenshots clean deck report \
	lock upgrade requirements check-requirements catalog

# `make run`: the app alone, for one person on this machine (what the app needs, no test tools).
run: install-app
	$(VENV)/bin/streamlit run serve.py --server.port $(PORT)

# `make network`: the app on loopback behind Caddy on https://localhost:$(HTTPS_PORT) (Caddy's
# local authority), or https://$(DOMAIN) with a real certificate; the same scripts and units as a
# server (deploy/). Foreground: one Ctrl-C or SIGTERM stops everything it started.
# Ports given on the command line (or in the environment) win over /etc/iap.env's, which wins
# over the defaults (scripts/network.sh).
HTTPS_PORT ?= 8443
given = $(if $(filter file,$(origin $(1))),,$(1)=$($(1)))
network: install-app
	@bash scripts/ensure-caddy.sh
	@$(call given,PORT) $(call given,HTTPS_PORT) exec bash scripts/network.sh

# The tests run in parallel (pytest-xdist; `make test WORKERS=1` for one worker): four workers
# on two cores, because a browser test waits on Chromium and the server half of its time, and
# another worker computes meanwhile. The tests that share a server of their own run in one
# worker; tests/conftest.py groups them and spreads the waiting tests through the run, in the
# order it gives (--no-loadscope-reorder).
WORKERS ?= 4
PARALLEL := -n $(WORKERS) --dist loadgroup --no-loadscope-reorder

test: install browser check-requirements lint validate
	$(PY) -m pytest $(PARALLEL)

# While you work: lint, format, import contracts, the data's validation and every test that
# needs no browser and no office suite, in a couple of minutes. `make test` (CI) runs it all.
# Hypothesis runs a fifth of its examples here (the "check" profile, tests/conftest.py); `make
# test` runs all of them. Two workers: these tests keep a core busy, more would only queue.
check: install check-requirements lint validate
	HYPOTHESIS_PROFILE=check $(PY) -m pytest -n 2 --dist loadgroup -q -m "not browser and not office"

# Entering a plan must never turn the tests red: clone this repository's HEAD (committed work
# only) into a temporary folder, enter complete made-up plans for Fót and Pombal into its data/
# (scripts/enter_test_plans.py, through the project's own write path), validate it and run the
# suite there, reusing this .venv. Browser tests are left out unless ENTERED_ARGS says otherwise
# (`make test-entered ENTERED_ARGS=` runs them too). Not part of `make test`: it runs the suite again.
ENTERED_ARGS ?= -m "not browser"

test-entered: install
	@copy=$$(mktemp -d) && trap 'rm -rf "$$copy"' EXIT && \
	git clone -q "$(CURDIR)" "$$copy/repo" && \
	ln -s "$$(cd $(VENV) && pwd -P)" "$$copy/repo/.venv" && \
	cd "$$copy/repo" && \
	.venv/bin/python scripts/enter_test_plans.py data && \
	.venv/bin/python -m models validate --data data && \
	.venv/bin/python -m pytest -q -p no:cacheprovider $(PARALLEL) $(ENTERED_ARGS)

install: $(STAMP)

# The app's dependencies only (no test tools); leaves the test tools in place when they are there.
APP_STAMP := $(VENV)/.synced-app
install-app: $(APP_STAMP)

$(APP_STAMP): pyproject.toml uv.lock $(UV_STAMP)
	$(UV) sync --locked --no-dev --inexact
	touch $(APP_STAMP)

$(UV_STAMP):
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv==$(UV_VERSION)
	touch $(UV_STAMP)

# Everything, the app's dependencies included: `make network` in the tests then syncs nothing again.
$(STAMP): pyproject.toml uv.lock $(UV_STAMP)
	$(UV) sync --locked
	touch $(STAMP) $(APP_STAMP)

# After changing the dependencies in pyproject.toml: pin them again (changing no other pin).
lock: $(UV_STAMP)
	$(UV) lock
	$(MAKE) requirements

# Every pin to the newest version pyproject.toml allows; then `make test` before committing.
upgrade: $(UV_STAMP)
	$(UV) lock --upgrade
	$(MAKE) requirements

requirements: $(UV_STAMP)
	{ echo "$$REQUIREMENTS_HEADER"; $(EXPORT); } > requirements.txt

# requirements.txt says what uv.lock says (else: `make lock`).
check-requirements: $(UV_STAMP)
	@{ echo "$$REQUIREMENTS_HEADER"; $(EXPORT); } | diff -u requirements.txt - \
		|| { echo "requirements.txt is not uv.lock's: run make lock"; exit 1; }

# Browser tests drive Debian's Chromium (Playwright's own browser download does not work here);
# the accessibility test runs axe-core (npm, into tests/axe/node_modules) in the page; the deck
# test converts a deck to PDF with LibreOffice (Debian package, installed where missing).
browser:
	@bash scripts/ensure-chromium.sh
	@bash scripts/ensure-axe.sh
	@bash scripts/ensure-office.sh

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) scripts/house_rules.py

validate: install
	$(PY) -m models validate

# data/city-template.yaml's action part, written from the schema's fields (models/schema.py):
# run it after adding or changing a field of an action.
template: install
	$(PY) -m models template --write

benchmark: install
	$(PY) scripts/benchmark.py

# For a meeting: the presentation deck and the offline HTML report of the whole network.
deck: install
	$(PY) -m models deck --out out/breaking-isolation.pptx

report: install
	$(PY) -m models html-report --out out/breaking-isolation.html

# Load, page reruns at 10/100/300/3,000 cities, first chart in Chromium, memory, 20 browser
# sessions during an edit: prints a table, writes bench/results.json and README's figures.
bench: install browser
	$(PY) scripts/bench.py

# The interface's texts: read every _("...") of the code and templates into locale/messages.pot,
# then bring each language's catalog (locale/<language>/LC_MESSAGES/messages.po) in step:
# new texts added empty (shown in English until translated), texts no longer used dropped.
# A new language: `make catalog NEW=it` makes locale/it/LC_MESSAGES/messages.po to fill in.
catalog: install
	$(VENV)/bin/pybabel -q extract -F babel.cfg --add-location=file --sort-by-file --no-wrap \
		--project="IAP dashboard" --copyright-holder="the dashboard's authors" \
		-c "Translators:" -o locale/messages.pot .
	@if [ -n "$(NEW)" ]; then $(VENV)/bin/pybabel -q init -i locale/messages.pot -d locale -l $(NEW) --no-wrap; fi
	$(VENV)/bin/pybabel -q update -i locale/messages.pot -d locale --ignore-obsolete --no-fuzzy-matching \
		--no-wrap

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/artifacts
