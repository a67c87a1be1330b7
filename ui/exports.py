"""What a chart or table on any page exports, and the stamp every export carries.

- The chart toolbar's camera saves a PNG at three times the drawn size, named after the chart and
  the data's date; an "SVG" button added beside it (a few lines of JavaScript on the page,
  no library; in ui/streamlit_private.py, as it reads a private part of plotly.js) saves the
  same chart as SVG. Both are made in the browser: nothing on the
  server, nothing from the internet.
- The figure carries the data stamp under its title, so a saved picture says it too.
- The numbers behind a chart download as CSV and Excel, built only when clicked: the CSV plain
  (header first, the date in its file name), the Excel file with the stamp in its About sheet.
"""

from __future__ import annotations

import html
import re
import weakref

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.stamp import data_date, stamp_text, stamped_name
from figures.stamp import with_stamp
from figures.theme import PLOTLY_CONFIG
from models.loader import resolve_data_dir
from outputs import downloads
from ui.data import load
from ui.language import keeps_language
from ui.shown import shown
from ui.streamlit_private import SKIP_TEXT, SVG_SCRIPT_URL, SVG_TITLE, skip_link_script
from words.i18n import _

PNG = {"scale": 3}  # three times the size drawn: about 3600 pixels wide on a laptop


@st.cache_resource(max_entries=8, show_spinner=False)
def _date(data_dir: str, load_id: int):
    return data_date(data_dir)


def data_day(tables=None):
    """The data's date (analysis.stamp.data_date), once per data load. Pass the tables a
    page already has: it saves a call."""
    if tables is None:
        _network, tables = load()
    return _date(str(resolve_data_dir()), tables.load_id if tables is not None else 0)


def stamp(cities: pd.DataFrame | None = None, tables=None) -> str:
    """The stamp for the cities an export covers; by default those the page shows (ui.shown:
    the sidebar's where its filters apply, the page's own choice where they do not)."""
    if tables is None:
        _network, tables = load()
    if cities is None:
        view = shown(tables)
        return stamp_text(data_day(tables), view.cities, shown=view.selection)
    return stamp_text(data_day(tables), cities)


# Stamped copies of the (cached, shared) figures, made once per figure and stamp:
# id(figure) -> (weak reference to it, {stamp: copy}); dropped when the figure goes.
_STAMPED: dict[int, tuple[weakref.ref, dict[str, go.Figure]]] = {}


def stamped(fig: go.Figure, text: str) -> go.Figure:
    entry = _STAMPED.get(id(fig))
    if entry is None or entry[0]() is not fig:
        entry = (weakref.ref(fig), {})
        _STAMPED[id(fig)] = entry
        weakref.finalize(fig, _STAMPED.pop, id(fig), None)
    copies = entry[1]
    if text not in copies:
        copies[text] = with_stamp(fig, text)
    return copies[text]


def slug(name: str) -> str:
    """'coverage_grid_support_level' -> 'coverage-grid-support-level' (safe in any file system)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "chart"


def file_stem(name: str, tables=None) -> str:
    """'coverage_grid_support_level' -> 'coverage-grid-support-level-2026-11-24'."""
    return stamped_name(slug(name), data_day(tables))


def chart_config(name: str, tables=None) -> dict:
    """The toolbar of a chart: PNG at high resolution, named after the chart."""
    config = dict(PLOTLY_CONFIG)
    config["toImageButtonOptions"] = {"format": "png", "filename": file_stem(name, tables), **PNG}
    return config


def csv_bytes(numbers: pd.DataFrame) -> bytes:
    """The table as plain CSV, header first; the data's date is in the file's name and the
    full stamp in the Excel file's About sheet."""
    return downloads.csv_bytes(numbers)


def excel_bytes(numbers: pd.DataFrame, text: str, title: str, made_with: str | None = None) -> bytes:
    """The table as an Excel workbook: the numbers, and a sheet saying what they are."""
    return downloads.excel_bytes(
        numbers, _("Numbers"), {_("Chart"): title, _("Data"): text}, made_with or _("the dashboard")
    )


def made_with(tables=None) -> str:
    """'Breaking Isolation dashboard': the dashboard, after the network's name (data/model.yaml)."""
    if tables is None:
        _network, tables = load()
    if tables is None:
        return _("the dashboard")
    return _("{network} dashboard").format(network=tables.vocabulary.name)


def table_downloads(numbers: pd.DataFrame, name: str, title: str, key: str, tables=None) -> None:
    """CSV and Excel buttons for a table; the files are built only when clicked (outside the
    page's run, hence in the page's language by keeps_language)."""
    text = stamp(tables=tables)
    stem = file_stem(name, tables)
    maker = made_with(tables)
    left, right = st.columns(2)
    left.download_button(
        _("Table as CSV"),
        keeps_language(lambda: csv_bytes(numbers)),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        on_click="ignore",
        icon=":material/download:",
    )
    right.download_button(
        _("Table as Excel"),
        keeps_language(lambda: excel_bytes(numbers, text, title, maker)),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        on_click="ignore",
        icon=":material/download:",
    )


def skip_link() -> None:
    """Streamlit's skip link ("Skip to main content") in the page's language (the script is
    in ui/streamlit_private.py: the link is not public). Called once per run, from the frame."""
    st.html(skip_link_script(_(SKIP_TEXT)), unsafe_allow_javascript=True)


def svg_toolbar() -> None:
    """Add the SVG button to every chart of the app (the script runs once per browser tab
    and watches for charts drawn later). Called once, from the frame's sidebar."""
    title = html.escape(_(SVG_TITLE), quote=True)  # its tooltip in the language in use
    st.html(f'<script src="{SVG_SCRIPT_URL}" data-title="{title}"></script>', unsafe_allow_javascript=True)
