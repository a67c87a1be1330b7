"""The figures of overview (one plotly builder per chart) and the page view that puts them
beside their tables; the tables and findings come from analysis/overview.py.

The network at a glance: headline figures, completeness, map and counts. No streamlit."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go

from analysis.frames import Tables, plan_actions
from analysis.known import Basis
from analysis.overview import (
    completeness,
    headline,
    intervention_counts,
    interventions_finding,
    kind_counts,
    kinds_finding,
    map_finding,
    money_sentence,
    shown_rows,
)
from figures.parts import Chart, source
from figures.theme import BLUE, UNKNOWN_COLOUR, style, wrap_title
from models.vocabulary import ACTION_KIND_LABELS, ACTION_KINDS
from words import country, label_text, number
from words.i18n import N_, _, ngettext

# Kinds of action are not interventions: a neutral, colour-blind-safe trio of their own.
KIND_COLOURS = {"iap_action": "#332288", "testing_action": "#88CCEE", "idea": "#DDCC77"}

# The kinds' labels (models.vocabulary.ACTION_KIND_LABELS), for the catalog: the counts'
# columns keep the English ones, the legend and hovers show their words.
KIND_WORDS = (N_("Plan action"), N_("Testing action"), N_("Idea (not funded)"))

# On the map: a plan entered in blue, one known in part in grey, a broken file as a red cross.
MAP_COLOURS = {"plan_entered": BLUE, "broken": "#B2182B"}

# Up to this many actions a count axis has a tick per action (no "0.5 actions"); above it,
# plotly's own whole steps (at 300 cities a tick per action took the browser seconds to draw).
COUNT_TICKS = 10


def kind_figure(counts: pd.DataFrame, entered: frozenset[str] = frozenset()) -> go.Figure:
    """Actions per city and kind, as stacked bars, titled with analysis.overview.kinds_finding
    (cities ranked by plan actions only among those whose plans are `entered`, names)."""
    fig = go.Figure()
    for kind in ACTION_KINDS:
        label = ACTION_KIND_LABELS[kind]  # the table's column (English); its words shown
        shown = _(label)
        fig.add_bar(
            y=counts["City"].map(label_text),
            x=counts[label],
            name=shown,
            orientation="h",
            marker_color=KIND_COLOURS[kind],
            hovertemplate="%{y}: %{x} " + shown.lower() + "<extra></extra>",
        )
    title = kinds_finding(counts, entered)
    fig.update_layout(barmode="stack", bargap=0.25)
    fig.update_xaxes(title=_("number of actions"), dtick=1, gridcolor="#EEEEEE")
    fig.update_yaxes(title=None, automargin=True)
    if not counts.empty and counts["Total"].max() > COUNT_TICKS:
        fig.update_xaxes(dtick=None)  # plotly's own steps: one tick per action would draw thousands
    fig.update_layout(legend={"traceorder": "normal"})
    return style(fig, wrap_title(label_text(title)), height=max(380, 120 + 34 * len(counts)))


def intervention_figure(
    counts: pd.DataFrame, colours: dict[str, str], basis: Basis | None = None
) -> go.Figure:
    """Plan actions per intervention, titled with analysis.overview.interventions_finding (the
    most and fewest, and what the finding rests on when some plans are not entered)."""
    # No action in a plan not entered is no fact: its actions are only those the sources name.
    nothing = _("none") if basis is None or basis.all_entered else _("none known")
    fig = go.Figure(
        go.Bar(
            x=counts["Intervention"],
            y=counts["Plan actions"],
            marker_color=[colours[i] for i in counts["id"]],
            text=[
                # the form the count takes, in English as in French
                ngettext("{n} in {c} city", "{n} in {c} cities", int(c)).format(n=n, c=c) if n else nothing
                for n, c in zip(counts["Plan actions"], counts["Cities"], strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y} " + _("plan actions") + "<extra></extra>",
        )
    )
    title = interventions_finding(counts, basis)
    fig.update_yaxes(title=_("number of plan actions"), dtick=1, gridcolor="#EEEEEE", rangemode="tozero")
    fig.update_xaxes(title=None)
    if counts["Plan actions"].max() > COUNT_TICKS:
        fig.update_yaxes(dtick=None)  # plotly's own steps: one tick per action would draw thousands
    return style(fig, wrap_title(label_text(title), 38), height=420, legend=False)


def _span(values: pd.Series, default: tuple[float, float], *, before: float, after: float) -> list[float]:
    """The range of `values` widened by `before` and `after` degrees, and never narrower than
    `default` (so that a few close cities still show the countries around them)."""
    if values.empty:
        return list(default)
    return [min(float(values.min()) - before, default[0]), max(float(values.max()) + after, default[1])]


def map_figure(cities: pd.DataFrame, actions: pd.DataFrame) -> go.Figure:
    """The cities on a map of Europe that draws offline (base map served from static/)."""
    located = cities.dropna(subset=["lat", "lon"])
    plan_counts = plan_actions(actions).groupby("city").size()
    n = located["id"].map(plan_counts).fillna(0).astype(int)
    recorded = [
        ngettext("{n} plan action recorded", "{n} plan actions recorded", count).format(n=number(count))
        for count in n.tolist()
    ]
    hover = [
        f"<b>{label_text(name)}</b> ({label_text(country(land))})<br>{said}<br>{label_text(label)}"
        for name, land, said, label in zip(
            located["name"], located["country"], recorded, located["knowledge_label"], strict=True
        )
    ]
    fig = go.Figure(
        go.Scattergeo(
            lat=located["lat"],
            lon=located["lon"],
            text=located["name"].map(label_text),
            mode="markers+text",
            textposition="top center",
            textfont={"size": 13},
            marker={
                "size": 10 + 4 * n,
                "color": [MAP_COLOURS.get(k, UNKNOWN_COLOUR) for k in located["knowledge"]],
                "symbol": ["x" if k == "broken" else "circle" for k in located["knowledge"]],
                "line": {"width": 1, "color": "#333333"},
                "opacity": 0.9,
            },
            hovertext=hover,
            hoverinfo="text",
        )
    )
    fig.update_geos(
        scope="europe",
        resolution=50,
        showcountries=True,
        countrycolor="#BBBBBB",
        showland=True,
        landcolor="#F4F4F4",
        showocean=True,
        oceancolor="#FFFFFF",
        # every city with a margin around it (a name is written to the right of its mark)
        lataxis_range=_span(located["lat"], (35, 60), before=3, after=3),
        lonaxis_range=_span(located["lon"], (-6, 30), before=4, after=6),
        showframe=False,
    )
    title = map_finding(cities)
    fig = style(fig, wrap_title(label_text(title), 60), height=520, legend=False)
    fig.update_layout(margin={"l": 0, "r": 0, "b": 0})
    return fig


@dataclass(frozen=True)
class OverviewView:
    """What the Overview page shows for one choice of filters: the first view's parts made at
    once, each closed tab's the first time it is read (then kept)."""

    numbers: dict
    """The headline numbers (analysis.overview.headline): cities, plan actions, budgets..."""
    money: str
    """The sentence on the money the shown plans report."""
    interventions: Chart
    """Plan actions per intervention, with its table."""
    cities: pd.DataFrame = source()
    """The cities shown, which the closed tabs are made from."""
    actions: pd.DataFrame = source()
    """The actions shown, which the closed tabs are made from."""

    @cached_property
    def map(self) -> go.Figure:
        """The cities on a map, marked by what is known of their plans."""
        return map_figure(self.cities, self.actions)

    @cached_property
    def kinds(self) -> Chart:
        """Plan actions, testing actions and ideas per city, with its table."""
        counts = kind_counts(self.cities, self.actions)
        entered = frozenset(self.cities.loc[self.cities["iap_entered"].astype(bool), "name"])
        return Chart(kind_figure(counts, entered), counts)

    @cached_property
    def completeness(self) -> pd.DataFrame:
        """What is entered of each shown city's plan."""
        return completeness(self.cities, self.actions)


def overview_view(tables: Tables, filters) -> OverviewView:
    """Everything the Overview page shows for one choice of filters (built once, cached)."""

    actions, cities, moved = shown_rows(tables, filters)
    numbers = headline(actions, cities, moved)
    interventions = intervention_counts(actions, tables)
    return OverviewView(
        numbers=numbers,
        money=money_sentence(numbers),
        interventions=Chart(
            intervention_figure(interventions, tables.vocabulary.colours("interventions"), Basis.of(cities)),
            interventions.drop(columns="id"),
        ),
        cities=cities,
        actions=actions,
    )
