"""The network's languages, as data: the words of data/model.yaml (`iap_import.languages`)
gathered for the readers. Structure words (labels, action headings, sections) of every language
are tried on every document, since plans mix languages ('Action 1' over French text); funders
and placement add the document's language to the rules that hold for every language.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from models.schema import ImportRules, PlanWords


def normal(text: str) -> str:
    """For comparing labels: case folded, apostrophes and spaces made one kind, marks of
    Markdown and numbering dropped ('**Coût estimé :**' -> 'coût estimé')."""
    text = unicodedata.normalize("NFC", text).casefold().replace("’", "'").replace("`", "'")
    text = re.sub(r"[*_#>]+", " ", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" :-–—.\t")


@dataclass(frozen=True)
class Stems:
    """Word stems matched at the start of words (as written, case folded)."""

    stems: tuple[str, ...]

    @cached_property
    def pattern(self) -> re.Pattern | None:
        if not self.stems:
            return None
        alternatives = sorted((re.escape(normal(s)) for s in self.stems), key=len, reverse=True)
        return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")", re.IGNORECASE)

    def found(self, text: str) -> list[str]:
        return self.pattern.findall(normal(text)) if self.pattern else []


class Words:
    """Every language's words of one model, ready for the readers."""

    def __init__(self, rules: ImportRules):
        self.rules = rules
        self.languages: dict[str, PlanWords] = dict(rules.languages)
        every = list(self.languages.values())
        # label (normalised) -> field; longest labels tried first ('total costs' before 'cost').
        self.labels: dict[str, str] = {}
        for words in every:
            for name, labels in words.fields.items():
                for label in labels:
                    self.labels.setdefault(normal(label), name)
        self._labels_longest = sorted(self.labels, key=len, reverse=True)
        self.action_words = sorted(
            {normal(w) for words in every for w in words.action}, key=len, reverse=True
        )
        self.title_columns = {normal(w) for words in every for w in words.title_column}
        self.sections: dict[str, str] = {}
        for words in every:
            for name, headings in words.sections.items():
                for heading in headings:
                    self.sections.setdefault(normal(heading), name)
        self.totals = {normal(w) for words in every for w in words.total}
        self.undefined = Stems(tuple(w for words in every for w in words.undefined))
        self.per_year = tuple(normal(w) for words in every for w in words.per_year)
        self.overall = tuple(normal(w) for words in every for w in words.overall)
        self.per_unit = tuple(normal(w) for words in every for w in words.per_unit)
        self.page_words = sorted({normal(w) for words in every for w in words.page}, key=len, reverse=True)

    # --- labels --------------------------------------------------------------------------------

    def field_of(self, label: str, *, exact: bool = False) -> str | None:
        """The field a label names ('Responsible bodies/person for implementation' -> lead):
        the longest known label it starts with, followed by the end or a non-letter."""
        key = normal(re.sub(r"^\s*[-•–*]\s*", "", label))
        key = re.sub(r"^\d+(\.\d+)*[.)]?\s+", "", key)  # '3. Description' -> 'description'
        if not key or len(key) > 90:
            return None
        for known in self._labels_longest:
            if key == known or (not exact and key.startswith(known) and not key[len(known)].isalpha()):
                return self.labels[known]
        return None

    def section_of(self, heading: str) -> str | None:
        """A heading that opens a section without actions ('Sommaire', 'Monitoring', 'Other
        ideas'): the whole heading, or its start, is one of the section words."""
        key = normal(re.sub(r"^[\d.]+\s*", "", normal(heading)))
        if key in self.sections:
            return self.sections[key]
        for known in sorted(self.sections, key=len, reverse=True):
            if key.startswith(known + " ") and len(key) <= len(known) + 40:
                return self.sections[known]
        return None

    def is_total(self, cell: str) -> bool:
        key = normal(cell)
        return key in self.totals or any(key.startswith(t + " ") and len(key) < 40 for t in self.totals)

    # --- per language ---------------------------------------------------------------------------

    def rules_for(self, kind: str, language: str | None) -> dict[str, list[str]]:
        """One axis's (or the funders') stems: every language's rules, then the document's."""
        merged: dict[str, list[str]] = {k: list(v) for k, v in getattr(self.rules, kind).items()}
        for code, words in self.languages.items():
            if language is None or code == language:
                for place, stems in getattr(words, kind).items():
                    merged.setdefault(place, []).extend(stems)
        return merged

    def detector_codes(self) -> dict[str, str]:
        """The detector's ISO 639-1 code -> the language's key here."""
        codes = {}
        for code, words in self.languages.items():
            for detected in words.detect_as or [code]:
                codes.setdefault(detected.lower(), code)
        return codes
