"""Budgets: what the plans spend, on what, when, and what is not known.

Tables and findings (pandas only; the figures are in figures/budgets.py). The rules every
table and figure keeps:

- Plan totals sum only plan actions (kind `iap_action`) whose budget is *planned* and
  given for the whole plan (`plan_total`). Estimates (the ideas' costs), per-year amounts
  and any other known amount are shown apart, with their basis, never added to them.
- An unknown budget (<NA>) is counted and listed as unknown, never drawn as zero.
- Money is counted once: for sums per intervention an action's budget goes to its
  primary (first-listed) intervention. Per beneficiary group and per funding source an
  action is counted under each group or source it names (the plans give no split), so
  those bars add up to more than the total; every note says so.

Text from the data is escaped before it reaches a figure (`words.label_text`), so a title with "<"
or "&" is shown as typed, never read as markup.
"""

from __future__ import annotations

import pandas as pd

from analysis.frames import PLAN_KIND, plan_actions
from models.vocabulary import ACTION_KIND_LABELS, Vocabulary
from words import and_list, euros, inhabitants, is_flag, is_known, label_text, plural

text = label_text  # its name here before words/ (tests/test_budgets.py calls it)

BASIS_LABELS = {"plan_total": "total for its whole period", "per_year": "per year"}

STATUS_LABELS = {"planned": "planned", "estimated": "estimated"}

BREAKDOWNS = {
    "intervention": "Primary intervention",
    "support_level": "Support level",
    "beneficiary": "Beneficiary group",
}

PRIMARY_RULE = (
    "Each action's money is counted once, under its primary (first-listed) intervention, "
    "even when it uses several."
)

GROUP_RULE = (
    "An action reaching several beneficiary groups is counted in each, with its whole budget "
    "(the plans do not split it), so the bars add up to more than the plan total."
)

SOURCE_RULE = (
    "An action naming several funding sources is counted under each (the plans do not say how "
    "the money splits between them)."
)


def action_label(number, title) -> str:
    """'1. Observatory' when the action has a number, else its title."""
    if number is None or number is pd.NA or (isinstance(number, float) and number != number):
        return str(title)
    return f"{number}. {title}"


def per_head(value, approximate=False) -> str:
    """0.9669 -> '€0.97'; 'about €0.97' when the population is approximate; unknown -> 'unknown'."""
    if not is_known(value):
        return "unknown"
    return ("about " if is_flag(approximate) else "") + euros(value, cents=True)


def _years(start, end) -> str:
    if not is_known(start):
        return ""
    if not is_known(end) or int(end) == int(start):
        return str(int(start))
    return f"{int(start)}–{int(end)}"


def is_summed(actions: pd.DataFrame) -> pd.Series:
    """True for the actions whose money enters plan totals: plan actions with a planned
    budget given for the whole plan."""
    known = actions["budget_eur"].notna().astype(bool)
    return (
        (actions["kind"] == PLAN_KIND)
        & (actions["budget_status"] == "planned")
        & (actions["budget_basis"] == "plan_total")
        & known
    ).astype(bool)


def summed_actions(actions: pd.DataFrame) -> pd.DataFrame:
    """The plan actions whose budgets are added up into plan totals."""
    return actions[is_summed(actions)]


def apart_actions(actions: pd.DataFrame) -> pd.DataFrame:
    """Actions with a known amount that is NOT added to plan totals: the ideas' estimated
    costs, per-year amounts, any other known cost (each with its basis)."""
    known = actions["budget_eur"].notna().astype(bool)
    return actions[known & ~is_summed(actions)]


def unknown_budget_actions(actions: pd.DataFrame) -> pd.DataFrame:
    """Actions whose budget is unknown, plan actions first (the ones that matter for totals)."""
    unknown = actions[actions["budget_eur"].isna().astype(bool)]
    order = unknown["kind"].map({PLAN_KIND: 0, "idea": 1}).fillna(2)
    return unknown.assign(_order=order).sort_values(["_order", "city_name", "id"]).drop(columns="_order")


