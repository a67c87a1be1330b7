"""The second reader (second_reader.py) on what people read: every page (AppTest), the city
reports of Agen and Isernia, the network report and a deck for Agen and Isernia, in French and
in English. It fails on a name put after an unelided « de/le/que », on « de le/de les », on a
bracketed plural, on an ISO date inside a sentence and on "1 ... s" in English; and the
catalog's own templates are read for a name placeholder after « de/le/que »."""

from __future__ import annotations

import re

import page_visits
import pytest
from babel.messages.pofile import read_po
from conftest import REAL_DATA, ROOT
from pptx import Presentation
from screen_text import clear_shared_caches, screen_texts
from second_reader import faults
from streamlit.testing.v1 import AppTest
from test_french_outputs import _page_texts, _slide_texts

from analysis.frames import build_tables
from analysis.presentation import VIEWS, steps
from analysis.stamp import stamp_text
from models.loader import load_network
from outputs import deck, report, report_html
from words.i18n import use_language

PO = ROOT / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
LANGUAGES = ["fr", "en"]
# The Lead Expert's city (its plan not entered) and the one whose plan is entered.
CITIES = ["agen", "isernia"]
# From ui/registry.py: the pages open to all (My city is read city by city, Present step by
# step, below), the pages chosen for a city, and each page's lazily made tabs.
NETWORK_PAGES = [path for path in page_visits.open_to_all() if path not in ("mycity", "present")]
CITY_PAGES = ["mycity", "progress"]
TABBED = page_visits.tabs()


# --- the reader itself: it finds what it must, and only that ----------------------------------


@pytest.mark.parametrize(
    ("text", "language", "fault"),
    [
        ("Agen : plan non saisi ; ses actions relèvent de Aider et Prévenir", "fr", "unelided"),
        ("les 7 domaines prioritaires de Étude de référence", "fr", "unelided"),
        ("a repris Mission locale, venant de « Agen »", "fr", "unelided"),
        ("Aucune action connue n'atteint de les tous les habitants", "fr", "« de le/de les »"),
        ("Budget : 3 inconnu(s)", "fr", "bracketed plural"),
        ("Au 2026-12-07 : 31 indicateurs", "fr", "ISO date"),
        ("Not saved: 2 problem(s) to fix first.", "en", "bracketed plural"),
        ("Bijelo Polje: IAP document not entered yet, 1 plan actions.", "en", "a count of one"),
        ("Saved 1 city files: agen.yaml.", "en", "a count of one"),
        ("On 2026-12-07: 31 indicators", "en", "ISO date"),
    ],
)
def test_the_reader_finds_each_fault(text, language, fault):
    assert any(fault in name for name, _ in faults([text], language)), faults([text], language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Agen : plan non saisi ; interventions de ses actions connues : Aider et Prévenir", "fr"),
        ("« Mission locale » (provenance : Agen)", "fr"),
        ("les 7 domaines prioritaires (Étude de référence)", "fr"),
        ("Au 7 décembre 2026 : 31 indicateurs", "fr"),
        ("Données de Hongrie, d'Agen et de 12 villes", "fr"),
        ("progress-on-2026-12-07.csv", "fr"),
        ("Bijelo Polje: IAP document not entered yet, 1 plan action.", "en"),
        ("Based on 1 entered plan (Isernia) of 10 cities", "en"),
        ("1 of 10 cities; 21 cities; 1 plan action falls in 2 cells", "en"),
        ("On 7 December 2026: 31 indicators", "en"),
        ("Help\nIsolated people\npeer cities: 1\ngap\npeer cities: 0", "en"),  # table cells, line by line
    ],
)
def test_the_reader_lets_right_text_pass(text, language):
    assert faults([text], language) == []


# The plan import's page is being reworked on its own branch, its texts with it.
LEFT_TO_THE_IMPORT = ("pages/import_plan.py",)

# --- the catalog's templates ---------------------------------------------------------------------

# A placeholder that stands for a number, an amount or a date fits after « de » (« de 8 »,
# « le 7 décembre »); one for a name or a label does not. A name in « » stands apart.
_NUMBER_PLACEHOLDERS = {
    "n", "num", "count", "total", "known", "unknown", "rest", "more", "shown", "left", "m", "k",
    "population", "year", "money", "amount", "amounts", "start", "end", "when", "day", "size",
    "limit", "seconds",
}  # fmt: skip
_NAME_AFTER_ELIDING = re.compile(r"(?<![\w'’-])(?:de|le|la|que)\s+(\{([a-z_]+)\}|%\(([a-z_]+)\)s)", re.I)


