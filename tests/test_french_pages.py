"""Every page in French, nothing left in English by accident.

Each page runs under AppTest with ?lang=fr and a French catalog whose every answer carries
two invisible marks (screen_text.py); every text on the page - every tab of it, every
"Numbers behind this chart" opened, each step of Present, the data pages signed out and
signed in - must come from the catalog or be the data's own text. A text some code writes
without `_()` fails the test, named with its page.
"""

from __future__ import annotations

import page_visits
import pytest
from conftest import ROOT
from screen_text import data_texts, marked_catalog, marked_code, screen_texts, untranslated
from streamlit.testing.v1 import AppTest

from models.loader import resolve_data_dir

# From ui/registry.py: a page's lazily made tabs, the pages open to all (Present has its own
# test, step by step) and the data pages, whose work needs signing in.
TABBED = page_visits.tabs()
NETWORK_PAGES = [path for path in page_visits.open_to_all() if path != "present"]
DATA_PAGES = page_visits.signed_in()
LEAD_PASSWORD = "lead-password"


@pytest.fixture
def french_marked(monkeypatch, real_data):
    marked_catalog(monkeypatch, "fr")
    monkeypatch.setenv("IAP_EDIT_PASSWORD", LEAD_PASSWORD)
    monkeypatch.setattr("ui.access.REFUSAL_PAUSE_S", 0)
    return data_texts(resolve_data_dir())


def _ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def _open(page: str, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    # French with every catalog answer marked: a language of its own (screen_text.marked_catalog),
    # so Streamlit's caches, kept from test to test, never give it plain French views
    at.query_params["lang"] = marked_code("fr")
    for name, value in params.items():
        at.query_params[name] = value
    _ok(at.run())
    return _ok(at.switch_page(f"pages/{page}.py").run())


def _open_tables(at: AppTest) -> None:
    """Opens every chart's "Numbers behind this chart" (made only when opened)."""
    keys = [chart.key for chart in at.get("plotly_chart") if chart.key]
    for key in keys:
        at.session_state[f"{key}_numbers"] = True  # as if the table were opened
    if keys:
        _ok(at.run())


def _views(at: AppTest, page: str):
    """The page as it opens, then each of its tabs."""
    _open_tables(at)
    yield "", screen_texts(at)
    key = TABBED.get(page)
    if key is None:
        return
    labels = [tab.label for tab in at.tabs]
    for label in labels[1:]:
        at.session_state[key] = label
        _ok(at.run())
        _open_tables(at)
        yield f" (tab {label!r})", screen_texts(at)


def _check(found: dict[str, list[str]]) -> None:
    """Fails naming each text left in English once, with the first view it was seen on."""
    first_seen: dict[str, str] = {}
    for where, left in found.items():
        for text in left:
            first_seen.setdefault(text, where)
    assert not first_seen, f"{len(first_seen)} texts on screen not from the catalog:\n" + "\n".join(
        f"{where}: {text!r}" for text, where in first_seen.items()
    )


@pytest.mark.parametrize("page", NETWORK_PAGES)
def test_every_network_and_city_page_is_french(french_marked, page):
    params = {"city": "isernia"} if page in ("mycity", "progress") else {}
    if page == "compare":
        params = {"cities": "isernia,agen"}
    at = _open(page, **params)
    _check({f"{page}{where}": untranslated(texts, french_marked) for where, texts in _views(at, page)})


def test_present_is_french_at_every_step(french_marked):
    at = _open("present", views="glance,coverage,gaps,budgets,transfers,progress", cities="isernia,roman")
    found = {"present step 1": untranslated(screen_texts(at), french_marked)}
    step = 1
    while not at.button(key="present_next").disabled and step < 12:
        _ok(at.button(key="present_next").click().run())
        step += 1
        found[f"present step {step}"] = untranslated(screen_texts(at), french_marked)
    assert step >= 8  # six views and two cities were stepped through
    _check(found)


@pytest.mark.parametrize("page", DATA_PAGES)
def test_every_data_page_is_french_signed_out_and_signed_in(french_marked, page):
    at = _open(page)
    found = {f"{page} (signed out)": untranslated(screen_texts(at), french_marked)}
    password = [w for w in at.text_input if w.key == "edit_password"]
    if password:
        password[0].input(LEAD_PASSWORD)
        _ok(at.button[0].click().run())
        found[f"{page} (signed in)"] = untranslated(screen_texts(at), french_marked)
    _check(found)


@pytest.mark.parametrize("page", NETWORK_PAGES + ["present"])
def test_another_network_runs_in_french_too(monkeypatch, page):
    """A network whose model.yaml gives no French (its labels are its own words, shown as
    written): every page runs in French, and all the rest of its text is the catalog's."""
    second = ROOT / "tests" / "fixtures" / "second_network"
    monkeypatch.setenv("IAP_DATA_DIR", str(second))
    marked_catalog(monkeypatch, "fr")
    at = _open(page)
    _check({f"{page} (Harbour Towns)": untranslated(screen_texts(at), data_texts(second))})


@pytest.mark.parametrize("page", DATA_PAGES)
def test_every_data_page_is_french_before_anyone_can_edit(monkeypatch, real_data, page):
    """A fresh deployment: no account and no password yet, so the data pages say they are
    read-only - in French too."""
    monkeypatch.delenv("IAP_EDIT_PASSWORD", raising=False)
    monkeypatch.delenv("IAP_CITY_PASSWORDS", raising=False)
    marked_catalog(monkeypatch, "fr")
    at = _open(page)
    _check({f"{page} (read-only)": untranslated(screen_texts(at), data_texts(resolve_data_dir()))})
