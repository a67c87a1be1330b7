"""Showing a figure with the numbers behind it one click away, and its exports."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui import exports
from ui.data import load
from ui.text import PLAIN_LIMIT, headers, plain  # noqa: F401  (pages import them from here)
from words.i18n import _


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
    _network, tables = load()
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
        # The expander tracks whether it is open, so the table and its download buttons are
        # only made for a table someone looks at: a closed one sends nothing, and a page
        # whose tables are all closed never makes the browser load the table's code.
        box = st.expander(_("Numbers behind this chart"), key=f"{key}_numbers", on_change="rerun")
        with box:
            if box.open:
                numbers = headers(numbers)  # the same headers on screen and in the files
                st.dataframe(numbers, hide_index=True, placeholder="")
                title = " ".join(str(fig.layout.title.text or name).replace("<br>", " ").split())
                exports.table_downloads(numbers, name, title, key, tables)
    return event


def sections(labels: list[str], *, key: str) -> list:
    """Tabs whose content is made only when chosen (the first is chosen at first): a page's
    first view holds its headline and one chart, and the browser draws only the open tab.
    Each returned tab has `.open`; build a tab's content under `if tab.open:`."""
    return st.tabs(labels, key=key, on_change="rerun")


def finding(fig: go.Figure, name: str) -> str:
    """A chart's finding (its title) as plain text: what a screen reader says for it."""
    text = re.sub(r"<[^>]+>", " ", str(fig.layout.title.text or name))
    return " ".join(text.split()) or name
