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
from words import and_list, euros, inhabitants, is_flag, is_known, number, plural
from words.i18n import N_, _, ngettext, pgettext

# Labels and notes written before any language is known: marked here, translated where shown.
BASIS_LABELS = {"plan_total": N_("total for its whole period"), "per_year": N_("per year")}

STATUS_LABELS = {"planned": N_("planned"), "estimated": N_("estimated")}

BREAKDOWNS = {
    "intervention": N_("Primary intervention"),
    "support_level": N_("Support level"),
    "beneficiary": N_("Beneficiary group"),
}

PRIMARY_RULE = N_(
    "Each action's money is counted once, under its primary (first-listed) intervention, "
    "even when it uses several."
)

GROUP_RULE = N_(
    "An action reaching several beneficiary groups is counted in each, with its whole budget "
    "(the plans do not split it), so the bars add up to more than the plan total."
)

SOURCE_RULE = N_(
    "An action naming several funding sources is counted under each (the plans do not say how "
    "the money splits between them)."
)

# The display tables' headers stay English (the catalog's keys, marked N_ where written; the
# deck and the tests read them by name): the page translates them where it shows a table.


def separator() -> str:
    """'; ' between the parts of a finding (French puts a no-break space before it)."""
    return pgettext("between the parts of a sentence", "; ")


def _counted_kind(kind: str, n: int) -> str:
    """'2 ideas', '1 plan action', '3 testing actions' in the language in use."""
    if kind == PLAN_KIND:
        return ngettext("{n} plan action", "{n} plan actions", n).format(n=number(n))
    if kind == "testing_action":
        return ngettext("{n} testing action", "{n} testing actions", n).format(n=number(n))
    if kind == "idea":
        return ngettext("{n} idea", "{n} ideas", n).format(n=number(n))
    return plural(n, ACTION_KIND_LABELS.get(kind, kind).split(" (")[0].lower())


def action_label(number, title) -> str:
    """'1. Observatory' when the action has a number, else its title."""
    if number is None or number is pd.NA or (isinstance(number, float) and number != number):
        return str(title)
    return f"{number}. {title}"


def per_head(value, approximate=False) -> str:
    """0.9669 -> '€0.97'; 'about €0.97' when the population is approximate; unknown -> 'unknown'."""
    if not is_known(value):
        return _("unknown")
    money = euros(value, cents=True)
    return _("about {figure}").format(figure=money) if is_flag(approximate) else money


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
            N_("City"): rows["city_name"],
            N_("Action"): [action_label(n, t) for n, t in zip(rows["number"], rows["title"], strict=True)],
            N_("Type"): rows["kind_label"],
            N_("Primary intervention"): rows["primary_label"],
            N_("Budget"): _("unknown"),
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
        return _("No city shown.")
    with_plan = by_city[by_city["plan_actions"] > 0]
    parts = []
    some = with_plan[with_plan["known"] > 0]
    for row in some.itertuples(index=False):
        parts.append(
            _("{known} of {total} plan actions in {city}").format(
                known=row.known, total=row.plan_actions, city=row.city_name
            )
        )
    none = with_plan[with_plan["known"] == 0]
    sentence = _("Budget known for {parts}").format(parts=separator().join(parts)) if parts else ""
    if not none.empty:
        n_actions = int(none["plan_actions"].sum())
        names = and_list(list(none["city_name"]))
        if len(none) == 1:
            if n_actions > 1:
                unknown = _("unknown for all {n} plan actions of {city}").format(n=n_actions, city=names)
            else:
                unknown = _("unknown for the 1 plan action of {city}").format(city=names)
        elif parts:
            unknown = _("unknown for all {n} plan actions of the other {count} cities ({names})").format(
                n=n_actions, count=len(none), names=names
            )
        else:
            unknown = _("unknown for all {n} plan actions of {count} cities ({names})").format(
                n=n_actions, count=len(none), names=names
            )
        sentence = (
            f"{sentence}{separator()}{unknown}" if sentence else _("Budget {unknown}").format(unknown=unknown)
        )
    apart = int(with_plan["apart"].sum())
    if apart:
        sentence += ". " + ngettext(
            "{n} plan action has only a per-year or estimated amount, shown apart",
            "{n} plan actions have only a per-year or estimated amount, shown apart",
            apart,
        ).format(n=number(apart))
    empty = by_city[by_city["plan_actions"] == 0]
    if not empty.empty:
        tail = ngettext(
            "{names} has no plan action among those shown",
            "{names} have no plan action among those shown",
            len(empty),
        ).format(names=and_list(list(empty["city_name"])))
        sentence = f"{sentence}. {tail}" if sentence else tail
    if not sentence:
        return _("No plan action shown.")
    return sentence + "."


