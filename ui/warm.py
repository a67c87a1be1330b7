"""What the server does once when it starts (serve.py), so that its first visitor waits no
longer than the next: import the libraries, load the data, and build the default view of
each page, the Overview's first (it is the page a shared link most often opens).

Views are built through ui.data.cached_view with the keys the pages use when nothing is
chosen yet, so a page's first run finds them made. A failure here is only logged: the
server starts all the same and the pages report the data's problems as usual.
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import datetime
import importlib
import logging
import time
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

from analysis import presentation
from analysis.coverage import shown_cities
from analysis.frames import Filters
from figures import budgets, coverage, mycity, overview, progress, transfers
from figures import presentation as presentation_figures
from figures.parts import made_parts
from ui import exports, registry
from ui.data import cached_view, load
from words.i18n import languages, use_language

LOG = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent


def default_views(tables) -> list[tuple]:
    """(builder, key...) of each page's view when nothing is chosen, the Overview first."""

    nothing = Filters()
    views = [
        (overview.overview_view, nothing),
        (coverage.coverage_view, nothing, False),
        (coverage.coverage_grids_view, nothing, None, False),
        (budgets.budgets_view, nothing),
        (transfers.transfers_view, nothing),
    ]
    cities = list(tables.cities["id"])
    if cities:
        views.append((mycity.mycity_view, cities[0]))
    steps = presentation.steps(list(presentation.VIEWS), cities, tables)
    if steps:
        views += [
            (presentation_figures.present_view, steps[0]),
            (presentation_figures.projector_figure, steps[0]),
        ]
    views.append((progress.progress_view, datetime.date.today(), None))
    return views


def warm() -> dict:
    """Load the data and build the default views; return what took how long (ms)."""
    took = {}
    start = time.perf_counter()
    try:
        _, tables = load()
        took["data"] = round((time.perf_counter() - start) * 1000)
        if tables is None:
            return took
        stamp = exports.stamp(shown_cities(tables, Filters()), tables)  # as a page shows it
        for builder, *key in default_views(tables):
            begun = time.perf_counter()
            for fig in _figures(cached_view(builder, tables, *key)):
                # The copy with the data stamp (kept per figure), and its JSON, as
                # ui.render.chart makes them: plotly's first copy of a themed figure is slow.
                exports.stamped(fig, stamp).to_json()
            took[f"{builder.__module__}.{builder.__name__}"] = round((time.perf_counter() - begun) * 1000)
        begun = time.perf_counter()
        _streamlit_first_use()
        took["streamlit"] = round((time.perf_counter() - begun) * 1000)
        begun = time.perf_counter()
        for name in page_modules():
            with contextlib.suppress(ImportError):  # `from x import name` where name is no module
                importlib.import_module(name)
        took["imports"] = round((time.perf_counter() - begun) * 1000)
        # Then each other language's tables and Overview (a link shared at a meeting opens
        # there, ?lang=fr): after English, so the most common first visit is never delayed.
        for code in languages()[1:]:
            begun = time.perf_counter()
            with use_language(code):
                _, translated = load()
                if translated is not None:
                    builder, *key = default_views(translated)[0]
                    for fig in _figures(cached_view(builder, translated, *key)):
                        exports.stamped(
                            fig, exports.stamp(shown_cities(translated, Filters()), translated)
                        ).to_json()
            took[f"language {code}"] = round((time.perf_counter() - begun) * 1000)
    except Exception:  # noqa: BLE001 - warming is an optimisation: never stop the server
        LOG.exception("warming up failed; the pages will load the data themselves")
    return took


def page_modules() -> list[str]:
    """The modules app.py and the pages of ui/registry.py import, read from their code (not
    run): a first visitor's run imported them (python-pptx for the Overview's deck alone took 0.5 s)."""
    found = []
    for path in [ROOT / "app.py", *(ROOT / entry.file for entry in registry.PAGES)]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return list(dict.fromkeys(found))


def _figures(value) -> list:
    """The plotly figures in a page's view (its fields made at once, not its closed tabs'
    parts), or in a dict or tuple of parts, or a figure."""

    if isinstance(value, go.Figure):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = list(made_parts(value).values())
    parts = value.values() if isinstance(value, dict) else value if isinstance(value, tuple | list) else []
    return [fig for part in parts for fig in _figures(part)]


def _streamlit_first_use() -> None:
    """What Streamlit does once per process, at the first element of the first visitor's
    run (seen in a profile of that run): it looks through the whole call stack once to
    tell a REPL from `streamlit run` (0.4-0.9 s here), and st.info compiles its emoji
    pattern (0.2-0.6 s) the first time an icon is checked. An element made outside a
    script run goes nowhere."""
    st.empty()
    st.info("", icon="ℹ️")  # an icon is checked against the emoji pattern: it compiles once