def unknown_budget_table(actions: pd.DataFrame) -> pd.DataFrame:
    """Readable list of the actions whose budget is unknown."""
    rows = unknown_budget_actions(actions)
    return pd.DataFrame(
        {
            "City": rows["city_name"],
            "Action": [action_label(n, t) for n, t in zip(rows["number"], rows["title"], strict=True)],
            "Kind": rows["kind_label"],
            "Primary intervention": rows["primary_label"],
            "Budget": "unknown",
        }
    ).reset_index(drop=True)


CITY_COLUMNS = [
    "city",
    "city_name",
    "plan_actions",
    "known",
    "apart",
    "unknown",
    "total",
    "population",
    "population_year",
    "population_approximate",
    "per_inhabitant",
    "plan_start",
    "plan_end",
    "status",
    "entered",
]


def budget_by_city(actions: pd.DataFrame, cities: pd.DataFrame) -> pd.DataFrame:
    """One row per city in `cities`: its plan actions in `actions`, how many have a
    budget in the plan total (`known`), a known amount kept apart (`apart`) or none
    (`unknown`), the plan total of the known ones (<NA> when none is known, never 0) and
    that total per inhabitant (<NA> when the population is unknown). `population_approximate`:
    the population's source gives it as approximate, so the figure per inhabitant is too.

    status: 'known' (every plan action), 'partly known', 'unknown', 'no plan action'.
    """
    plan = plan_actions(actions)
    summed = is_summed(plan)
    known_amount = plan["budget_eur"].notna().astype(bool)
    # Counted per city in one pass each (not one pass over the actions per city: at 3,000
    # cities that was most of the Budgets views' time).
    flags = pd.DataFrame({"n": 1, "k": summed.astype(int), "apart": (known_amount & ~summed).astype(int)})
    counts = flags.groupby(plan["city"], sort=False).sum().reindex(cities["id"], fill_value=0)
    totals = plan.loc[summed, "budget_eur"].groupby(plan.loc[summed, "city"], sort=False).sum()
    rows = []
    for city, n, k, apart in zip(
        cities.itertuples(index=False), counts["n"], counts["k"], counts["apart"], strict=True
    ):
        n, k, apart = int(n), int(k), int(apart)
        total = totals[city.id] if k else pd.NA
        population = city.population
        has_population = is_known(population)
        per_inhabitant = total / population if (k and has_population) else pd.NA
        if n == 0:
            status = "no plan action"
        elif k == n:
            status = "known"
        elif k:
            status = "partly known"
        else:
            status = "unknown"
        rows.append(
            {
                "city": city.id,
                "city_name": city.name,
                "plan_actions": n,
                "known": k,
                "apart": apart,
                "unknown": n - k - apart,
                "total": total,
                "population": population if has_population else pd.NA,
                "population_year": getattr(city, "population_year", None),
                "population_approximate": has_population
                and is_flag(getattr(city, "population_approximate", None)),
                "per_inhabitant": per_inhabitant,
                "plan_start": getattr(city, "plan_start", None),
                "plan_end": getattr(city, "plan_end", None),
                "status": status,
                "entered": bool(getattr(city, "iap_entered", False)),
            }
        )
    frame = pd.DataFrame(rows, columns=CITY_COLUMNS)
    for column in ("total", "population", "per_inhabitant"):
        frame[column] = frame[column].astype("Float64")
    for column in ("plan_actions", "known", "apart", "unknown"):
        frame[column] = frame[column].astype("int64")
    for column in ("population_year", "plan_start", "plan_end"):
        frame[column] = pd.array([v if is_known(v) else pd.NA for v in frame[column]], dtype="Int64")
    frame["population_approximate"] = frame["population_approximate"].astype(bool)
    return frame


