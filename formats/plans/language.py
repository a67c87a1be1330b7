"""The document's language, by lingua (offline: its models are inside the package), among the
languages the model has words for."""

from __future__ import annotations

from functools import lru_cache

from .words import Words


@lru_cache(maxsize=4)
def _detector(codes: tuple[str, ...]):
    # Deferred, heavy: lingua's language models load only when a plan's language is guessed.
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    known = [getattr(IsoCode639_1, c.upper()) for c in codes if hasattr(IsoCode639_1, c.upper())]
    if len(known) < 2:
        return None
    return LanguageDetectorBuilder.from_iso_codes_639_1(*known).with_low_accuracy_mode().build()


# Common languages the model may have no words for: told apart so that a German plan is said
# to be German (read with every language's words), not taken for the nearest language we know.
OTHERS = ("de", "sv", "nl", "pl", "cs", "sk", "fi", "nb", "et", "lv", "lt", "bg", "hr")


def detect(text: str, words: Words) -> tuple[str | None, str | None]:
    """(the model's key for the text's language or None, the language's name in English)."""
    codes = words.detector_codes()
    detector = _detector(tuple(sorted(set(codes) | set(OTHERS))))
    if detector is None or not text.strip():
        return None, None
    found = detector.detect_language_of(text[:20_000])
    if found is None:
        return None, None
    key = codes.get(found.iso_code_639_1.name.lower())
    return key, found.name.title()
