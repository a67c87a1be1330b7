"""The network at a glance: headline figures, completeness, map and counts, and the findings
the Overview's charts are titled with (figures/overview.py draws them). No streamlit."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.frames import PLAN_KIND, Filters, Tables, filter_actions, plan_actions
from analysis.known import Basis
from analysis.transfers import filter_transfers
from models.vocabulary import ACTION_KIND_LABELS, ACTION_KINDS
from words import country, euros, inhabitants, number
from words.i18n import N_, _, ngettext


def headline(actions: pd.DataFrame, cities: pd.DataFrame, transfers: pd.DataFrame) -> dict:
    """The few numbers at the top of the page, for the rows given (already filtered)."""
    plan = plan_actions(actions)
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
    plan_rows = plan_actions(actions)
    known_budgets = plan_rows[plan_rows["budget_eur"].notna()].groupby("city").size().to_dict()
    rows = []
    for city in cities.itertuples():
        plans = int(per_kind.get((city.id, PLAN_KIND), 0))
        known = int(known_budgets.get(city.id, 0))
        if city.knowledge == "broken":
            budget = _("not known: its data file has a problem")
        elif plans == 0:
            budget = _("no plan action recorded")
        else:
            budget = ngettext(
                "budget known for {known} of {n} plan action",
                "budget known for {known} of {n} plan actions",
                plans,
            ).format(known=known, n=number(plans))
        # Headers in English, marked for the catalog: the page translates them where shown.
        rows.append(
            {
                N_("City"): city.name,
                N_("Country"): country(city.country),
                N_("IAP document"): _("entered") if city.iap_entered else _("not yet entered"),
                N_("What is known"): city.knowledge_label,
                N_("Plan actions"): plans,
                N_("Testing actions"): int(per_kind.get((city.id, "testing_action"), 0)),
                N_("Ideas"): int(per_kind.get((city.id, "idea"), 0)),
                N_("Budgets"): budget,
                N_("Population"): _population_text(
                    city.population, city.population_year, getattr(city, "population_approximate", None)
                ),
                N_("Plan period"): _period_text(city.plan_start, city.plan_end),
            }
        )
    return pd.DataFrame(rows)


def _population_text(value, year, approximate=None) -> str:
    """'20,684 (2023)'; 'about 16,770' for a figure its source gives as approximate."""
    if value is None or pd.isna(value):
        return _("unknown")
    return inhabitants(value, approximate) + (
        f" ({int(year)})" if year is not None and not pd.isna(year) else ""
    )


def _period_text(start, end) -> str:
    if start is None or pd.isna(start):
        return _("unknown")
    if end is not None and not pd.isna(end):
        return f"{int(start)}-{int(end)}"
    return _("from {start}").format(start=int(start))


def kind_counts(cities: pd.DataFrame, actions: pd.DataFrame) -> pd.DataFrame:
    """Actions per city and kind, every city listed (a city with none shows zeros).

    Columns: City, then one column per kind label, then Total; sorted by plan actions.
    """
    counts = pd.crosstab(actions["city"], actions["kind"]) if len(actions) else pd.DataFrame()
    counts = counts.reindex(index=list(cities["id"]), columns=list(ACTION_KINDS), fill_value=0)
    counts = counts.fillna(0).astype(int)
    counts.index = cities["name"].to_list()
    counts = counts.rename(columns=ACTION_KIND_LABELS)
    counts[N_("Total")] = counts.sum(axis=1)  # a header shown translated (ui.text.headers)
    counts = counts.sort_values([ACTION_KIND_LABELS[PLAN_KIND], "Total"], ascending=True)
    return counts.rename_axis("City").reset_index()


def intervention_counts(actions: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    """Plan actions per intervention (an action with two interventions counts in both)."""
    plan = plan_actions(actions)
    vocab = tables.vocabulary
    rows = []
    for term in vocab.terms["interventions"]:
        uses = plan["interventions"].map(lambda ids, t=term.id: t in ids)
        primary = plan["primary_intervention"] == term.id
        rows.append(
            {
                N_("Intervention"): term.label,
                "id": term.id,
                N_("Plan actions"): int(uses.sum()),
                N_("As primary intervention"): int(primary.sum()),
                N_("Cities"): int(plan.loc[uses, "city"].nunique()),
            }
        )
    return pd.DataFrame(rows)


def money_sentence(numbers: dict) -> str:
    if numbers["plan_budget_total"] is None:
        return _("No plan budget reported for these filters: every plan action's budget is unknown.")
    return ngettext(
        "{amount} reported for {known} of {total} plan actions, in {n} city; the others are unknown (not zero).",
        "{amount} reported for {known} of {total} plan actions, in {n} cities; the others are unknown (not zero).",
        numbers["plan_budget_cities"],
    ).format(
        amount=euros(numbers["plan_budget_total"]),
        known=numbers["plan_budget_known"],
        total=numbers["plan_actions"],
        n=numbers["plan_budget_cities"],
    )


def kinds_finding(counts: pd.DataFrame, entered: frozenset[str] = frozenset()) -> str:
    """The title of actions per city and kind (`counts` from kind_counts): cities are ranked
    by plan actions only among those whose plans are `entered` (names); otherwise it says
    what is known."""
    plan_label = ACTION_KIND_LABELS[PLAN_KIND]
    if counts.empty or counts[plan_label].max() == 0:
        return _("No plan action recorded yet")
    if len(entered) >= 2:
        ranked = counts[counts["City"].isin(entered)]
        top = ranked.sort_values([plan_label, "Total"]).iloc[-1]
        name, most = top["City"], top[plan_label]
        if len(ranked) == len(counts):
            return _("{city} has the most plan actions ({n})").format(city=name, n=most)
        return _("{city} has the most plan actions of the {entered} entered plans ({n})").format(
            city=name, entered=len(ranked), n=most
        )
    if not entered:
        return _("No plan is entered yet: the actions shown are those named in the network's articles")
    rest = len(counts) - len(entered)
    name = next(iter(entered))
    mine = int(counts.loc[counts["City"] == name, plan_label].iloc[0])
    # Two counts, two forms: the plan's actions, then the cities not entered.
    return ngettext(
        "{city}'s entered plan holds {n} plan action",
        "{city}'s entered plan holds {n} plan actions",
        mine,
    ).format(city=name, n=mine) + ngettext(
        "; for the other city only the actions named in the network's articles are known",
        "; for the other {rest} cities only the actions named in the network's articles are known",
        rest,
    ).format(rest=rest)


def interventions_finding(counts: pd.DataFrame, basis: Basis | None = None) -> str:
    """The title of plan actions per intervention (`counts` from intervention_counts): the
    most and the fewest, and what the finding rests on when some plans are not entered."""
    if counts["Plan actions"].sum() == 0:
        return _("No plan action recorded for these filters")
    if basis is not None and not basis.entered:
        # Known actions of plans not entered are not the plans: ranking them would say a
        # plan does least of what it may well do ("Identify the fewest (0)").
        return ngettext(
            "Plan actions known per intervention: the plan shown is not entered, so they are not ranked",
            "Plan actions known per intervention: no plan shown is entered, so they are not ranked",
            basis.size,
        )
    ranked = counts.sort_values("Plan actions")
    top, low = ranked.iloc[-1], ranked.iloc[0]
    title = _("{top} has the most plan actions ({most}); {low} the fewest ({fewest})").format(
        top=top["Intervention"],
        most=top["Plan actions"],
        low=low["Intervention"],
        fewest=low["Plan actions"],
    )
    if basis is not None and not basis.all_entered:
        title += " " + _("({entered} of {n} plans entered)").format(entered=len(basis.entered), n=basis.size)
    return title


def map_finding(cities: pd.DataFrame) -> str:
    """The title of the map: how many cities it places, how many plans are entered, and
    which cities it cannot show (a broken file, no known position)."""
    located = cities.dropna(subset=["lat", "lon"])
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
    return title


def shown_rows(tables: Tables, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(actions, cities, transfers) the Overview shows for one choice of filters; a transfer
    is shown when a shown city gives or receives it (the same rule as the Transfers page)."""
    actions = filter_actions(tables.actions, filters)
    cities = tables.cities[tables.cities["id"].isin(filters.cities)] if filters.cities else tables.cities
    return actions, cities, filter_transfers(tables.transfers, tables.actions, filters)


@dataclass(frozen=True)
class Glance:
    """What the Overview's cards and the deck's numbers slide say for one choice of filters."""

    numbers: dict
    """The headline numbers (see headline): cities, plan actions, testing actions..."""
    money: str
    """The sentence on the money the shown plans report."""


def glance(tables: Tables, filters: Filters) -> Glance:
    """The headline numbers and the money sentence for one choice of filters."""
    actions, cities, moved = shown_rows(tables, filters)
    numbers = headline(actions, cities, moved)
    return Glance(numbers, money_sentence(numbers))
