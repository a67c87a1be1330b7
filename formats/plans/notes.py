"""What the reader of a draft must check, kept as found and said in the reader's language.

A draft is made once (on the page of whoever uploads the plan, or on the command line) and read
later, perhaps by someone reading another language. So a draft stores what was found, never a
sentence: each review note is an English template (marked for the catalog) with its values, and
the place on the model is stored as the ids and words that led there. `said_note` and
`placement_reason` put them into words in the language in use, where they are shown.

    {"note": "budget: {amount} read from “{text}”", "values": {"amount": 12000, "currency": "EUR", ...}}

Values are data (numbers, the plan's own words, the model's ids); the few that need words of the
reader's language are worked out here by their name: `amount` with `currency` (and `per_year`),
`axes` (the model's axes to choose), `funders` (funding ids with the words that named them).
"""

from __future__ import annotations

import re

from babel import Locale
from babel.numbers import format_currency

from models.vocabulary import Vocabulary
from words import and_list, parts
from words.i18n import N_, _, in_language, locale, said

AXES = ("interventions", "support_levels", "beneficiaries")


def note(template: str, **values) -> dict:
    """A review note as a draft stores it: `template` (marked with N_() where it is written)
    and its values."""
    return {"note": template, "values": values} if values else {"note": template}


def _money(value, currency: str | None, per_year: bool = False) -> str:
    """12000, 'EUR' -> '€12,000' ('12 000 €' in French); 1.5 keeps its cents; any currency."""
    if not isinstance(value, int | float):
        return str(value)
    cents = 0 if float(value).is_integer() else 2
    pattern = Locale.parse(locale()).currency_formats["standard"].pattern.split(";")[0]
    pattern = re.sub(r"0\.0+", "0." + "0" * cents if cents else "0", pattern)
    shown = format_currency(value, currency or "EUR", format=pattern, locale=locale(), currency_digits=False)
    return _("{amount} a year").format(amount=shown) if per_year else shown


def _said_values(values: dict, vocabulary: Vocabulary | None) -> dict:
    shown = dict(values)
    if "amount" in values:
        shown["amount"] = _money(values["amount"], values.get("currency"), bool(values.get("per_year")))
    if "axes" in values:
        shown["axes"] = and_list(Vocabulary.title_shown(kind) for kind in values["axes"])
    if "funders" in values:
        shown["funders"] = parts(
            _("{place} (words: {words})").format(
                place=vocabulary.label("funding_sources", source) if vocabulary else source,
                words=", ".join(found),
            )
            for source, found in values["funders"].items()
        )
    if "placement" in values:
        shown["placement"] = placement_reason(values["placement"], vocabulary)
    return shown


def said_note(item, vocabulary: Vocabulary | None = None) -> str:
    """A review note in the language in use (a note of an older draft, stored as an English
    sentence, is looked up as it is and otherwise shown as written)."""
    if not isinstance(item, dict) or "note" not in item:
        return in_language(str(item))
    values = _said_values(item.get("values") or {}, vocabulary)
    return in_language(said(item["note"], **values))


def placement_record(placement) -> dict:
    """The place suggested for an action, as found: per axis its ids, the words that led to
    each, and how sure the match is."""
    return {
        kind: {"ids": list(s.ids), "words": {k: list(v) for k, v in s.words.items()}, "sureness": s.sureness}
        for kind, s in zip(
            AXES, (placement.interventions, placement.support_level, placement.beneficiaries), strict=True
        )
    }


def placement_reason(record: dict, vocabulary: Vocabulary | None) -> str:
    """'Suggested by keyword rules, to be checked. Interventions: Help (words: visit), clear
    match. …' in the language in use."""
    said_parts = []
    for kind in AXES:
        found = record.get(kind) or {}
        title = Vocabulary.title_shown(kind)
        title = title[:1].upper() + title[1:]
        if not found.get("ids"):
            said_parts.append(_("{axis}: no word matched, to choose").format(axis=title))
            continue
        places = parts(
            _("{place} (words: {words})").format(
                place=vocabulary.label(kind, i) if vocabulary else i,
                words=", ".join(found.get("words", {}).get(i, [])),
            )
            for i in found["ids"]
        )
        template = (
            N_("{axis}: {places}, clear match")
            if found.get("sureness") == "clear"
            else N_("{axis}: {places}, weak match")
        )
        said_parts.append(_(template).format(axis=title, places=places))
    return _("Suggested by keyword rules, to be checked.") + " " + ". ".join(said_parts) + "."
