# Two commands: `make run` starts the app, `make test` runs the whole suite.
# Both create .venv and install what is needed the first time (and again when the
# requirements change).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test test-entered install browser lint validate benchmark bench screenshots clean deck report

run: install
	$(VENV)/bin/streamlit run serve.py --server.port $(PORT)

test: install browser
	$(PY) -m ruff check .
	$(PY) -m models validate
	$(PY) -m pytest

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
	.venv/bin/python -m pytest -q -p no:cacheprovider $(ENTERED_ARGS)

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $(STAMP)

# Browser tests drive Debian's Chromium (Playwright's own browser download does not work here);
# the accessibility test runs axe-core (npm, into tests/axe/node_modules) in the page; the deck
# test converts a deck to PDF with LibreOffice (Debian package, installed where missing).
browser:
	@bash scripts/ensure-chromium.sh
	@bash scripts/ensure-axe.sh
	@bash scripts/ensure-office.sh

lint: install
	$(PY) -m ruff check .

validate: install
	$(PY) -m models validate

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

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/artifacts
