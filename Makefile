# Two commands: `make run` starts the app, `make test` runs the whole suite.
# Both create .venv and install what is needed the first time (and again when the
# requirements change).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test install browser lint validate benchmark bench screenshots clean deck report

run: install
	$(VENV)/bin/streamlit run serve.py --server.port $(PORT)

test: install browser
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) -m models validate
	$(PY) -m pytest

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
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

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
