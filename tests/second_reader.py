"""A second reader: faults of grammar that a catalog check cannot see, because they appear only
once a name or a number is put into a sentence.

`faults(texts, language)` reads what a page, a report or a deck shows and returns each sentence
that holds one of:
- in French, a word that must elide left whole before a vowel (« de Agen », « que Isernia »,
  « le Étude »): a name or a label put after « de », « le », « que »... by a template that
  cannot carry it;
- in French, « de le » or « de les » (« du », « des »);
- in any language, a bracketed plural (« inconnu(s) », "problem(s)");
- in any language, an ISO date inside a sentence (« Au 2026-12-07 »): a date is written the
  language's way (« 7 décembre 2026 »);
- in English, a count of one with a plural noun ("1 plan actions", "1 files").
"""

from __future__ import annotations

import re

# French words that elide before a vowel (and a mute h, left out: « de Hongrie » is right).
_ELIDING = r"de|le|la|que|ne|je|me|te|se|jusque|lorsque|puisque"
_VOWEL = "aeiouyàâäéèêëîïôöûüAEIOUYÀÂÄÉÈÊËÎÏÔÖÛÜ"
UNELIDED = re.compile(rf"(?<![\w'’-])(?:{_ELIDING})\s+[«\"“]?\s*[{_VOWEL}]", re.IGNORECASE)
# « de le », « de les »: contracted in French (« du », « des »), whatever follows.
DE_LE = re.compile(r"(?<![\w'’-])de\s+les?(?![\w'’-])", re.IGNORECASE)
BRACKETED_PLURAL = re.compile(r"\w\((?:s|e|es|x|nt)\)", re.IGNORECASE)
ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")
# A noun the interface counts: "1 plan actions", "1 known plan actions", "1 files".
_COUNTED = (
    r"actions|cities|plans|files|problems|changes|slides|transfers|indicators|values|cells|areas|"
    r"practices|sources|estimates|ideas|reports|years|interventions|versions|accounts|rows|sheets|"
    r"groups|levels|parts|peers|documents|entries|records|errors|targets"
)
# Within one line: a page's text read as a whole puts a table's cells on lines of their own, and
# "peer cities: 1" above a cell "gap" above "peer cities: 0" is no sentence.
ONE_MANY = re.compile(rf"(?<![\d.,])\b1[ \t\u00a0]+(?:(?!of\b)[a-z-]+[ \t\u00a0]+){{0,2}}(?:{_COUNTED})\b")

# Words that look like French before a vowel but are not French articles or pronouns in the
# texts shown: a name from the data ("Le Havre" is fine: a capital after it is a name, but
# « de Agen » is exactly the fault, so names are not excused).
_FRENCH_RULES = (("unelided « de/le/que » before a vowel", UNELIDED), ("« de le/de les »", DE_LE))
_EVERY_LANGUAGE = (("bracketed plural", BRACKETED_PLURAL),)
# A date inside a sentence: letters around it. A file name ("…-2026-11-24.csv") is excused by
# ISO_DATE's own guards (a dash or a letter touches it).
_SENTENCE = re.compile(r"[^\W\d_]{3,}")


def faults(texts: list[str], language: str) -> list[tuple[str, str]]:
    """(fault, text) for each text a reader should not meet, in `language` ('en', 'fr')."""
    found: list[tuple[str, str]] = []
    rules = list(_EVERY_LANGUAGE)
    if language == "fr":
        rules += _FRENCH_RULES
    if language == "en":
        rules.append(("a count of one with a plural noun", ONE_MANY))
    for text in texts:
        if not isinstance(text, str) or not text.strip():
            continue
        for name, pattern in rules:
            if pattern.search(text):
                found.append((name, text))
        for match in ISO_DATE.finditer(text):
            rest = text[: match.start()] + text[match.end() :]
            if _SENTENCE.search(rest):
                found.append(("ISO date in a sentence", text))
                break
    return found