def largest_budget_finding(actions: pd.DataFrame, by_city: pd.DataFrame) -> str:
    """Which city reported the largest plan budget, and on what (plain text)."""
    known = by_city[by_city["total"].notna().astype(bool)]
    if known.empty:
        return _("No plan action shown has a known budget")
    known = known.sort_values(["total", "city_name"], ascending=[False, True])
    top = known.iloc[0]
    summed = summed_actions(actions)
    mine = summed[summed["city"] == top["city"]].sort_values(["budget_eur", "id"], ascending=[False, True])
    # Cities are ranked only among entered plans; with fewer than two, the finding says so.
    entered = int(by_city["entered"].sum())
    after = ""
    city = top["city_name"]
    if len(by_city) == 1:
        lead = _("{city}'s plan budget").format(city=city)
    elif entered >= 2 and bool(top["entered"]):
        lead = _("{city} reported the largest budget of the {n} entered plans").format(city=city, n=entered)
    else:
        lead = _("{city}'s plan").format(city=city)
        after = ngettext(
            "; budgets are not compared with only {n} plan entered",
            "; budgets are not compared with only {n} plans entered",
            entered,
        ).format(n=number(entered))
    amount = euros(float(top["total"]))
    if top["status"] == "partly known":
        amount += _(" (known for {known} of {total} plan actions)").format(
            known=top["known"], total=top["plan_actions"]
        )
    biggest = mine.iloc[0]
    share = float(biggest["budget_eur"]) / float(top["total"])
    what = biggest["title"]
    money = euros(float(biggest["budget_eur"]))
    if len(mine) == 1:
        tail = _(", all of it for {what}").format(what=what)
    elif share > 0.5:
        tail = _(", most of it ({money}) for its {what}").format(money=money, what=what)
    else:
        tail = _(", the largest share ({money}, {share}) for its {what}").format(
            money=money, share=percent(share), what=what
        )
    return _("{lead}: {amount}{tail}{after}").format(lead=lead, amount=amount, tail=tail, after=after)


def percent(share: float) -> str:
    """0.456 -> '46%' ('46 %' in French)."""
    return _("{percent}%").format(percent=f"{share * 100:.0f}")


