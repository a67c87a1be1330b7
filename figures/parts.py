"""What page views are made of: a chart with the table of numbers behind it.

Each page's view is a frozen dataclass built by one function, `<page>_view(tables, ...)`
(figures/<page>.py). A view is built once per data load and choice (ui.data.cached_view)
and shared by every session: callers must not modify it. A closed tab's parts are
`functools.cached_property`s of its view, made the first time the tab reads them (then
kept): in a cached view they are made in the language the view was built in (ui.data keys
views by the tables, which are per language).
"""

from __future__ import annotations

from dataclasses import Field, dataclass, field, fields
from typing import Any

import pandas as pd
import plotly.graph_objects as go


@dataclass(frozen=True)
class Chart:
    """A chart and the numbers behind it (the table a reader can open under it)."""

    figure: go.Figure
    """The plotly figure, titled with its finding."""
    numbers: pd.DataFrame
    """The figure's numbers, one row per mark, with the page's column headers."""


@dataclass(frozen=True)
class Listing:
    """A sentence and the table of rows it speaks of."""

    sentence: str
    """What the rows say, in one sentence."""
    table: pd.DataFrame | None
    """The rows (None when there is none to list)."""


def source() -> Field:
    """A view's field holding what its closed tabs' parts are made from: not a part itself,
    so left out of `made_parts`, of the view's repr and of comparisons."""
    return field(repr=False, compare=False, metadata={"source": True})


def made_parts(view) -> dict[str, Any]:
    """A view's parts made at once (its fields less its sources), by name; its closed tabs'
    parts (cached properties) are not among them until read."""
    return {f.name: getattr(view, f.name) for f in fields(view) if not f.metadata.get("source")}
