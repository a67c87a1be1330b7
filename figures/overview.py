"""The figures of overview (one plotly builder per chart) and the page view that puts them
beside their tables; the tables and findings come from analysis/overview.py.

The network at a glance: headline figures, completeness, map and counts. No streamlit."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.frames import PLAN_KIND, Tables, filter_actions, plan_actions
from analysis.known import Basis
from analysis.overview import (
    _span,
    completeness,
    headline,
    intervention_counts,
    kind_counts,
    money_sentence,
)
from analysis.transfers import filter_transfers
from figures.parts import LazyParts
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
    """Actions per city and kind, as stacked bars. Cities are ranked by plan actions only
    among those whose plans are `entered` (names); otherwise the title says what is known."""
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
    plan_label = ACTION_KIND_LABELS[PLAN_KIND]
    if counts.empty or counts[plan_label].max() == 0:
        title = _("No plan action recorded yet")
    elif len(entered) >= 2:
        ranked = counts[counts["City"].isin(entered)]
        top = ranked.sort_values([plan_label, "Total"]).iloc[-1]
        name, most = label_text(top["City"]), top[plan_label]
        if len(ranked) == len(counts):
            title = _("{city} has the most plan actions ({n})").format(city=name, n=most)
        else:
            title = _("{city} has the most plan actions of the {entered} entered plans ({n})").format(
                city=name, entered=len(ranked), n=most
            )
    else:
        rest = len(counts) - len(entered)
        if entered:
            name = next(iter(entered))
            mine = int(counts.loc[counts["City"] == name, plan_label].iloc[0])
            # Two counts, two forms: the plan's actions, then the cities not entered.
            title = ngettext(
                "{city}'s entered plan holds {n} plan action",
                "{city}'s entered plan holds {n} plan actions",
                mine,
            ).format(city=label_text(name), n=mine) + ngettext(
                "; for the other city only the actions named in the network's articles are known",
                "; for the other {rest} cities only the actions named in the network's articles are known",
                rest,
            ).format(rest=rest)
        else:
            title = _("No plan is entered yet: the actions shown are those named in the network's articles")
    fig.update_layout(barmode="stack", bargap=0.25)
    fig.update_xaxes(title=_("number of actions"), dtick=1, gridcolor="#EEEEEE")
    fig.update_yaxes(title=None, automargin=True)
    if not counts.empty and counts["Total"].max() > COUNT_TICKS:
        fig.update_xaxes(dtick=None)  # plotly's own steps: one tick per action would draw thousands
    fig.update_layout(legend={"traceorder": "normal"})
    return style(fig, wrap_title(title), height=max(380, 120 + 34 * len(counts)))


def intervention_figure(
    counts: pd.DataFrame, colours: dict[str, str], basis: Basis | None = None
) -> go.Figure:
    """Plan actions per intervention, titled with the most and fewest - and with what the
    finding rests on, when some plans are not entered."""
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
    if counts["Plan actions"].sum() == 0:
        title = _("No plan action recorded for these filters")
    elif basis is not None and not basis.entered:
        # Known actions of plans not entered are not the plans: ranking them would say a
        # plan does least of what it may well do ("Identify the fewest (0)").
        title = ngettext(
            "Plan actions known per intervention: the plan shown is not entered, so they are not ranked",
            "Plan actions known per intervention: no plan shown is entered, so they are not ranked",
            basis.size,
        )
    else:
        top = counts.sort_values("Plan actions").iloc[-1]
        low = counts.sort_values("Plan actions").iloc[0]
        title = _("{top} has the most plan actions ({most}); {low} the fewest ({fewest})").format(
            top=top["Intervention"],
            most=top["Plan actions"],
            low=low["Intervention"],
            fewest=low["Plan actions"],
        )
        if basis is not None and not basis.all_entered:
            title += " " + _("({entered} of {n} plans entered)").format(
                entered=len(basis.entered), n=basis.size
            )
    fig.update_yaxes(title=_("number of plan actions"), dtick=1, gridcolor="#EEEEEE", rangemode="tozero")
    fig.update_xaxes(title=None)
    if counts["Plan actions"].max() > COUNT_TICKS:
        fig.update_yaxes(dtick=None)  # plotly's own steps: one tick per action would draw thousands
    return style(fig, wrap_title(title, 38), height=420, legend=False)


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
    entered = int(located["iap_entered"].sum())
    title = ngettext(
        "{n} cities across Europe; {entered} IAP entered so far (blue)",
        "{n} cities across Europe; {entered} IAPs entered so far (blue)",
        entered,
    ).format(n=len(located), entered=entered)
    broken = int((located["knowledge"] == "broken").sum())
    if broken:
        title += _("; {n} with a data file problem (red cross)").format(n=broken)
    missing = len(cities) - len(located)
    if missing:
        title += _("; {n} not on the map (position unknown)").format(n=missing)
    fig = style(fig, wrap_title(title, 60), height=520, legend=False)
    fig.update_layout(margin={"l": 0, "r": 0, "b": 0})
    return fig


def page_parts(tables: Tables, filters) -> dict:
    """Everything the Overview page shows for one choice of filters (built once, cached)."""

    actions = filter_actions(tables.actions, filters)
    cities = tables.cities[tables.cities["id"].isin(filters.cities)] if filters.cities else tables.cities
    # The same rule as the Transfers page: given or received by a shown city.

    moved = filter_transfers(tables.transfers, tables.actions, filters)
    numbers = headline(actions, cities, moved)
    interventions = intervention_counts(actions, tables)

    def kinds() -> dict:
        counts = kind_counts(cities, actions)
        entered = frozenset(cities.loc[cities["iap_entered"].astype(bool), "name"])
        return {"kinds": kind_figure(counts, entered), "kinds_table": counts}

    # The first view's parts now; the tabs' parts the first time a tab asks for them.
    return LazyParts(
        {
            "numbers": numbers,
            "money": money_sentence(numbers),
            "interventions": intervention_figure(
                interventions, tables.vocabulary.colours("interventions"), Basis.of(cities)
            ),
            "interventions_table": interventions.drop(columns="id"),
        },
        {
            "map": lambda: {"map": map_figure(cities, actions)},
            "kinds": kinds,
            "kinds_table": kinds,
            "completeness": lambda: {"completeness": completeness(cities, actions)},
        },
    )
