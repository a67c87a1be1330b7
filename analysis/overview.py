"""The network at a glance: headline figures, completeness, map and counts. No streamlit."""

from __future__ import annotations

import pandas as pd

from analysis.frames import PLAN_KIND, Tables, plan_actions
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


def _span(values: pd.Series, default: tuple[float, float], *, before: float, after: float) -> list[float]:
    """The range of `values` widened by `before` and `after` degrees, and never narrower than
    `default` (so that a few close cities still show the countries around them)."""
    if values.empty:
        return list(default)
    return [min(float(values.min()) - before, default[0]), max(float(values.max()) + after, default[1])]


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