def coverage_sentence(by_city: pd.DataFrame) -> str:
    """How much is known, in words, e.g. 'Budget known for 6 of 6 plan actions in Isernia;
    unknown for all 8 plan actions of the other 8 cities (Agen, ...)'."""
    if by_city.empty:
        return "No city in view."
    with_plan = by_city[by_city["plan_actions"] > 0]
    parts = []
    some = with_plan[with_plan["known"] > 0]
    for row in some.itertuples(index=False):
        parts.append(f"{row.known} of {row.plan_actions} plan actions in {row.city_name}")
    none = with_plan[with_plan["known"] == 0]
    sentence = ("Budget known for " + "; ".join(parts)) if parts else ""
    if not none.empty:
        n_actions = int(none["plan_actions"].sum())
        names = and_list(list(none["city_name"]))
        if len(none) == 1:
            amount = f"all {n_actions} plan actions" if n_actions > 1 else "the 1 plan action"
            unknown = f"unknown for {amount} of {names}"
        else:
            other = "the other " if parts else ""
            unknown = f"unknown for all {n_actions} plan actions of {other}{len(none)} cities ({names})"
        sentence = f"{sentence}; {unknown}" if sentence else "Budget " + unknown
    apart = int(with_plan["apart"].sum())
    if apart:
        sentence += (
            f". {plural(apart, 'plan action')} {'has' if apart == 1 else 'have'} only a per-year or "
            "estimated amount, shown apart"
        )
    empty = by_city[by_city["plan_actions"] == 0]
    if not empty.empty:
        verb = "has" if len(empty) == 1 else "have"
        tail = f"{and_list(list(empty['city_name']))} {verb} no plan action in view"
        sentence = f"{sentence}. {tail}" if sentence else tail
    if not sentence:
        return "No plan action in view."
    return sentence + "."


def largest_budget_finding(actions: pd.DataFrame, by_city: pd.DataFrame) -> str:
    """Which city reported the largest plan budget, and on what (plain text)."""
    known = by_city[by_city["total"].notna().astype(bool)]
    if known.empty:
        return "No plan action in view has a known budget"
    known = known.sort_values(["total", "city_name"], ascending=[False, True])
    top = known.iloc[0]
    summed = summed_actions(actions)
    mine = summed[summed["city"] == top["city"]].sort_values(["budget_eur", "id"], ascending=[False, True])
    # Cities are ranked only among entered plans; with fewer than two, the finding says so.
    entered = int(by_city["entered"].sum())
    after = ""
    if len(by_city) == 1:
        lead = f"{top['city_name']}'s plan budget"
    elif entered >= 2 and bool(top["entered"]):
        lead = f"{top['city_name']} reported the largest budget of the {entered} entered plans"
    else:
        lead = f"{top['city_name']}'s plan"
        after = f"; budgets are not compared with only {plural(entered, 'plan')} entered"
    amount = euros(float(top["total"]))
    if top["status"] == "partly known":
        amount += f" (known for {top['known']} of {top['plan_actions']} plan actions)"
    biggest = mine.iloc[0]
    share = float(biggest["budget_eur"]) / float(top["total"])
    what = biggest["title"]
    if len(mine) == 1:
        tail = f", all of it for {what}"
    elif share > 0.5:
        tail = f", most of it ({euros(float(biggest['budget_eur']))}) for its {what}"
    else:
        tail = f", the largest share ({euros(float(biggest['budget_eur']))}, {share:.0%}) for its {what}"
    return f"{lead}: {amount}{tail}{after}"


def city_numbers(by_city: pd.DataFrame) -> pd.DataFrame:
    """Readable table behind the per-city chart."""
    return pd.DataFrame(
        {
            "City": by_city["city_name"],
            "Plan actions": by_city["plan_actions"],
            "With budget in the total": by_city["known"],
            "Budget unknown": by_city["unknown"],
            "Amount kept apart (per year or estimate)": by_city["apart"],
            "Plan total (EUR)": [euros(v) if v is not pd.NA else "unknown" for v in by_city["total"]],
            "Plan years": [
                _years(s, e) or "not given"
                for s, e in zip(by_city["plan_start"], by_city["plan_end"], strict=True)
            ],
            "Population": [
                "unknown"
                if p is pd.NA
                else inhabitants(p, a) + (f" ({y})" if is_known(y) else " (year not given)")
                for p, y, a in zip(
                    by_city["population"], by_city["population_year"], _approximate(by_city), strict=True
                )
            ],
            "EUR per inhabitant": [
                per_head(v, a) for v, a in zip(by_city["per_inhabitant"], _approximate(by_city), strict=True)
            ],
        }
    ).reset_index(drop=True)


def _approximate(by_city: pd.DataFrame) -> list[bool]:
    """Per row: is the population (and so the figure per inhabitant) approximate?
    All False for a table built without that column."""
    if "population_approximate" not in by_city:
        return [False] * len(by_city)
    return [is_flag(v) for v in by_city["population_approximate"]]


