"""A reading turned into a draft: each found action as the city file would hold it, new ids that
take nothing of the city's, and for each field what it was read from, for the reviewer."""

from __future__ import annotations

import re

from formats import iap
from models.vocabulary import Vocabulary
from words.i18n import N_, SOURCE_LANGUAGE, use_language

from .found import Found
from .funders import funding_of
from .money import cost_of
from .notes import AXES, note, placement_reason, placement_record
from .placement import suggest
from .reading import Reading, words_of
from .typography import mend_lines
from .words import Words


class NoActions(Exception):
    """Text was read but no action found; `reading` says what was read (headings included)."""

    def __init__(self, reading: Reading):
        super().__init__("no action found")
        self.reading = reading


def new_ids(city_id: str, taken: set[str], count: int) -> list[str]:
    """`count` ids '<city>-a<n>' after the highest number the city uses, none of them taken."""
    numbers = [int(m.group(1)) for t in taken if (m := re.fullmatch(rf"{re.escape(city_id)}-a(\d+)", t))]
    start = max(numbers, default=0) + 1
    ids, n = [], start
    while len(ids) < count:
        candidate = f"{city_id}-a{n}"
        if candidate not in taken:
            ids.append(candidate)
        n += 1
    return ids


def _items(lines: list[str]) -> list[str]:
    return [item for item in iap.listed_items([mend_lines([line]) for line in lines]) if item]


def _people(lines: list[str]) -> list[str]:
    """Names one a line, or separated by semicolons or commas (never inside brackets)."""
    names: list[str] = []
    for line in lines:
        line = mend_lines([line]).lstrip("-•–* ").strip()
        names.extend(iap._split_outside_brackets(line) if re.search(r"[;,]", line) else [line])
    return [n for n in dict.fromkeys(n.strip() for n in names) if n]


def _timing(lines: list[str]) -> dict | None:
    text = mend_lines(lines)
    if not text:
        return None
    years = sorted({int(y) for y in re.findall(r"\b(20[2-4]\d)\b", text)})
    return {
        "start_year": years[0] if years else None,
        "end_year": years[-1] if len(years) > 1 else (years[0] if years else None),
        "detail": text,
    }


