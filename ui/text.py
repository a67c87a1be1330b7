"""Text from the data shown as text on a page, never as markdown."""

from __future__ import annotations

from words import clipped

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