def _city_order(by_city: pd.DataFrame, value: str) -> pd.DataFrame:
    drawn = by_city[by_city[value].notna().astype(bool)].sort_values(
        [value, "city_name"], ascending=[False, True]
    )
    rest = by_city[~by_city[value].notna().astype(bool)].sort_values(
        ["plan_actions", "city_name"], ascending=[False, True]
    )
    return pd.concat([drawn, rest])


def city_title(by_city: pd.DataFrame, *, per_inhabitant: bool = False) -> str:
    known = by_city[by_city["total"].notna().astype(bool)].sort_values(
        ["total", "city_name"], ascending=[False, True]
    )
    unknown = by_city[(by_city["known"] == 0) & (by_city["plan_actions"] > 0)]
    tail = ""
    if len(unknown):
        tail = f"; budgets unknown for {plural(len(unknown), 'other city', 'other cities')}"
    if known.empty:
        return "No plan budget is known for the cities in view"
    if per_inhabitant:
        with_pop = known[known["per_inhabitant"].notna().astype(bool)].sort_values(
            ["per_inhabitant", "city_name"], ascending=[False, True]
        )
        if with_pop.empty:
            return (
                "Budget per inhabitant cannot be given: the population of the cities with a budget is unknown"
            )
        top = with_pop.iloc[0]
        year = top["population_year"]
        approximate = is_flag(top.get("population_approximate"))
        when = f" in {year}" if is_known(year) else ", year not given"
        years = _years(top["plan_start"], top["plan_end"])
        over = f" over {years}" if years else ""
        lead = (
            f"{top['city_name']}'s plan: {per_head(top['per_inhabitant'], approximate)} per inhabitant{over}"
        )
        return f"{lead} (population {inhabitants(top['population'], approximate)}{when}){tail}"
    top = known.iloc[0]
    years = _years(top["plan_start"], top["plan_end"])
    plan = f"its {years} plan" if years else "its plan"
    lead = f"{top['city_name']}: {euros(float(top['total']))} for {plan}"
    if len(known) > 1 and int(by_city["entered"].sum()) >= 2:
        lead = (
            f"{top['city_name']} plans the most of the entered plans: {euros(float(top['total']))} for {plan}"
        )
    return lead + tail


def _source_names(vocab: Vocabulary):
    labels = vocab.labels("funding_sources")
    return lambda ids: ", ".join(labels.get(i, i) for i in ids)


def treemap_numbers(actions: pd.DataFrame, vocab: Vocabulary) -> pd.DataFrame:
    rows = summed_actions(actions).sort_values(["city_name", "budget_eur"], ascending=[True, False])
    return pd.DataFrame(
        {
            "City": rows["city_name"],
            "Action": [action_label(n, t) for n, t in zip(rows["number"], rows["title"], strict=True)],
            "Budget (EUR, plan total)": [euros(float(v)) for v in rows["budget_eur"]],
            "Primary intervention (money counted here)": rows["primary_label"],
            "All interventions": rows["interventions_label"],
            "Funding": rows["funding_sources"].map(_source_names(vocab)),
        }
    ).reset_index(drop=True)


def budget_by_category(actions: pd.DataFrame, vocab: Vocabulary, by: str) -> pd.DataFrame:
    """Plan money per category, one row per term of the vocabulary, in model order.

    by='intervention': each action counted once, under its primary intervention.
    by='support_level': each action has one level.
    by='beneficiary': an action counted in each group it reaches (whole budget each time).

    budget is <NA> where no plan action of the category has a known budget (never 0);
    `unknown` counts the category's plan actions whose budget is not in the total.
    """
    kind, column = {
        "intervention": ("interventions", "primary_intervention"),
        "support_level": ("support_levels", "support_level"),
        "beneficiary": ("beneficiaries", "beneficiaries"),
    }[by]
    plan = plan_actions(actions).assign(_summed=lambda f: is_summed(f))
    if by == "beneficiary":
        plan = plan.explode("beneficiaries")
    labels = vocab.labels(kind)
    colours = vocab.colours(kind)
    rows = []
    for term in vocab.ids(kind):
        mine = plan[plan[column] == term]
        known = mine[mine["_summed"]]
        rows.append(
            {
                "id": term,
                "label": labels[term],
                "colour": colours[term],
                "budget": float(known["budget_eur"].sum()) if len(known) else pd.NA,
                "known": len(known),
                "unknown": len(mine) - len(known),
                "cities": ", ".join(dict.fromkeys(known["city_name"])),
            }
        )
    frame = pd.DataFrame(rows, columns=["id", "label", "colour", "budget", "known", "unknown", "cities"])
    frame["budget"] = frame["budget"].astype("Float64")
    return frame


