"""The glossary for translators (locale/glossary.yaml) and the catalogs' consistency with it:
one French word per domain term, so that a reader meets the same word on every page."""

from __future__ import annotations

import re

import pytest
import yaml
from babel.messages.pofile import read_po
from conftest import ROOT

GLOSSARY = ROOT / "locale" / "glossary.yaml"
PO = ROOT / "locale" / "fr" / "LC_MESSAGES" / "messages.po"


@pytest.fixture(scope="module")
def terms() -> list[dict]:
    return yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))["terms"]


@pytest.fixture(scope="module")
def french() -> list[tuple[str, str]]:
    """(English, French) of every translated text of the French catalog, each form apart."""
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    pairs = []
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        # Every French form is read beside the English singular and the plural.
        pairs += [(english, text) for text in strings if text for english in ids]
    return pairs


def test_the_glossary_gives_every_domain_term_one_french_word(terms):
    assert len(terms) >= 40
    for term in terms:
        assert term.get("en") and term.get("fr"), term
    english = [term["en"] for term in terms]
    assert len(set(english)) == len(english), "a term is listed twice"
    by_english = {term["en"]: term["fr"] for term in terms}
    # URBACT's own French for its roles and documents.
    assert by_english["Integrated Action Plan (IAP)"] == "plan d'action intégré (PAI)"
    assert by_english["Lead Partner"] == "partenaire chef de file"
    assert by_english["Lead Expert"].startswith("expert principal")
    assert by_english["URBACT Local Group (ULG)"] == "groupe local URBACT"
    assert by_english["transferred practice"] == "pratique transmise"
    assert by_english["host city (the city that took a practice up)"] == "ville d'accueil"


def test_no_translation_uses_a_word_the_glossary_rules_out(terms, french):
    found = [
        (term["en"], avoided, text)
        for term in terms
        for avoided in term.get("avoid", [])
        for _english, text in french
        # A word ruled out is ruled out at the start of a sentence too ("document de plan",
        # "Document de plan"); one given with a capital ("Autre ville", a header) only as given.
        if any(form in text for form in {avoided, avoided[:1].upper() + avoided[1:]})
    ]
    assert not found, "\n".join(f"{en}: « {avoided} » in {text!r}" for en, avoided, text in found)


def test_a_term_the_english_names_has_its_glossary_word_in_french(terms, french):
    """Where the English says 'gap', the French says « lacune » (and so on for every term with
    patterns): a text that translates it another way breaks the glossary."""
    checked = [term for term in terms if term.get("en_pattern")]
    assert len(checked) >= 5
    wrong = [
        (term["en"], english, text)
        for term in checked
        for english, text in french
        if re.search(term["en_pattern"], english, re.IGNORECASE)
        and not re.search(term["fr_pattern"], text, re.IGNORECASE)
    ]
    assert not wrong, "\n".join(f"{en}: {english!r} -> {text!r}" for en, english, text in wrong)


def test_the_check_fails_on_a_translation_off_the_glossary(terms):
    """The check itself can fail: a made-up translation with an avoided word is caught."""
    host = next(term for term in terms if term["fr"] == "ville d'accueil")
    assert any(avoided in "Vers la ville : action" for avoided in host["avoid"])
