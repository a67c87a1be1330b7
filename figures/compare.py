"""The figures of compare (one plotly builder per chart) and the page view that puts them
beside their tables; the tables and findings come from analysis/compare.py.

Two to four cities side by side: grids, counts, budgets, transfers, and what differs."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analysis.compare import (
    comparison_grid,
    counts_table,
    grid_numbers,
    grid_title,
    interventions_table,
    interventions_title,
    summary,
)
from analysis.coverage import AXIS_TITLE, GROUP, LEVEL
from analysis.frames import Tables
from figures.coverage import gap_heatmap
from figures.overview import COUNT_TICKS
from figures.parts import Chart
from figures.theme import TITLE_WIDTH, style, wrap_title
from words import clipped, label_text
from words.i18n import _


def grid_figure(table: pd.DataFrame, across: str) -> go.Figure:
    colours = dict(zip(table["row"], table["colour"], strict=False))
    return gap_heatmap(
        table,
        row="row",
        col="cell_label",
        title=grid_title(table, across),
        noun="plan actions",
        hover="titles",
        col_title=AXIS_TITLE[across],
        row_colours=colours,
        cell_height=40,
        title_width=TITLE_WIDTH,
    )


def interventions_figure(table: pd.DataFrame, tables: Tables) -> go.Figure:
    """Grouped bars: for each intervention, one bar per city."""
    colours = dict(
        zip(
            tables.vocabulary.labels("interventions").values(),
            tables.vocabulary.colours("interventions").values(),
            strict=True,
        )
    )
    fig = go.Figure()
    cities = list(dict.fromkeys(table["City"]))
    # One distinct colour per city (apart from the interventions' outline colours, each at
    # least 3:1 against white) and a pattern of its own: colour is never the only cue.
    shades = ["#1F3A5F", "#8C5A00", "#6A3D9A", "#4D4D4D"]
    patterns = ["", "/", ".", "x"]
    for n, city in enumerate(cities):
        mine = table[table["City"] == city]
        shown = label_text(clipped(city, 60))  # plotly reads a few tags: text stays text
        fig.add_bar(
            x=mine["Intervention"],
            y=mine["Plan actions"],
            name=shown,
            marker={
                "color": shades[n % len(shades)],
                "pattern": {
                    "shape": patterns[n % len(patterns)],
                    "fillmode": "overlay",
                    "fgcolor": "white",
                    "solidity": 0.3,
                },
                "line": {"color": [colours[i] for i in mine["Intervention"]], "width": 3},
            },
            text=mine["Plan actions"],
            textposition="outside",
            hovertemplate=shown + "<br>%{x}: %{y} " + _("plan actions") + "<extra></extra>",
        )
    top = int(table["Plan actions"].max()) if not table.empty else 0
    title = interventions_title()
    fig.update_layout(
        barmode="group", yaxis={"title": _("plan actions"), "range": [0, max(top, 1) * 1.25], "dtick": 1}
    )
    if top > COUNT_TICKS:
        fig.update_yaxes(dtick=None)  # plotly's own steps: one tick per action would draw hundreds
    style(fig, wrap_title(title, TITLE_WIDTH), height=380)
    return fig


@dataclass(frozen=True)
class CompareView:
    """What the Compare page shows for the chosen cities."""

    summary: list[str]
    """The sentences comparing the cities."""
    counts: pd.DataFrame
    """The cities' counts, one column per city."""
    grids: dict[str, Chart]
    """Per grid (GROUP, LEVEL), the cities' cells side by side."""
    interventions: go.Figure
    """Plan actions per intervention, one bar per city."""
    interventions_numbers: pd.DataFrame
    """That chart's numbers, one row per city."""


def compare_view(tables: Tables, cities: tuple[str, ...]) -> CompareView:
    """Everything the Compare page shows for the chosen cities (built once per choice)."""
    grids = {}
    for across in (GROUP, LEVEL):
        table = comparison_grid(tables, cities, across)
        grids[across] = Chart(grid_figure(table, across), grid_numbers(table, across))
    interventions = interventions_table(tables, cities)
    counts = counts_table(tables, cities)
    # One column per city: the table's English headers become its first column's words,
    # shown in the language in use.
    counts = counts.set_index("City").T.rename_axis("").reset_index().astype(str)
    counts[""] = counts[""].map(_)
    return CompareView(
        summary=summary(tables, cities),
        counts=counts,
        grids=grids,
        interventions=interventions_figure(interventions, tables),
        interventions_numbers=interventions.pivot(index="City", columns="Intervention", values="Plan actions")
        .reindex(columns=list(tables.vocabulary.labels("interventions").values()))
        .reset_index(),
    )
