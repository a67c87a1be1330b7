"""Showing a figure with the numbers behind it one click away."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from insights.theme import PLOTLY_CONFIG, clipped


def chart(
    fig: go.Figure,
    numbers: pd.DataFrame | None,
    *,
    key: str,
    note: str | None = None,
    on_select: str = "ignore",
    selection_mode=("points",),
):
    """Draw `fig`; below it, an optional note (what the chart rests on) and the table."""
    event = st.plotly_chart(
        fig,
        key=key,
        config=PLOTLY_CONFIG,
        on_select=on_select,
        selection_mode=selection_mode,
    )
    if note:
        st.caption(note)
    if numbers is not None:
        with st.expander("Numbers behind this chart"):
            st.dataframe(numbers, hide_index=True)
    return event


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