def category_numbers(table: pd.DataFrame, by: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            BREAKDOWNS[by]: table["label"],
            "Plan money (EUR)": [
                euros(float(v)) if v is not pd.NA else "none known" for v in table["budget"]
            ],
            "Plan actions with a known budget": table["known"],
            "Plan actions with budget unknown": table["unknown"],
            "Cities": table["cities"],
        }
    )


def category_title(table: pd.DataFrame, by: str, plan_total) -> str:
    known = table[table["budget"].notna().astype(bool)].sort_values("budget", ascending=False)
    if known.empty:
        return "No plan action in view has a known budget"
    top = known.iloc[0]
    money = euros(float(top["budget"]))
    if by == "beneficiary":
        return (
            f"Plan actions reaching {top['label'].lower()} hold the most money: {money} "
            f"across {plural(int(top['known']), 'action')}"
        )
    share = f" of {euros(float(plan_total))}" if plan_total is not pd.NA and plan_total else ""
    if by == "intervention":
        return f"{top['label']} gets the most plan money: {money}{share} (by primary intervention)"
    return f"{top['label']} gets the most plan money: {money}{share}"


def _names_source(frame: pd.DataFrame, source: str) -> pd.Series:
    """A boolean mask (even for an empty frame, where a bare map would select columns)."""
    return frame["funding_sources"].map(lambda ids: source in ids).astype(bool)


def funding_by_source(actions: pd.DataFrame, vocab: Vocabulary) -> pd.DataFrame:
    """Per funding source of the vocabulary: planned plan money naming it (counted under
    each source an action names) and, kept apart, the estimated costs (ideas) naming it as
    a possible source, split by basis: one-off totals and per-year amounts never summed."""
    summed = summed_actions(actions)
    possible = actions[(actions["budget_status"] == "estimated") & actions["budget_eur"].notna().astype(bool)]
    labels = vocab.labels("funding_sources")
    rows = []
    for source in vocab.ids("funding_sources"):
        planned = summed[_names_source(summed, source)]
        maybe = possible[_names_source(possible, source)]
        once = maybe[maybe["budget_basis"] == "plan_total"]["budget_eur"]
        yearly = maybe[maybe["budget_basis"] == "per_year"]["budget_eur"]
        rows.append(
            {
                "id": source,
                "label": labels[source],
                "planned_eur": float(planned["budget_eur"].sum()) if len(planned) else pd.NA,
                "planned_actions": len(planned),
                "possible_actions": len(maybe),
                "possible_total": len(possible),
                "possible_total_eur": float(once.sum()) if len(once) else pd.NA,
                "possible_per_year_eur": float(yearly.sum()) if len(yearly) else pd.NA,
            }
        )
    frame = pd.DataFrame(rows)
    for column in ("planned_eur", "possible_total_eur", "possible_per_year_eur"):
        frame[column] = frame[column].astype("Float64")
    return frame


def funding_numbers(table: pd.DataFrame) -> pd.DataFrame:
    def money(v):
        return "—" if v is pd.NA else euros(float(v))

    return pd.DataFrame(
        {
            "Funding source": table["label"],
            "Planned: plan money (EUR)": [money(v) for v in table["planned_eur"]],
            "Planned: plan actions": table["planned_actions"],
            "Possible: ideas and estimates naming it": table["possible_actions"],
            "Possible: estimated, whole period (EUR)": [money(v) for v in table["possible_total_eur"]],
            "Possible: estimated, per year (EUR per year)": [
                money(v) for v in table["possible_per_year_eur"]
            ],
        }
    )


