"""The one page registry (ui/registry.py): every page file is in it, and what reads it - the
frame's filters, the warm-up, scripts/every_page.py, scripts/labels.py and the page tests
(tests/page_visits.py) - follows it, so a page added there is visited by every check."""

from __future__ import annotations

import importlib
import sys
from dataclasses import replace

import page_visits
import pytest
from babel.messages.pofile import read_po
from conftest import MINI, ROOT
from streamlit.testing.v1 import AppTest

from ui import registry, warm

sys.path.insert(0, str(ROOT / "scripts"))
import every_page  # noqa: E402

APP = str(ROOT / "app.py")
NEW = registry.Page("newpage", "New page", "star", registry.DATA, signed_in=True)


@pytest.fixture
def one_page_more(monkeypatch):
    """The registry with one page more, as a new line in ui/registry.py makes it."""
    monkeypatch.setattr(registry, "PAGES", (*registry.PAGES, NEW))
    return NEW


def test_every_page_file_has_one_registry_line_and_every_line_a_file():
    files = sorted(path.stem for path in (ROOT / "pages").glob("*.py"))
    listed = [page.path for page in registry.PAGES]
    assert sorted(listed) == files
    assert len(set(listed)) == len(listed)
    assert all((ROOT / page.file).is_file() for page in registry.PAGES)


def test_titles_are_distinct_and_each_page_says_what_it_shows():
    titles = [page.title for page in registry.PAGES]
    assert len(set(titles)) == len(titles)
    assert registry.DEFAULT.path == "overview" and registry.DEFAULT.filtered
    # A page the filters do not apply to and that shows data of its own choice says what.
    for page in registry.PAGES:
        if not page.filtered and page.charts:
            assert page.scope, page.path


def test_titles_sections_and_scopes_are_in_the_french_catalog():
    said = [page.title for page in registry.PAGES] + list(registry.sections())
    said += [page.scope for page in registry.PAGES if page.scope] + [registry.OWN_CHOICE]
    with (ROOT / "locale" / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po)
    # "Budgets" and "Actions" are French words too: a filled-in entry, not a changed word, is asked.
    assert [text for text in said if not (catalog.get(text) and catalog.get(text).string)] == []


@pytest.mark.parametrize(
    ("path", "applies"),
    [
        ("", True),
        ("overview", True),
        ("actions", True),
        ("mycity", False),
        ("history", False),
        ("unheard", True),
    ],
)
def test_where_the_filters_apply(path, applies):
    # "" is the default page; a path the registry does not know is a page run on its own,
    # outside the frame, which keeps the filters as the filtered pages do.
    assert registry.filtered(path) is applies


def test_sections_keep_the_sidebar_order():
    grouped = registry.sections()
    assert list(grouped) == [registry.NETWORK, registry.CITIES, registry.DATA, registry.MEETINGS]
    assert [page for pages in grouped.values() for page in pages] == list(registry.PAGES)


def test_a_page_added_to_the_registry_is_visited_by_the_checks(one_page_more):
    # the AppTest, browser, accessibility and pop-up checks (tests/page_visits.py)
    assert "newpage" in page_visits.paths()
    assert "newpage" in page_visits.addresses()
    assert "newpage" in page_visits.audited_addresses()
    assert page_visits.charts()["newpage"] == 0
    assert page_visits.navigation_titles()[-1] == "New page"
    assert "newpage" in page_visits.signed_in() and "newpage" not in page_visits.open_to_all()
    # every page under AppTest (scripts/every_page.py, part of make bench)
    assert ("newpage", {}, {}) in every_page._page_runs(_tables(), thorough=False)
    # the label survey in every window (scripts/labels.py)
    sys.modules.pop("labels", None)
    labels = importlib.import_module("labels")
    try:
        assert "newpage" in labels.PAGES
    finally:
        sys.modules.pop("labels")  # the next import reads the real registry again


def test_the_warm_up_imports_what_the_registry_pages_import(one_page_more, monkeypatch, tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "app.py").write_text("import json\n", encoding="utf-8")
    for page in registry.PAGES:
        (tmp_path / page.file).write_text("import csv\n", encoding="utf-8")
    (tmp_path / NEW.file).write_text("from email import message\n", encoding="utf-8")
    (tmp_path / "pages" / "draft_not_listed.py").write_text("import wave\n", encoding="utf-8")
    monkeypatch.setattr(warm, "ROOT", tmp_path)
    assert warm.page_modules() == ["json", "csv", "email", "email.message"]


def test_the_sidebar_names_the_filtered_pages_from_the_registry(monkeypatch):
    # Actions no longer takes the filters: its sidebar says so, and the list of pages
    # where they apply no longer names it.
    pages = tuple(replace(p, filtered=False) if p.path == "actions" else p for p in registry.PAGES)
    monkeypatch.setattr(registry, "PAGES", pages)
    monkeypatch.setenv("IAP_DATA_DIR", str(MINI))
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.switch_page("pages/actions.py").run()
    assert not at.exception
    said = " ".join(c.value for c in at.sidebar.caption)
    assert "do not apply on this page: it shows its own selection of data." in said
    assert "They apply on Overview, Coverage, Budgets and Transfers." in said
    assert all(m.disabled for m in at.sidebar.multiselect)


def _tables():
    from analysis.frames import build_tables
    from models import load_network

    return build_tables(load_network(MINI))
