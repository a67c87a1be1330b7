"""Mending what PDFs do to words: ligatures, soft hyphens, words broken across lines."""

from __future__ import annotations

import re

# Typographic ligatures a PDF's text layer often keeps as one character ('ﬁnancing').
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_LIGATURE = re.compile("|".join(LIGATURES))
SOFT_HYPHEN = "\u00ad"

# 'implemen-' at the end of a line and 'tation' at the start of the next: one word. Only when
# the next line goes on in lower case, so 'Franco-' / 'Italian' and list dashes stay as written.
_BROKEN_WORD = re.compile(r"(\w)[-\u2010]\s*\n\s*(?=[a-zà-ÿā-ž])")


def mend_line(text: str) -> str:
    """One line: ligatures spelt out, soft hyphens and no-break spaces made plain."""
    text = _LIGATURE.sub(lambda m: LIGATURES[m.group(0)], text)
    return text.replace(SOFT_HYPHEN, "").replace("\u00a0", " ").replace("\u202f", " ")


def mend_lines(lines: list[str]) -> str:
    """Lines of one field joined into text: a word broken over two lines made whole again, the
    rest joined by a space."""
    joined = "\n".join(line.strip() for line in lines if line and line.strip())
    joined = mend_line(joined.replace(SOFT_HYPHEN + "\n", ""))  # 'implemen\xadtation' over two lines
    joined = _BROKEN_WORD.sub(r"\1", joined)
    joined = re.sub(r"\s*\n\s*", " ", joined)
    return re.sub(r"[ \t]{2,}", " ", joined).strip()  # a PDF's layout spreads large type with spaces
