"""Any network renders (issue 16): on a synthetic network whose cities share display names,
with a name of 200 characters and a city of 300 actions, every page (through the frame,
under AppTest) and every export runs without exception. `make bench` runs the same check
on 100 and 3,000 cities (scripts/every_page.py)."""

from __future__ import annotations

import sys
from collections import Counter

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from every_page import WHOLE_NETWORK_REPORT, awkward_cities, check_exports, check_pages  # noqa: E402
from synthetic import BIG_CITY_ACTIONS, LONG_NAME, make_network  # noqa: E402

from analysis.frames import build_tables
from models import load_network


@pytest.fixture(scope="module")
def hard(tmp_path_factory):
    return make_network(12, tmp_path_factory.mktemp("hard") / "data", hard=True)


def test_the_hard_network_is_valid_and_hard(hard):
    network = load_network(hard)
    assert network.problems == []
    names = Counter(plan.city.name for plan in network.cities)
    assert names.most_common(1)[0][1] >= 2  # cities share a display name
    assert max(len(name) for name in names) == LONG_NAME
    assert max(len(plan.actions) for plan in network.cities) == BIG_CITY_ACTIONS
    tables = build_tables(network)
    chosen = awkward_cities(tables)
    assert len(chosen) >= 3  # the biggest, the longest name, two of one name (the biggest may be one)


def test_every_page_runs_on_the_hard_network(hard, monkeypatch):
    monkeypatch.setenv("IAP_DATA_DIR", str(hard))
    failures, slowest = check_pages(hard, timeout=120, thorough=False)
    assert failures == []
    assert set(slowest) >= {"overview", "transfers", "mycity", "present"}


def test_every_export_is_built_for_the_hard_network(hard):
    # The whole-network report is built section by section for every city (slow): the
    # city reports here, and the whole report on 100 and 3,000 hard cities in `make bench`.
    failures, built = check_exports(hard, skip=(WHOLE_NETWORK_REPORT,))
    assert failures == []
    assert "presentation deck" in built and any(name.startswith("city report") for name in built)
