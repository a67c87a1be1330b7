"""Funders named in a plan, mapped to the model's funding sources by the rules of the data
(data/model.yaml: `iap_import.funding_sources` and each language's). Never a default: a name no
rule knows is kept word for word, and no funder stated leaves the sources empty."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .words import Stems, Words, normal


@dataclass(frozen=True)
class Funding:
    sources: list[str]  # the model's funding source ids, in the order the plan names them
    matched: dict[str, list[str]]  # source -> the words that named it
    unknown: list[str]  # names no rule knows, as written
    undefined: bool  # the plan says the funding is to be defined

    def note(self) -> str | None:
        return "; ".join(self.unknown) or None


# Words around a funder that are not its name ('Possible sources:', 'co-financed by').
_FILLER = re.compile(
    r"^(?:possible sources?|sources? of funding|funding|funded by|co-?financed by|financed by|grant scheme|"
    r"own resources|financement|financé par|finanziamento|finanziato da|financiación|financiado por|"
    r"financiamento|financiado por|forrás|and|et|e|y|und|i|og|și)\b[\s:]*",
    re.IGNORECASE,
)


def funding_of(
    texts: list[str], words: Words, ids: list[str], also: list[str] = (), language: str | None = None
) -> Funding:
    """`texts`: what the plan says of the funding (names no rule knows are kept from these);
    `also`: other text where a funder may be named in passing (the cost line)."""
    named = " ; ".join(t for t in texts if t)
    text = " ; ".join(t for t in [named, *also] if t)
    rules = {
        source: Stems(tuple(stems)) for source, stems in words.rules_for("funding_sources", language).items()
    }
    matched: dict[str, list[str]] = {}
    positions: dict[str, int] = {}
    for source, stems in rules.items():
        if source not in ids:
            continue
        found = stems.found(text)
        if found:
            matched[source] = list(dict.fromkeys(found))
            positions[source] = normal(text).find(found[0])
    sources = sorted(matched, key=lambda s: positions[s])
    unknown = []
    for part in re.split(r"[;,\n/+]|\s[-–—]\s|\band\b|\bet\b", named):
        name = _FILLER.sub("", part.strip(" .:()*")).strip(" .:()*")
        if len(name) < 3 or re.search(r"\d", name) or words.undefined.found(name):
            continue
        if any(stems.found(name) for stems in rules.values()):
            continue
        if words.field_of(name, exact=True):
            continue
        unknown.append(name)
    return Funding(sources, matched, list(dict.fromkeys(unknown)), bool(words.undefined.found(text)))
