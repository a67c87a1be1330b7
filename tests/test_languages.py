"""The interface's languages: the catalogs, the choice kept in the address, the words of
numbers and of the model in the language in use, a new language by one file."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from conftest import ROOT
from streamlit.testing.v1 import AppTest

import words
import words.i18n as i18n
from models.loader import load_network
from words.i18n import N_, _, ngettext, use_language

PO = ROOT / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*\}|%\([a-z_][a-z0-9_]*\)s")


def _catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle, locale=path.parent.parent.name)


def _key(message) -> tuple:
    return (message.context, message.id if isinstance(message.id, str) else tuple(message.id))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict:
    """The texts the code and templates hand to the catalog today (Babel's own extractor,
    with the project's babel.cfg, as `make catalog` runs it)."""
    out = tmp_path_factory.mktemp("catalog") / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-o",
            str(out),
            ".",
        ],
        cwd=ROOT,
        check=True,
    )
    return {_key(m): m for m in _catalog_pot(out) if m.id}


def _catalog_pot(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def french():
    return {_key(m): m for m in _catalog(PO) if m.id}


# --- the catalogs --------------------------------------------------------------------------


def test_every_text_of_the_code_is_in_the_french_catalog_and_translated(extracted, french):
    missing = [key[1] for key in extracted if key not in french]
    assert not missing, f"not in {PO.relative_to(ROOT)} (run `make catalog`, then translate): {missing[:20]}"
    empty = [
        key[1]
        for key, message in french.items()
        if message.fuzzy or not (message.string if isinstance(message.string, str) else all(message.string))
    ]
    assert not empty, f"not translated (empty or fuzzy) in French: {empty[:20]}"


def test_every_catalog_entry_is_used_by_the_code(extracted, french):
    unused = [key[1] for key in french if key not in extracted]
    assert not unused, f"in the French catalog but no longer in the code (run `make catalog`): {unused[:20]}"


def test_translations_keep_the_placeholders_of_their_english(french):
    """A translation names the same {placeholders} as its English: one it adds would fail when
    filled in, one it drops would hide a figure. A counted text's singular may leave the count
    out ("ce problème"), never add one."""
    wrong = []
    for message in french.values():
        if isinstance(message.id, str):
            english, forms, plural = message.id, [message.string], False
        else:
            english, forms, plural = message.id[1], list(message.string), True
        expected = set(PLACEHOLDER.findall(english))
        for text in forms:
            found = set(PLACEHOLDER.findall(text or ""))
            if text and (not found <= expected if plural else found != expected):
                wrong.append((english, text))
    assert not wrong, wrong[:10]


def test_the_template_is_the_code_s_texts(extracted):
    # locale/messages.pot is what a translator starts a new language from: in step with the code.
    template = {_key(m) for m in _catalog_pot(ROOT / "locale" / "messages.pot") if m.id}
    assert template == set(extracted), "locale/messages.pot is out of date: run `make catalog`"


# --- how a text is looked up ---------------------------------------------------------------


def test_english_is_the_code_s_own_text_and_french_the_catalog_s(french):
    english, message = next((k[1], m) for k, m in french.items() if isinstance(k[1], str) and not k[0])
    assert _(english) == english
    with use_language("fr"):
        assert _(english) == message.string
    assert _(english) == english  # the language ends with its block


def test_an_empty_text_stays_empty():
    # gettext's own answer for "" is the catalog's header ("Project-Id-Version: ..."): an empty
    # table header once showed it on Compare.
    with use_language("fr"):
        assert _("") == ""


def test_counts_take_the_form_of_the_language(tmp_path, monkeypatch):
    _one_language(
        tmp_path, monkeypatch, "fr", [("{n} city", "{n} cities", ("{n} ville", "{n} villes", "{n} villes"))]
    )
    for n, english, french_form in [
        (0, "0 cities", "0 ville"),
        (1, "1 city", "1 ville"),
        (2, "2 cities", "2 villes"),
    ]:
        assert ngettext("{n} city", "{n} cities", n).format(n=n) == english
        with use_language("fr"):
            assert ngettext("{n} city", "{n} cities", n).format(n=n) == french_form  # French: 0 is singular


def test_a_marked_constant_is_translated_where_it_is_shown(tmp_path, monkeypatch):
    _one_language(tmp_path, monkeypatch, "fr", [("Gap", None, "Lacune")])
    label = N_("Gap")
    assert label == "Gap"
    with use_language("fr"):
        assert _(label) == "Lacune"


def test_an_empty_or_fuzzy_translation_shows_the_english(tmp_path, monkeypatch):
    _one_language(
        tmp_path, monkeypatch, "fr", [("Gap", None, ""), ("Covered", None, "Couverte")], fuzzy={"Covered"}
    )
    with use_language("fr"):
        assert _("Gap") == "Gap"
        assert _("Covered") == "Covered"


def test_a_new_language_is_one_po_file(tmp_path, monkeypatch):
    """A translator adds Italian by filling locale/it/LC_MESSAGES/messages.po: it is offered,
    looked up, and its numbers and dates are Italian; nothing else names it."""
    _one_language(tmp_path, monkeypatch, "it", [("Overview", None, "Panoramica")])
    assert "it" in i18n.languages()
    assert i18n.language_name("it") == "Italiano"
    with use_language("it"):
        assert _("Overview") == "Panoramica"
        assert words.day(dt.date(2026, 3, 5)) == "5 marzo 2026"
        assert words.euros(12345) == "12.345\xa0€"
    assert i18n.known_language("xx") == "en"  # no catalog: English


def test_numbers_money_lists_and_dates_follow_the_language():
    assert (words.euros(12345), words.number(2.5), words.day(dt.date(2026, 3, 5))) == (
        "€12,345",
        "2.5",
        "5 March 2026",
    )
    with use_language("fr"):
        assert words.euros(12345) == "12\u202f345\xa0€"
        assert words.number(2.5) == "2,5"
        assert words.day(dt.date(2026, 3, 5)) == "5 mars 2026"
        assert words.and_list(["a", "b", "c"]) == "a, b et c"
        assert words.euros(None) == _(words.UNKNOWN)  # unknown stays unknown, in words


def _model_with_french(data_dir, code="fr", words_given=None):
    """The fixture's model.yaml with its translations replaced by one: help's label in `code`."""
    model = data_dir / "model.yaml"
    content = yaml.safe_load(model.read_text(encoding="utf-8"))
    for kind, terms in content.items():
        for term in terms if isinstance(terms, list) else []:
            if not isinstance(term, dict):
                continue  # a list of ids (the model's sources)
            term.pop("translations", None)
            if kind == "interventions" and term["id"] == "help":
                term["translations"] = {code: words_given or {"label": "Aider"}}
    content["network"].pop("translations", None)
    model.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_model_speaks_the_language_model_yaml_gives(data_dir):
    _model_with_french(data_dir)
    network = load_network(data_dir)
    assert not network.problems, network.problems
    vocabulary = network.vocabulary
    assert vocabulary.label("interventions", "help") == "Help"
    with use_language("fr"):
        assert vocabulary.label("interventions", "help") == "Aider"
        # a term without French keeps its own words
        assert (
            vocabulary.label("interventions", "identify")
            == vocabulary.written_terms["interventions"][0].label
        )


def test_a_language_code_that_is_not_one_is_refused_naming_the_field(data_dir):
    _model_with_french(data_dir, code="French")
    problems = [str(p) for p in load_network(data_dir).problems]
    assert any("model.yaml" in p and "translations" in p for p in problems), problems


# --- the choice, in the address ------------------------------------------------------------


def _frame(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _french(english: str) -> str:
    with use_language("fr"):
        return _(english)


def test_the_address_chooses_the_language_and_the_sidebar_keeps_it(real_data):
    at = _frame(lang="fr")
    choice = at.sidebar.selectbox(key="lang")
    assert choice.value == "fr"
    assert any(
        _french("Figures carry their sources; an unknown figure is shown as unknown.") in c.value
        for c in at.sidebar.caption
    )
    choice.set_value("en").run()
    assert not at.exception
    assert at.query_params.get("lang") in (None, "en", ["en"])
    assert any(
        "Figures carry their sources; an unknown figure is shown as unknown." in c.value
        for c in at.sidebar.caption
    )


def test_an_unknown_language_in_the_address_opens_in_english(real_data):
    at = _frame(lang="xx")
    assert at.sidebar.selectbox(key="lang").value == "en"


def test_the_french_catalog_exists_and_is_offered():
    assert "fr" in i18n.languages()
    assert i18n.language_name("fr") == "Français"


# --- helpers --------------------------------------------------------------------------------


def _one_language(tmp_path, monkeypatch, code, entries, fuzzy=()):
    """A locale folder holding one catalog of `entries` [(msgid, plural or None, translation)]."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(locale=code)
    for msgid, plural, string in entries:
        flags = ("fuzzy",) if msgid in fuzzy else ()
        catalog.add((msgid, plural) if plural else msgid, string, flags=flags)
    folder = tmp_path / "locale" / code / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.po").open("wb") as handle:
        write_po(handle, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    i18n.reload_catalogs()


@pytest.fixture(autouse=True)
def _fresh_catalogs():
    i18n.reload_catalogs()
    yield
    i18n.reload_catalogs()
