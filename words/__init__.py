"""Words about numbers: money, counts of people, long text cut short. No streamlit."""

from __future__ import annotations

import pandas as pd

# Longest data text a chart shows in a label or a hover (a title, a name): longer text is
# cut with "…" so that a 100 kB title cannot swamp a chart; the tables keep it whole.
LONG_TEXT = 300


def clipped(text: str, limit: int = LONG_TEXT) -> str:
    """`text` cut to `limit` characters, ending in "…" when it was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def euros(value: float | None) -> str:
    """12345.0 -> '€12,345'; None -> 'unknown'."""
    if value is None or value != value:  # None or NaN
        return "unknown"
    return f"€{value:,.0f}"


def inhabitants(value, approximate=False) -> str:
    """20684 -> '20,684'; a figure its source gives as approximate -> 'about 16,770';
    unknown -> 'unknown'."""
    if value is None or value is pd.NA or value != value:  # None, <NA> or NaN
        return "unknown"
    return ("about " if is_flag(approximate) else "") + f"{float(value):,.0f}"


def is_flag(value) -> bool:
    """True for a true flag; False for false, None, <NA> and NaN (a table's empty cell)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return False
    return bool(value)