def funding_title(table: pd.DataFrame) -> str:
    planned = table[table["planned_eur"].notna().astype(bool)].sort_values("planned_eur", ascending=False)
    parts = []
    if planned.empty:
        parts.append("No planned funding is known")
    elif len(planned) == 1:
        top = planned.iloc[0]
        parts.append(f"All known plan money is from {top['label']} ({euros(float(top['planned_eur']))})")
    else:
        top = planned.iloc[0]
        parts.append(f"Largest planned source: {top['label']} ({euros(float(top['planned_eur']))})")
    possible = table[table["possible_actions"] > 0].sort_values(
        "possible_actions", ascending=False, kind="stable"
    )
    if not possible.empty:
        top = possible.iloc[0]
        count = f"{top['label']} ({top['possible_actions']} of {top['possible_total']})"
        if len(possible) == 1:
            parts.append(f"unfunded estimates name 1 possible source: {count}")
        else:
            parts.append(f"unfunded estimates name {len(possible)} possible sources, most often {count}")
    return "; ".join(parts)


def apart_numbers(actions: pd.DataFrame, vocab: Vocabulary) -> pd.DataFrame:
    rows = apart_actions(actions).sort_values(["city_name", "kind", "id"])
    return pd.DataFrame(
        {
            "City": rows["city_name"],
            "Action": [action_label(n, t) for n, t in zip(rows["number"], rows["title"], strict=True)],
            "Kind": rows["kind_label"],
            "Amount (EUR)": [euros(float(v)) for v in rows["budget_eur"]],
            "Basis": rows["budget_basis"].map(BASIS_LABELS),
            "Status": rows["budget_status"].map(STATUS_LABELS),
            "Funding (planned or possible, see status)": rows["funding_sources"].map(_source_names(vocab)),
        }
    ).reset_index(drop=True)


def apart_title(actions: pd.DataFrame) -> str:
    rows = apart_actions(actions)
    if rows.empty:
        return "No estimated or per-year amount in view"
    kinds = rows["kind"].value_counts()
    what = and_list(
        [plural(int(n), ACTION_KIND_LABELS.get(k, k).split(" (")[0].lower()) for k, n in kinds.items()]
    )
    parts = []
    once = rows[rows["budget_basis"] == "plan_total"]["budget_eur"]
    yearly = rows[rows["budget_basis"] == "per_year"]["budget_eur"]
    if len(once):
        parts.append(f"{euros(float(once.sum()))} for their whole period")
    if len(yearly):
        parts.append(f"{euros(float(yearly.sum()))} per year")
    status = "estimated at" if (rows["budget_status"] == "estimated").all() else "costed at"
    cities = list(dict.fromkeys(rows["city_name"]))
    whose = f"{cities[0]}'s " if len(cities) == 1 else ""
    return f"Not in the plan totals: {whose}{what} {status} {' plus '.join(parts)}"


def timed_actions(actions: pd.DataFrame) -> pd.DataFrame:
    """Actions with both a start and an end year, ordered by city, start and number."""
    both = actions["start_year"].notna().astype(bool) & actions["end_year"].notna().astype(bool)
    order = actions["kind"].map({PLAN_KIND: 0, "idea": 1}).fillna(2)
    return (
        actions[both]
        .assign(_order=order[both])
        .sort_values(["city_name", "_order", "start_year", "number", "id"])
        .drop(columns="_order")
    )


def timing_unknown_table(actions: pd.DataFrame) -> pd.DataFrame:
    """Actions whose start or end year is not known, with what is known."""
    both = actions["start_year"].notna().astype(bool) & actions["end_year"].notna().astype(bool)
    rows = actions[~both].sort_values(["city_name", "kind", "id"])

    def known(row) -> str:
        start, end = row["start_year"], row["end_year"]
        if start is not pd.NA:
            return f"starts {start}, end not given"
        if end is not pd.NA:
            return f"ends {end}, start not given"
        return "timing unknown"

    return pd.DataFrame(
        {
            "City": rows["city_name"],
            "Action": [action_label(n, t) for n, t in zip(rows["number"], rows["title"], strict=True)],
            "Kind": rows["kind_label"],
            "Timing": [known(r) for _, r in rows.iterrows()],
        }
    ).reset_index(drop=True)


def timeline_numbers(actions: pd.DataFrame) -> pd.DataFrame:
    rows = timed_actions(actions)
    return pd.DataFrame(
        {
            "City": rows["city_name"],
            "Action": [action_label(n, t) for n, t in zip(rows["number"], rows["title"], strict=True)],
            "Kind": rows["kind_label"],
            "Primary intervention": rows["primary_label"],
            "From": rows["start_year"],
            "To": rows["end_year"],
            "Detail": rows["timing"].fillna(""),
        }
    ).reset_index(drop=True)