def test_no_french_template_puts_a_name_after_de_le_or_que():
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    wrong = []
    for message in catalog:
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        for text in strings:
            for match in _NAME_AFTER_ELIDING.finditer(text or ""):
                name = match.group(2) or match.group(3)
                if name not in _NUMBER_PLACEHOLDERS:
                    wrong.append(text)
    assert not wrong, "\n".join(wrong)


def test_no_english_text_of_the_catalog_has_a_bracketed_plural_or_a_plural_singular():
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    bracketed = [
        m.id
        for m in catalog
        if m.id
        and any(
            name in ("bracketed plural", "a count of one with a plural noun")
            for name, _text in faults(list(m.id) if isinstance(m.id, tuple) else [m.id], "en")
        )
        and not {path for path, _line in m.locations} <= set(LEFT_TO_THE_IMPORT)
    ]
    assert not bracketed, bracketed
    one_form = [
        m.id[0]
        for m in catalog
        if isinstance(m.id, tuple)
        and m.id[0] == m.id[1]
        and re.search(r"\{n\}|%\(num\)s", m.id[0])
        and not {path for path, _line in m.locations} <= set(LEFT_TO_THE_IMPORT)
    ]
    # Those that read well for one (a count beside "of {total}", a status: "{n} on track") are
    # the only ones left with one English form.
    fine = re.compile(
        r"of \{total\}|of \{n\}|\{n\} (achieved|on track|behind|not reached|no |not started)|more|in this plan"
    )
    assert [text for text in one_form if not fine.search(text)] == []


# --- the outputs ------------------------------------------------------------------------------


def _check(where: str, texts: list[str], language: str) -> None:
    found = faults(texts, language)
    assert not found, f"{where} ({language}):\n" + "\n".join(f"{name}: {text!r}" for name, text in found[:20])


@pytest.fixture(params=LANGUAGES)
def language(request):
    clear_shared_caches()
    with use_language(request.param):
        yield request.param
    clear_shared_caches()


def test_the_deck_for_agen_and_isernia_reads_right(language):
    tables = build_tables(load_network(REAL_DATA))
    sequence = steps(list(VIEWS), CITIES, tables)
    pptx = deck.deck_bytes(tables, sequence, stamp_text(None, tables.cities))
    _check("deck", _slide_texts(pptx), language)
    assert Presentation  # the deck opens (read above)


def test_the_network_report_reads_right(language):
    tables = build_tables(load_network(REAL_DATA))
    _check(
        "network report",
        _page_texts(report_html.report_html(tables, stamp_text(None, tables.cities))),
        language,
    )


@pytest.mark.parametrize("city", CITIES)
def test_the_city_reports_read_right(language, city):
    tables = build_tables(load_network(REAL_DATA))
    _check(f"{city}'s report", _page_texts(report.city_report_html(tables, city)), language)


def _open(page: str, language: str, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = language
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _every_view(at: AppTest, page: str) -> list[str]:
    """What the page shows as it opens and on each of its tabs, its charts' numbers opened."""
    texts: list[str] = []
    labels = [None] + [tab.label for tab in at.tabs][1:] if page in TABBED else [None]
    for label in labels:
        if label is not None:
            at.session_state[TABBED[page]] = label
            at.run()
        for chart in at.get("plotly_chart"):
            if chart.key:
                at.session_state[f"{chart.key}_numbers"] = True
        at.run()
        texts += screen_texts(at)
    return texts


@pytest.mark.parametrize("page", NETWORK_PAGES)
def test_every_network_page_reads_right(real_data, language, page):
    params = {"cities": "isernia,agen"} if page == "compare" else {}
    at = _open(page, language, **params)
    _check(page, _every_view(at, page), language)


@pytest.mark.parametrize("city", CITIES)
@pytest.mark.parametrize("page", CITY_PAGES)
def test_the_city_pages_of_agen_and_isernia_read_right(real_data, language, page, city):
    at = _open(page, language, city=city)
    _check(f"{page} of {city}", _every_view(at, page), language)


def test_every_step_of_present_reads_right(real_data, language):
    at = _open("present", language, views=",".join(VIEWS), cities=",".join(CITIES))
    texts = screen_texts(at)
    step = 1
    while not at.button(key="present_next").disabled and step < 20:
        at.button(key="present_next").click().run()
        texts += screen_texts(at)
        step += 1
    assert step >= len(CITIES) + 2
    _check("present", texts, language)
