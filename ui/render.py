"""Showing a figure with the numbers behind it one click away, and its exports."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui import exports
from ui.data import load
from ui.text import PLAIN_LIMIT, plain  # noqa: F401  (pages import them from here)


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
    chart rests on) and the table, with CSV and Excel downloads once it is opened. Its toolbar saves PNG and
    SVG files named after `name` (default: `key`) and the data's date."""
    name = name or key
    _, tables = load()
    stamp = exports.stamp(tables=tables)
    event = st.plotly_chart(
        exports.stamped(fig, stamp),
        key=key,
        config=exports.chart_config(name, tables),
        on_select=on_select,
        selection_mode=selection_mode,
        alt=finding(fig, name),  # the chart's finding, for a screen reader
    )
    if note:
        st.caption(note)
    if numbers is not None:
        # The expander tracks whether it is open, so the download buttons are only made
        # for a table someone looks at: reruns stay light on pages with many charts.
        box = st.expander("Numbers behind this chart", key=f"{key}_numbers", on_change="rerun")
        with box:
            st.dataframe(numbers, hide_index=True)
            if box.open:
                title = " ".join(str(fig.layout.title.text or name).replace("<br>", " ").split())
                exports.table_downloads(numbers, name, title, key, tables)
    return event


def finding(fig: go.Figure, name: str) -> str:
    """A chart's finding (its title) as plain text: what a screen reader says for it."""
    text = re.sub(r"<[^>]+>", " ", str(fig.layout.title.text or name))
    return " ".join(text.split()) or name
