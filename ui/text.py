"""Text from the data shown as text on a page, never as markdown; a table's headers in the
language in use."""

from __future__ import annotations

import pandas as pd

from words import clipped
from words.i18n import SOURCE_LANGUAGE, _, language

# Longest data text a page shows in one piece: 4x the longest real description, so only a
# mistaken or hostile entry is ever cut (the tables and downloads keep it whole).
PLAIN_LIMIT = 2000


def plain(text, limit: int = PLAIN_LIMIT) -> str:
    """Text from the data shown as text: markdown characters are escaped, never rendered;
    text longer than `limit` characters is cut with "…"."""
    if text is None:
        return ""
    out = clipped(str(text), limit)
    for ch in "\\`*_{}[]<>()#+-.!|$~":
        out = out.replace(ch, "\\" + ch)
    return out


def headers(table: pd.DataFrame) -> pd.DataFrame:
    """The table with its column headers in the language in use, for showing it: the code
    names columns in English (marked for the catalog where they are written); a header with
    no entry in the catalog (a city's name, a model label) stays as it is."""
    if language() == SOURCE_LANGUAGE:
        return table
    return table.rename(columns=lambda column: _(column) if isinstance(column, str) else column)