def draft_action(
    found: Found, action_id: str, source: str, words: Words, vocabulary: Vocabulary, language
) -> dict:
    f = {name: list(dict.fromkeys(lines)) for name, lines in found.fields.items()}  # merged: once each
    title = mend_lines([found.title])
    description = mend_lines(f.get("description", []))
    target = mend_lines(f.get("target", []))
    cost_text = f.get("cost", [])
    cost = cost_of(mend_lines(cost_text), words)
    funding = funding_of(
        [mend_lines([t]) for t in f.get("funder", [])],
        words,
        vocabulary.ids("funding_sources"),
        also=[mend_lines(cost_text)],
        language=language,
    )
    placement = suggest(
        title,
        " ".join([description, mend_lines(f.get("objective", []))]),
        target,
        words,
        vocabulary,
        language,
    )
    lead_lines = f.get("lead", [])
    lead, extra_partners = (None, [])
    if lead_lines and any(re.match(r"^[\w \-/]{2,40}:", line) for line in lead_lines):
        lead, extra_partners = iap.lead_and_partners(lead_lines)
    elif lead_lines:
        lead = mend_lines(lead_lines)
    partners = list(
        dict.fromkeys(extra_partners + f.get("partner_names", []) + _people(f.get("partners", [])))
    )
    indicators = (
        iap.indicators_of([mend_lines([line]) for line in f.get("indicators", [])])
        if f.get("indicators")
        else []
    )
    if f.get("indicators") and not indicators:  # lines without bullets: one indicator a line
        indicators = iap.indicators_of(["- " + mend_lines([line]) for line in f["indicators"]])

    # What the reviewer must check, as found (said in the reader's language where shown: notes.py).
    review = []
    budget = None
    notes = []
    cost_found = {"amount": cost.value, "currency": cost.currency, "per_year": cost.basis == "per_year"}
    if cost.value is not None and cost.currency == "EUR":
        budget = {
            "amount_eur": int(cost.value) if float(cost.value).is_integer() else cost.value,
            "basis": cost.basis,
            "status": "planned",
            "funding_sources": list(funding.sources),
            "funding_note": funding.note(),
            "source": source,
        }
        review.append(
            note(N_("budget: {amount} read from “{text}”"), **cost_found, text=mend_lines(cost_text))
        )
    elif cost.value is not None:
        notes.append(f"The plan states its cost in {cost.currency}: {cost.described()}.")
        review.append(
            note(
                N_(
                    "budget: the plan states {amount}, not euros; it is kept in the notes, never shown as euros"
                ),
                **cost_found,
            )
        )
    elif cost.undefined:
        review.append(note(N_("budget: the plan says the cost is to be defined, so it is unknown (empty)")))
    else:
        review.append(note(N_("budget: no amount stated, so it is unknown (empty)")))
    if budget is not None and not funding.sources:
        if funding.undefined:
            template = N_(
                "funding: the plan says the funding is to be defined; choose the source when it is known"
            )
        else:
            template = N_("funding: no funder the rules know is named; choose the source")
        review.append(note(template))
        if funding.note():
            review.append(note(N_("funding: the plan names {names}"), names=funding.note()))
    elif funding.sources:
        review.append(note(N_("funding: {funders}"), funders=dict(funding.matched)))
        if funding.note():
            review.append(note(N_("funding: kept as written: {names}"), names=funding.note()))
    unchosen = [kind for kind in AXES if not placement_record(placement)[kind]["ids"]]
    if unchosen:
        review.append(note(N_("to choose: {axes} (no keyword matched)"), axes=unchosen))
    review.append(note(N_("placement: {placement}"), placement=placement_record(placement)))
    if not description:
        review.append(note(N_("description: the plan gives none under this action; write one")))

    with use_language(SOURCE_LANGUAGE):  # the record's English; the page says it in the reader's language
        english_reason = placement_reason(placement_record(placement), vocabulary)
    action = {
        "id": action_id,
        "number": found.number,
        "title": title,
        "kind": "iap_action",
        "description": description or "",
        "testing_origin": None,
        "interventions": list(placement.interventions.ids),
        "support_level": placement.support_level.ids[0] if placement.support_level.ids else "",
        "beneficiaries": list(placement.beneficiaries.ids),
        "target_groups": [],
        "model_reason": english_reason,
        "budget": budget,
        "timing": _timing(f.get("timing", [])),
        "lead": lead,
        "partners": partners,
        "indicators": indicators,
        "inspired_by": [],
        "notes": " ".join(notes) or None,
        "sources": [source],
    }
    return {
        "action": action,
        "lines": sorted(found.lines),
        "sureness": {
            "interventions": placement.interventions.sureness,
            "support_level": placement.support_level.sureness,
            "beneficiaries": placement.beneficiaries.sureness,
        },
        "from_the_plan": {
            "objectives": [mend_lines([x]) for x in f.get("objective", [])],
            "activities": _items(f.get("activities", [])),
            "costs": [mend_lines([x]) for x in cost_text],
            "funding_lines": [mend_lines([x]) for x in f.get("funder", [])],
            "cost": {"value": cost.value, "currency": cost.currency, "basis": cost.basis},
            "funding": {
                "sources": list(funding.sources),
                "note": funding.note(),
                "undefined": funding.undefined,
            },
        },
        "placement": placement_record(placement),
        "review": review,
    }


def draft_plan(
    reading: Reading,
    city_id: str,
    *,
    vocabulary: Vocabulary,
    source: str | None = None,
    taken: set[str] = frozenset(),
) -> dict:
    """The draft of a city's actions from a reading. Raises NoActions when none was found."""
    if not reading.actions:
        raise NoActions(reading)
    words = words_of(vocabulary)
    source = source or f"{city_id}-iap"
    ids = new_ids(city_id, set(taken), len(reading.actions))
    return {
        "city": city_id,
        "city_name": iap.guess_city("\n".join(reading.lines[:400])),
        "document": reading.document.name,
        "source": source,
        "read": reading.summary(),
        "confirmed": [],
        "ideas": [mend_lines([i.title]) for i in reading.ideas],
        "actions": [
            draft_action(found, action_id, source, words, vocabulary, reading.language)
            for found, action_id in zip(reading.actions, ids, strict=True)
        ],
    }