def timeline_title(actions: pd.DataFrame) -> str:
    rows = timed_actions(actions)
    missing = len(actions) - len(rows)
    tail = f"; timing unknown for {missing} more" if missing else ""
    if rows.empty:
        return f"No action in view has a known start and end year ({plural(len(actions), 'action')})"
    spans = rows.groupby(["start_year", "end_year"]).size().sort_values(ascending=False)
    (start, end), n = spans.index[0], int(spans.iloc[0])
    span = _years(start, end)
    verb = "runs" if n == 1 else "run"
    where = "in" if start == end else "over"
    return f"{n} of {plural(len(rows), 'action')} with known timing {verb} {where} {span}{tail}"


def headline(actions: pd.DataFrame, by_city: pd.DataFrame) -> dict:
    """The few numbers the page opens with (plain values, for metrics)."""
    plan = plan_actions(actions)
    summed = summed_actions(actions)
    return {
        "plan_total": float(summed["budget_eur"].sum()) if len(summed) else pd.NA,
        "plan_actions": len(plan),
        "plan_actions_known": len(summed),
        "cities": len(by_city),
        "cities_known": int((by_city["known"] > 0).sum()),
        "apart": len(apart_actions(actions)),
    }


def figure_notes(actions: pd.DataFrame, by_city: pd.DataFrame) -> dict[str, str]:
    """What each figure rests on, in words (one caption per figure)."""
    plan = plan_actions(actions)
    summed = summed_actions(actions)
    apart = apart_actions(actions)
    k, n = len(summed), len(plan)
    unknown_plan = int(plan["budget_eur"].isna().sum())
    rests = f"Rests on {plural(k, 'plan action')} with a known budget (of {n} plan actions in view)"
    missing = []
    if unknown_plan:
        missing.append(
            f"{plural(unknown_plan, 'plan action')} with budget unknown (listed under the figures)"
        )
    plan_apart = len(plan_actions(apart))
    if plan_apart:
        missing.append(f"{plan_apart} with only a per-year or estimated amount (shown apart)")
    left_out = f"; not counted: {' and '.join(missing)}" if missing else ""
    base = f"{rests}{left_out}."
    no_population = by_city[(by_city["known"] > 0) & by_city["per_inhabitant"].isna().astype(bool)]
    population = (
        "Per inhabitant: plan total ÷ population, with the year of the population figure in the table."
    )
    if any(_approximate(by_city[by_city["per_inhabitant"].notna().astype(bool)])):
        population += (
            " 'About' marks a population its source gives as approximate, and the figure per "
            "inhabitant worked out from it."
        )
    if not no_population.empty:
        population += (
            f" Population unknown for {and_list(list(no_population['city_name']))}: no figure per inhabitant."
        )
    possible = actions[(actions["budget_status"] == "estimated") & actions["budget_eur"].notna().astype(bool)]
    timed = timed_actions(actions)
    return {
        "treemap": f"{base} {PRIMARY_RULE} Ideas' estimated costs are not included.",
        "city": f"{base} A city with no known budget has no bar: it is marked 'budget unknown', never €0. "
        f"{population}",
        "intervention": f"{base} {PRIMARY_RULE}",
        "support_level": f"{base} Each plan action has one support level.",
        "beneficiary": f"{base} {GROUP_RULE}",
        "funding": (
            f"Planned: {plural(k, 'plan action')} with a known budget. Possible: "
            f"{plural(len(possible), 'estimated cost')} (ideas), whose funding is only hoped for and is "
            f"never added to the planned money. {SOURCE_RULE}"
        ),
        "apart": (
            f"Rests on {plural(len(apart), 'action')} with a known amount outside the plan totals. An amount per "
            "year is not a total: the two bases are on separate axes and never added together or to the plan."
        ),
        "timeline": (
            f"Rests on {plural(len(timed), 'action')} with a known start and end year, of {len(actions)} in "
            "view; hatched bars are not plan actions (testing actions, ideas). The others are listed as "
            "'timing unknown' below."
        ),
    }