def city_numbers(by_city: pd.DataFrame) -> pd.DataFrame:
    """Readable table behind the per-city chart."""
    return pd.DataFrame(
        {
            N_("City"): by_city["city_name"],
            N_("Plan actions"): by_city["plan_actions"],
            N_("With budget in the total"): by_city["known"],
            N_("Budget unknown"): by_city["unknown"],
            N_("Amount kept apart (per year or estimate)"): by_city["apart"],
            N_("Plan total (EUR)"): [euros(v) if v is not pd.NA else _("unknown") for v in by_city["total"]],
            N_("Plan years"): [
                _years(s, e) or _("not given")
                for s, e in zip(by_city["plan_start"], by_city["plan_end"], strict=True)
            ],
            N_("Population"): [
                _("unknown")
                if p is pd.NA
                else (
                    _("{population} ({year})").format(population=inhabitants(p, a), year=y)
                    if is_known(y)
                    else _("{population} (year not given)").format(population=inhabitants(p, a))
                )
                for p, y, a in zip(
                    by_city["population"], by_city["population_year"], _approximate(by_city), strict=True
                )
            ],
            N_("EUR per inhabitant"): [
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
        tail = ngettext(
            "; budgets unknown for {n} other city", "; budgets unknown for {n} other cities", len(unknown)
        ).format(n=number(len(unknown)))
    if known.empty:
        return _("No plan budget is known for the cities shown")
    if per_inhabitant:
        with_pop = known[known["per_inhabitant"].notna().astype(bool)].sort_values(
            ["per_inhabitant", "city_name"], ascending=[False, True]
        )
        if with_pop.empty:
            return _(
                "Budget per inhabitant cannot be given: the population of the cities with a budget is unknown"
            )
        top = with_pop.iloc[0]
        year = top["population_year"]
        approximate = is_flag(top.get("population_approximate"))
        years = _years(top["plan_start"], top["plan_end"])
        amount = per_head(top["per_inhabitant"], approximate)
        if years:
            lead = _("{city}'s plan: {amount} per inhabitant over {years}").format(
                city=top["city_name"], amount=amount, years=years
            )
        else:
            lead = _("{city}'s plan: {amount} per inhabitant").format(city=top["city_name"], amount=amount)
        population = inhabitants(top["population"], approximate)
        if is_known(year):
            said = _("(population {population} in {year})").format(population=population, year=year)
        else:
            said = _("(population {population}, year not given)").format(population=population)
        return f"{lead} {said}{tail}"
    top = known.iloc[0]
    years = _years(top["plan_start"], top["plan_end"])
    money = euros(float(top["total"]))
    most = len(known) > 1 and int(by_city["entered"].sum()) >= 2
    if most and years:
        lead = _("{city} plans the most of the entered plans: {money} for its {years} plan")
    elif most:
        lead = _("{city} plans the most of the entered plans: {money} for its plan")
    elif years:
        lead = _("{city}: {money} for its {years} plan")
    else:
        lead = _("{city}: {money} for its plan")
    return lead.format(city=top["city_name"], money=money, years=years) + tail


def _source_names(vocab: Vocabulary):
    labels = vocab.labels("funding_sources")
    return lambda ids: ", ".join(labels.get(i, i) for i in ids)


def treemap_numbers(actions: pd.DataFrame, vocab: Vocabulary) -> pd.DataFrame:
    rows = summed_actions(actions).sort_values(["city_name", "budget_eur"], ascending=[True, False])
    return pd.DataFrame(
        {
            N_("City"): rows["city_name"],
            N_("Action"): [action_label(n, t) for n, t in zip(rows["number"], rows["title"], strict=True)],
            N_("Budget (EUR, plan total)"): [euros(float(v)) for v in rows["budget_eur"]],
            N_("Primary intervention (money counted here)"): rows["primary_label"],
            N_("All interventions"): rows["interventions_label"],
            N_("Funding"): rows["funding_sources"].map(_source_names(vocab)),
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
            N_("Planned budget (EUR)"): [
                euros(float(v)) if v is not pd.NA else _("none known") for v in table["budget"]
            ],
            N_("Plan actions with a known budget"): table["known"],
            N_("Plan actions with budget unknown"): table["unknown"],
            N_("Cities"): table["cities"],
        }
    )


def category_title(table: pd.DataFrame, by: str, plan_total) -> str:
    known = table[table["budget"].notna().astype(bool)].sort_values("budget", ascending=False)
    if known.empty:
        return _("No plan action shown has a known budget")
    top = known.iloc[0]
    money = euros(float(top["budget"]))
    if by == "beneficiary":
        n = int(top["known"])
        return ngettext(
            "Plan actions reaching {group} hold the most money: {money} across {n} action",
            "Plan actions reaching {group} hold the most money: {money} across {n} actions",
            n,
        ).format(group=top["label"].lower(), money=money, n=number(n))
    shared = plan_total is not pd.NA and plan_total
    if by == "intervention":
        if shared:
            text = _("{label} has the largest planned budget: {money} of {total} (by primary intervention)")
        else:
            text = _("{label} has the largest planned budget: {money} (by primary intervention)")
    elif shared:
        text = _("{label} has the largest planned budget: {money} of {total}")
    else:
        text = _("{label} has the largest planned budget: {money}")
    total = euros(float(plan_total)) if shared else ""
    return text.format(label=top["label"], money=money, total=total)


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
            N_("Funding source"): table["label"],
            N_("Planned: budget (EUR)"): [money(v) for v in table["planned_eur"]],
            N_("Planned: plan actions"): table["planned_actions"],
            N_("Possible: ideas and estimates naming it"): table["possible_actions"],
            N_("Possible: estimated, whole period (EUR)"): [money(v) for v in table["possible_total_eur"]],
            N_("Possible: estimated, per year (EUR per year)"): [
                money(v) for v in table["possible_per_year_eur"]
            ],
        }
    )


def funding_title(table: pd.DataFrame) -> str:
    planned = table[table["planned_eur"].notna().astype(bool)].sort_values("planned_eur", ascending=False)
    parts = []
    if planned.empty:
        parts.append(_("No planned funding is known"))
    elif len(planned) == 1:
        top = planned.iloc[0]
        parts.append(
            _("All the known planned budget comes from {source} ({money})").format(
                source=top["label"], money=euros(float(top["planned_eur"]))
            )
        )
    else:
        top = planned.iloc[0]
        parts.append(
            _("Largest planned source: {source} ({money})").format(
                source=top["label"], money=euros(float(top["planned_eur"]))
            )
        )
    possible = table[table["possible_actions"] > 0].sort_values(
        "possible_actions", ascending=False, kind="stable"
    )
    if not possible.empty:
        top = possible.iloc[0]
        count = _("{source} ({n} of {total})").format(
            source=top["label"], n=top["possible_actions"], total=top["possible_total"]
        )
        if len(possible) == 1:
            parts.append(_("unfunded estimates name 1 possible source: {count}").format(count=count))
        else:
            parts.append(
                _("unfunded estimates name {n} possible sources, most often {count}").format(
                    n=len(possible), count=count
                )
            )
    return separator().join(parts)


def apart_numbers(actions: pd.DataFrame, vocab: Vocabulary) -> pd.DataFrame:
    rows = apart_actions(actions).sort_values(["city_name", "kind", "id"])
    return pd.DataFrame(
        {
            N_("City"): rows["city_name"],
            N_("Action"): [action_label(n, t) for n, t in zip(rows["number"], rows["title"], strict=True)],
            N_("Type"): rows["kind_label"],
            N_("Amount (EUR)"): [euros(float(v)) for v in rows["budget_eur"]],
            N_("Amount covers"): rows["budget_basis"].map(BASIS_LABELS).map(_translated),
            N_("Status"): rows["budget_status"].map(STATUS_LABELS).map(_translated),
            N_("Funding (planned or possible, see status)"): rows["funding_sources"].map(
                _source_names(vocab)
            ),
        }
    ).reset_index(drop=True)


def _translated(label):
    """A label of BASIS_LABELS or STATUS_LABELS in the language in use (a gap stays a gap)."""
    return _(label) if isinstance(label, str) else label


def apart_title(actions: pd.DataFrame) -> str:
    rows = apart_actions(actions)
    if rows.empty:
        return _("No estimated or per-year amount shown")
    kinds = rows["kind"].value_counts()
    what = and_list([_counted_kind(k, int(n)) for k, n in kinds.items()])
    parts = []
    once = rows[rows["budget_basis"] == "plan_total"]["budget_eur"]
    yearly = rows[rows["budget_basis"] == "per_year"]["budget_eur"]
    if len(once):
        parts.append(_("{money} for their whole period").format(money=euros(float(once.sum()))))
    if len(yearly):
        parts.append(_("{money} per year").format(money=euros(float(yearly.sum()))))
    amounts = (
        _("{first} plus {second}").format(first=parts[0], second=parts[1]) if len(parts) == 2 else parts[0]
    )
    estimated = (rows["budget_status"] == "estimated").all()
    cities = list(dict.fromkeys(rows["city_name"]))
    if len(cities) == 1 and estimated:
        text = _("Not in the plan totals: {city}'s {what} estimated at {amounts}")
    elif len(cities) == 1:
        text = _("Not in the plan totals: {city}'s {what} costed at {amounts}")
    elif estimated:
        text = _("Not in the plan totals: {what} estimated at {amounts}")
    else:
        text = _("Not in the plan totals: {what} costed at {amounts}")
    return text.format(city=cities[0], what=what, amounts=amounts)


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
            return _("starts {start}, end not given").format(start=start)
        if end is not pd.NA:
            return _("ends {end}, start not given").format(end=end)
        return _("timing unknown")

    return pd.DataFrame(
        {
            N_("City"): rows["city_name"],
            N_("Action"): [action_label(n, t) for n, t in zip(rows["number"], rows["title"], strict=True)],
            N_("Type"): rows["kind_label"],
            N_("Timing"): [known(r) for _index, r in rows.iterrows()],
        }
    ).reset_index(drop=True)


def timeline_numbers(actions: pd.DataFrame) -> pd.DataFrame:
    rows = timed_actions(actions)
    return pd.DataFrame(
        {
            N_("City"): rows["city_name"],
            N_("Action"): [action_label(n, t) for n, t in zip(rows["number"], rows["title"], strict=True)],
            N_("Type"): rows["kind_label"],
            N_("Primary intervention"): rows["primary_label"],
            # Not "From"/"To": those name a transfer's origin and destination elsewhere.
            N_("Start year"): rows["start_year"],
            N_("End year"): rows["end_year"],
            N_("Detail"): rows["timing"].fillna(""),
        }
    ).reset_index(drop=True)


def timeline_title(actions: pd.DataFrame) -> str:
    rows = timed_actions(actions)
    missing = len(actions) - len(rows)
    tail = (
        ngettext("; timing unknown for {n} more", "; timing unknown for {n} more", missing).format(n=missing)
        if missing
        else ""
    )
    if rows.empty:
        return ngettext(
            "No action shown has a known start and end year ({n} action)",
            "No action shown has a known start and end year ({n} actions)",
            len(actions),
        ).format(n=number(len(actions)))
    spans = rows.groupby(["start_year", "end_year"]).size().sort_values(ascending=False)
    (start, end), n = spans.index[0], int(spans.iloc[0])
    span = _years(start, end)
    timed = ngettext("{n} action", "{n} actions", len(rows)).format(n=number(len(rows)))
    if start == end:
        text = ngettext(
            "{n} of {actions} with known timing runs in {span}",
            "{n} of {actions} with known timing run in {span}",
            n,
        )
    else:
        text = ngettext(
            "{n} of {actions} with known timing runs over {span}",
            "{n} of {actions} with known timing run over {span}",
            n,
        )
    return text.format(n=n, actions=timed, span=span) + tail


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
    rests = ngettext(
        "Based on {n} plan action with a known budget (of {total} plan actions shown)",
        "Based on {n} plan actions with a known budget (of {total} plan actions shown)",
        k,
    ).format(n=number(k), total=n)
    missing = []
    if unknown_plan:
        missing.append(
            ngettext(
                "{n} plan action with budget unknown (listed under the figures)",
                "{n} plan actions with budget unknown (listed under the figures)",
                unknown_plan,
            ).format(n=number(unknown_plan))
        )
    plan_apart = len(plan_actions(apart))
    if plan_apart:
        missing.append(_("{n} with only a per-year or estimated amount (shown apart)").format(n=plan_apart))
    left_out = _("; not counted: {items}").format(items=and_list(missing)) if missing else ""
    base = f"{rests}{left_out}."
    no_population = by_city[(by_city["known"] > 0) & by_city["per_inhabitant"].isna().astype(bool)]
    population = _(
        "Per inhabitant: plan total ÷ population, with the year of the population figure in the table."
    )
    if any(_approximate(by_city[by_city["per_inhabitant"].notna().astype(bool)])):
        population += " " + _(
            "'About' marks a population its source gives as approximate, and the figure per "
            "inhabitant worked out from it."
        )
    if not no_population.empty:
        population += " " + _("Population unknown for {cities}: no figure per inhabitant.").format(
            cities=and_list(list(no_population["city_name"]))
        )
    possible = actions[(actions["budget_status"] == "estimated") & actions["budget_eur"].notna().astype(bool)]
    timed = timed_actions(actions)
    return {
        "treemap": f"{base} {_(PRIMARY_RULE)} " + _("Ideas' estimated costs are not included."),
        "city": f"{base} "
        + _("A city with no known budget has no bar: it is marked 'budget unknown', never €0.")
        + f" {population}",
        "intervention": f"{base} {_(PRIMARY_RULE)}",
        "support_level": f"{base} " + _("Each plan action has one support level."),
        "beneficiary": f"{base} {_(GROUP_RULE)}",
        "funding": (
            ngettext(
                "Planned: {n} plan action with a known budget.",
                "Planned: {n} plan actions with a known budget.",
                k,
            ).format(n=number(k))
            + " "
            + ngettext(
                "Possible: {n} estimated cost (ideas), whose funding is only hoped for and is "
                "never added to the planned money.",
                "Possible: {n} estimated costs (ideas), whose funding is only hoped for and is "
                "never added to the planned money.",
                len(possible),
            ).format(n=number(len(possible)))
            + f" {_(SOURCE_RULE)}"
        ),
        "apart": (
            ngettext(
                "Based on {n} action with a known amount outside the plan totals.",
                "Based on {n} actions with a known amount outside the plan totals.",
                len(apart),
            ).format(n=number(len(apart)))
            + " "
            + _(
                "An amount per year is not a total: the two bases are on separate axes and never "
                "added together or to the plan."
            )
        ),
        "timeline": (
            ngettext(
                "Based on {n} action with a known start and end year, of {total} shown; hatched bars "
                "are not plan actions (testing actions, ideas).",
                "Based on {n} actions with a known start and end year, of {total} shown; hatched bars "
                "are not plan actions (testing actions, ideas).",
                len(timed),
            ).format(n=number(len(timed)), total=len(actions))
            + " "
            + _("The others are listed as 'timing unknown' below.")
        ),
    }
