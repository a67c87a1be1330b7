"""Showing a figure with the numbers behind it one click away, and its exports."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui import exports


def chart(
    fig: go.Figure,
    numbers: pd.DataFrame | None,
    *,
    key: str,
    note: str | None = None,
    on_select: str = "ignore",
    selection_mode=("points",),
    name: str | None = None,
):
    """Draw `fig` with the data stamp under its title; below it, an optional note (what the
    chart rests on) and the table with CSV and Excel downloads. Its toolbar saves PNG and
    SVG files named after `name` (default: `key`) and the data's date."""
    name = name or key
    stamp = exports.stamp()
    event = st.plotly_chart(
        exports.stamped(fig, stamp),
        key=key,
        config=exports.chart_config(name),
        on_select=on_select,
        selection_mode=selection_mode,
    )
    if note:
        st.caption(note)
    if numbers is not None:
        with st.expander("Numbers behind this chart"):
            st.dataframe(numbers, hide_index=True)
            title = " ".join(str(fig.layout.title.text or name).replace("<br>", " ").split())
            exports.table_downloads(numbers, name, title, key)
    return event


def plain(text) -> str:
    """Text from the data shown as text: markdown characters are escaped, never rendered."""
    if text is None:
        return ""
    out = str(text)
    for ch in "\\`*_{}[]<>()#+-.!|$~":
        out = out.replace(ch, "\\" + ch)
    return out
