"""The network at a glance: headline figures, completeness, map and counts. No streamlit."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from insights.frames import ACTION_KIND_LABELS, ACTION_KINDS, PLAN_KIND, Tables
from insights.known import Basis
from insights.theme import UNKNOWN_COLOUR, euros, inhabitants, style, wrap_title

# Kinds of action are not interventions: a neutral, colour-blind-safe trio of their own.
KIND_COLOURS = {"iap_action": "#332288", "testing_action": "#88CCEE", "idea": "#DDCC77"}
# On the map: a plan entered in blue, one known in part in grey, a broken file as a red cross.
MAP_COLOURS = {"plan_entered": "#0072B2", "broken": "#B2182B"}


def _label(value) -> str:
    """Data text for a plotly label: shown as typed, never read as markup (<i>, <a>...)."""
    return html.escape(str(value), quote=False)


def headline(actions: pd.DataFrame, cities: pd.DataFrame, transfers: pd.DataFrame) -> dict:
    """The few numbers at the top of the page, for the rows given (already filtered)."""
    plan = actions[actions["kind"] == PLAN_KIND]
    known = plan["budget_eur"].notna()
    return {
        "cities": len(cities),
        "plan_actions": len(plan),
        "testing_actions": int((actions["kind"] == "testing_action").sum()),
        "ideas": int((actions["kind"] == "idea").sum()),
        "transfers": len(transfers),
        "plan_budget_total": float(plan.loc[known, "budget_eur"].sum()) if known.any() else None,
        "plan_budget_known": int(known.sum()),
        "plan_budget_cities": int(plan.loc[known, "city"].nunique()),
        "plans_entered": int(cities["iap_entered"].sum()) if len(cities) else 0,
    }


def completeness(cities: pd.DataFrame, actions: pd.DataFrame) -> pd.DataFrame:
    """One row per city: what the data holds and what is still unknown, in words."""
    # Counted once for all cities (a filter per city costs a second at 300 cities).
    per_kind = actions.groupby(["city", "kind"]).size().to_dict()
    plan_rows = actions[actions["kind"] == PLAN_KIND]
    known_budgets = plan_rows[plan_rows["budget_eur"].notna()].groupby("city").size().to_dict()
    rows = []
    for city in cities.itertuples():
        plans = int(per_kind.get((city.id, PLAN_KIND), 0))
        known = int(known_budgets.get(city.id, 0))
        if city.knowledge == "broken":
            budget = "not known: its data file has a problem"
        elif plans == 0:
            budget = "no plan action recorded"
        else:
            budget = f"budget known for {known} of {plans} plan action{'s' if plans != 1 else ''}"
        rows.append(
            {
                "City": city.name,
                "Country": city.country,
                "IAP document": "entered" if city.iap_entered else "not yet entered",
                "What is known": city.knowledge_label,
                "Plan actions": plans,
                "Testing actions": int(per_kind.get((city.id, "testing_action"), 0)),
                "Ideas": int(per_kind.get((city.id, "idea"), 0)),
                "Budgets": budget,
                "Population": _population_text(
                    city.population, city.population_year, getattr(city, "population_approximate", None)
                ),
                "Plan period": _period_text(city.plan_start, city.plan_end),
            }
        )
    return pd.DataFrame(rows)


def _population_text(value, year, approximate=None) -> str:
    """'20,684 (2023)'; 'about 16,770' for a figure its source gives as approximate."""
    if value is None or pd.isna(value):
        return "unknown"
    return inhabitants(value, approximate) + (
        f" ({int(year)})" if year is not None and not pd.isna(year) else ""
    )


def _period_text(start, end) -> str:
    if start is None or pd.isna(start):
        return "unknown"
    return f"{int(start)}-{int(end)}" if end is not None and not pd.isna(end) else f"from {int(start)}"


def kind_counts(cities: pd.DataFrame, actions: pd.DataFrame) -> pd.DataFrame:
    """Actions per city and kind, every city listed (a city with none shows zeros).

    Columns: City, then one column per kind label, then Total; sorted by plan actions.
    """
    counts = pd.crosstab(actions["city"], actions["kind"]) if len(actions) else pd.DataFrame()
    counts = counts.reindex(index=list(cities["id"]), columns=list(ACTION_KINDS), fill_value=0)
    counts = counts.fillna(0).astype(int)
    counts.index = cities["name"].to_list()
    counts = counts.rename(columns=ACTION_KIND_LABELS)
    counts["Total"] = counts.sum(axis=1)
    counts = counts.sort_values([ACTION_KIND_LABELS[PLAN_KIND], "Total"], ascending=True)
    return counts.rename_axis("City").reset_index()


def kind_figure(counts: pd.DataFrame, entered: frozenset[str] = frozenset()) -> go.Figure:
    """Actions per city and kind, as stacked bars. Cities are ranked by plan actions only
    among those whose plans are `entered` (names); otherwise the title says what is known."""
    fig = go.Figure()
    for kind in ACTION_KINDS:
        label = ACTION_KIND_LABELS[kind]
        fig.add_bar(
            y=counts["City"].map(_label),
            x=counts[label],
            name=label,
            orientation="h",
            marker_color=KIND_COLOURS[kind],
            hovertemplate="%{y}: %{x} " + label.lower() + "<extra></extra>",
        )
    plan_label = ACTION_KIND_LABELS[PLAN_KIND]
    if counts.empty or counts[plan_label].max() == 0:
        title = "No plan action recorded yet"
    elif len(entered) >= 2:
        ranked = counts[counts["City"].isin(entered)]
        top = ranked.sort_values([plan_label, "Total"]).iloc[-1]
        among = "" if len(ranked) == len(counts) else f" of the {len(ranked)} entered plans"
        title = f"{_label(top['City'])} has the most plan actions{among} ({top[plan_label]})"
    else:
        rest = len(counts) - len(entered)
        if entered:
            name = next(iter(entered))
            mine = int(counts.loc[counts["City"] == name, plan_label].iloc[0])
            title = (
                f"{_label(name)}'s entered plan holds {mine} plan actions; for the other {rest} cities "
                "only the actions named in the network's articles are known"
            )
        else:
            title = "No plan is entered yet: the actions shown are those named in the network's articles"
    fig.update_layout(barmode="stack", bargap=0.25)
    fig.update_xaxes(title="number of actions", dtick=1, gridcolor="#EEEEEE")
    fig.update_yaxes(title=None, automargin=True)
    fig.update_layout(legend={"traceorder": "normal"})
    return style(fig, wrap_title(title), height=max(380, 120 + 34 * len(counts)))


def intervention_counts(actions: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    """Plan actions per intervention (an action with two interventions counts in both)."""
    plan = actions[actions["kind"] == PLAN_KIND]
    vocab = tables.vocabulary
    rows = []
    for term in vocab.terms["interventions"]:
        uses = plan["interventions"].map(lambda ids, t=term.id: t in ids)
        primary = plan["primary_intervention"] == term.id
        rows.append(
            {
                "Intervention": term.label,
                "id": term.id,
                "Plan actions": int(uses.sum()),
                "As primary intervention": int(primary.sum()),
                "Cities": int(plan.loc[uses, "city"].nunique()),
            }
        )
    return pd.DataFrame(rows)


def intervention_figure(
    counts: pd.DataFrame, colours: dict[str, str], basis: Basis | None = None
) -> go.Figure:
    """Plan actions per intervention, titled with the most and fewest - and with what the
    finding rests on, when some plans are not entered."""
    fig = go.Figure(
        go.Bar(
            x=counts["Intervention"],
            y=counts["Plan actions"],
            marker_color=[colours[i] for i in counts["id"]],
            text=[
                f"{n} in {c} cities" if n else "none"
                for n, c in zip(counts["Plan actions"], counts["Cities"], strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y} plan actions<extra></extra>",
        )
    )
    if counts["Plan actions"].sum() == 0:
        title = "No plan action recorded for these filters"
    else:
        top = counts.sort_values("Plan actions").iloc[-1]
        low = counts.sort_values("Plan actions").iloc[0]
        title = (
            f"{top['Intervention']} has the most plan actions ({top['Plan actions']}); "
            f"{low['Intervention']} the fewest ({low['Plan actions']})"
        )
        if basis is not None and not basis.all_entered:
            title += f" ({len(basis.entered)} of {basis.size} plans entered)"
    fig.update_yaxes(title="number of plan actions", dtick=1, gridcolor="#EEEEEE", rangemode="tozero")
    fig.update_xaxes(title=None)
    return style(fig, wrap_title(title, 38), height=420, legend=False)


def map_figure(cities: pd.DataFrame, actions: pd.DataFrame) -> go.Figure:
    """The cities on a map of Europe that draws offline (base map served from static/)."""
    located = cities.dropna(subset=["lat", "lon"])
    plan_counts = actions[actions["kind"] == PLAN_KIND].groupby("city").size()
    n = located["id"].map(plan_counts).fillna(0).astype(int)
    hover = [
        f"<b>{_label(name)}</b> ({_label(country)})<br>{count} plan action{'s' if count != 1 else ''} recorded"
        f"<br>{_label(label)}"
        for name, country, count, label in zip(
            located["name"], located["country"], n, located["knowledge_label"], strict=True
        )
    ]
    fig = go.Figure(
        go.Scattergeo(
            lat=located["lat"],
            lon=located["lon"],
            text=located["name"].map(_label),
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
        lataxis_range=[35, 60],
        lonaxis_range=[-6, 30],
        showframe=False,
    )
    title = (
        f"{len(located)} cities across Europe; "
        f"{int(located['iap_entered'].sum())} plan document entered so far (blue)"
    )
    broken = int((located["knowledge"] == "broken").sum())
    if broken:
        title += f"; {broken} with a data file problem (red cross)"
    missing = len(cities) - len(located)
    if missing:
        title += f"; {missing} not on the map (position unknown)"
    fig = style(fig, wrap_title(title, 60), height=520, legend=False)
    fig.update_layout(margin={"l": 0, "r": 0, "b": 0})
    return fig


def money_sentence(numbers: dict) -> str:
    if numbers["plan_budget_total"] is None:
        return "No plan budget reported for these filters: every plan action's budget is unknown."
    return (
        f"{euros(numbers['plan_budget_total'])} reported for {numbers['plan_budget_known']} of "
        f"{numbers['plan_actions']} plan actions, in {numbers['plan_budget_cities']} "
        f"cit{'y' if numbers['plan_budget_cities'] == 1 else 'ies'}; the others are unknown (not zero)."
    )


def page_parts(tables: Tables, filters) -> dict:
    """Everything the Overview page shows for one choice of filters (built once, cached)."""
    from insights.frames import filter_actions

    actions = filter_actions(tables.actions, filters)
    cities = tables.cities[tables.cities["id"].isin(filters.cities)] if filters.cities else tables.cities
    # The same rule as the Transfers page: given or received by a shown city.
    from insights.transfers import filter_transfers

    moved = filter_transfers(tables.transfers, tables.actions, filters)
    numbers = headline(actions, cities, moved)
    interventions = intervention_counts(actions, tables)
    kinds = kind_counts(cities, actions)
    return {
        "numbers": numbers,
        "money": money_sentence(numbers),
        "map": map_figure(cities, actions),
        "interventions": intervention_figure(
            interventions, tables.vocabulary.colours("interventions"), Basis.of(cities)
        ),
        "interventions_table": interventions.drop(columns="id"),
        "kinds": kind_figure(kinds, frozenset(cities.loc[cities["iap_entered"].astype(bool), "name"])),
        "kinds_table": kinds,
        "completeness": completeness(cities, actions),
    }
