"""One city against the model and the network: its gaps, the peer actions that fill them,
its focus areas and what is still to be entered.

Plain functions (no streamlit), used by the My city page, the city report and
`python -m models gaps`.

A city's plan covers a cell of a grid when one of its plan actions (kind `iap_action`)
sits there; coverage is defined once in `insights.frames.coverage_cells`. Suggestions
for a gap are every action of another city, of any kind (plan action, testing action,
idea), that sits in the cell.
"""

from __future__ import annotations

import math

import pandas as pd

from insights.coverage import AXIS_KIND, AXIS_TITLE, GROUP, LEVEL, grid, name_key
from insights.frames import PLAN_KIND, Tables, coverage_cells
from insights.theme import inhabitants

# The two grids, in the order gaps are listed: intervention x beneficiary group first
# (who is reached), then intervention x support level.
GRIDS = (GROUP, LEVEL)
GRID_NAMES = {GROUP: "Interventions × beneficiary groups", LEVEL: "Interventions × support levels"}


class UnknownCity(LookupError):
    """No city with this id loaded."""


def city_row(tables: Tables, city: str) -> pd.Series:
    rows = tables.cities[tables.cities["id"] == city]
    if rows.empty:
        known = ", ".join(sorted(tables.cities["id"]))
        raise UnknownCity(f"No city with the id '{city}' is in the data. The cities are: {known}.")
    return rows.iloc[0]


def all_cells(tables: Tables) -> pd.DataFrame:
    """Every action's model cells (all kinds, all cities)."""
    return coverage_cells(tables.actions)


# --- where peer actions came from and went -----------------------------------------------


def action_links(tables: Tables) -> dict[str, dict[str, list[str]]]:
    """Per action id: `taken_from` (where the practices it took came from) and `passed_to`
    (cities that took a practice the data links to this action), as readable texts."""
    links: dict[str, dict[str, list[str]]] = {}
    practice_action = dict(zip(tables.practices["id"], tables.practices["action"], strict=True))
    for t in tables.transfers.itertuples():
        links.setdefault(t.to_action, {"taken_from": [], "passed_to": []})["taken_from"].append(
            f"{t.practice_name}, from {t.from_label}"
        )
        source_action = practice_action.get(t.practice)
        if isinstance(source_action, str):
            links.setdefault(source_action, {"taken_from": [], "passed_to": []})["passed_to"].append(
                t.to_city_name
            )
    return links


def _budget(value) -> float | None:
    if value is None or value is pd.NA:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def _suggestion(row, links: dict) -> dict:
    link = links.get(row.id, {"taken_from": [], "passed_to": []})
    source = row.sources[0] if row.sources else {"title": None, "address": None}
    return {
        "city": row.city,
        "action": row.id,
        "title": row.title,
        "city_name": row.city_name,
        "kind": row.kind,
        "kind_label": row.kind_label,
        "budget_eur": _budget(row.budget_eur),
        "budget_basis": row.budget_basis if isinstance(row.budget_basis, str) else None,
        "taken_from": list(link["taken_from"]),
        "passed_to": sorted(set(link["passed_to"]), key=name_key),
        "source": source.get("title"),
        "source_address": source.get("address"),
    }


# --- gaps ------------------------------------------------------------------------------


def gaps(tables: Tables, city: str) -> list[dict]:
    """Every cell of either grid that none of the city's plan actions covers, in the
    model's order (beneficiary grid first), each with its `suggestions`: every action of
    another city, of any kind, that covers the cell (sorted by city, then title).

    Entry: {"grid", "intervention", "beneficiary" | "support_level", "intervention_label",
    "cell_label", "suggestions": [{"city", "action", "title", ...}]}.
    """
    city_row(tables, city)
    vocab = tables.vocabulary
    cells = all_cells(tables)
    mine = cells[(cells["city"] == city) & (cells["kind"] == PLAN_KIND)]
    others = cells[cells["city"] != city]
    actions = tables.actions.set_index("id", drop=False)
    links = action_links(tables)
    entries = []
    for across in GRIDS:
        table = grid(mine, vocab, across)
        in_cell: dict[tuple[str, str], list[str]] = {}
        for intervention, cell, action in zip(others["intervention"], others[across], others["id"], strict=True):
            ids = in_cell.setdefault((intervention, cell), [])
            if action not in ids:
                ids.append(action)
        for r in table[table["actions"] == 0].itertuples():
            peers = actions.loc[in_cell.get((r.intervention, r.cell), [])]
            peers = peers.iloc[
                sorted(
                    range(len(peers)),
                    key=lambda i: (name_key(peers["city_name"].iloc[i]), name_key(peers["title"].iloc[i])),
                )
            ]
            entries.append(
                {
                    "grid": across,
                    "intervention": r.intervention,
                    across: r.cell,
                    "intervention_label": r.intervention_label,
                    "cell_label": r.cell_label,
                    "suggestions": [_suggestion(p, links) for p in peers.itertuples()],
                }
            )
    return entries


def gaps_json(tables: Tables, city: str) -> dict:
    """What `python -m models gaps CITY --format json` prints."""
    return {"city": city, "gaps": gaps(tables, city)}


def gap_counts(entries: list[dict], tables: Tables) -> dict[str, dict[str, int]]:
    """Per grid: cells, gaps, and gaps that at least one peer fills."""
    vocab = tables.vocabulary
    counts = {}
    for across in GRIDS:
        mine = [e for e in entries if e["grid"] == across]
        counts[across] = {
            "cells": len(vocab.ids("interventions")) * len(vocab.ids(AXIS_KIND[across])),
            "gaps": len(mine),
            "with_peers": sum(bool(e["suggestions"]) for e in mine),
        }
    return counts


def gaps_sentence(entries: list[dict], tables: Tables, city_name: str) -> str:
    """'Isernia's 6 plan actions leave 7 of 16 ... cells empty; peers fill 5 of them.'"""
    counts = gap_counts(entries, tables)
    parts = []
    for across in GRIDS:
        c = counts[across]
        axis = "beneficiary groups" if across == GROUP else "support levels"
        parts.append(f"{c['gaps']} of {c['cells']} cells of interventions × {axis} (peers fill {c['with_peers']})")
    return f"{city_name}'s plan leaves empty " + " and ".join(parts) + "."


def _money(value: float | None, basis: str | None) -> str:
    if value is None:
        return "unknown"
    text = f"€{value:,.0f}"
    return text + " a year" if basis == "per_year" else text


def _transfer_note(s: dict) -> str:
    parts = []
    if s["taken_from"]:
        parts.append("took " + "; ".join(s["taken_from"]))
    if s["passed_to"]:
        parts.append("passed on to " + ", ".join(s["passed_to"]))
    return "; ".join(parts) if parts else "none recorded"


def gaps_table(entries: list[dict], across: str) -> pd.DataFrame:
    """One grid's gaps as a readable table: one row per (gap, peer action); a gap no peer
    fills has one row saying so."""
    rows = []
    for e in entries:
        if e["grid"] != across:
            continue
        base = {"Intervention": e["intervention_label"], AXIS_TITLE[across]: e["cell_label"]}
        if not e["suggestions"]:
            rows.append(
                {**base, "Peer city": "—", "Peer action": "no city has an action here"}
                | dict.fromkeys(("Kind", "Budget", "Transfers", "Source"), "")
            )
            continue
        for s in e["suggestions"]:
            rows.append(
                {
                    **base,
                    "Peer city": s["city_name"],
                    "Peer action": s["title"],
                    "Kind": s["kind_label"],
                    "Budget": _money(s["budget_eur"], s["budget_basis"]),
                    "Transfers": _transfer_note(s),
                    "Source": s["source_address"] or s["source"],
                }
            )
    columns = ["Intervention", AXIS_TITLE[across], "Peer city", "Peer action", "Kind", "Budget", "Transfers", "Source"]
    return pd.DataFrame(rows, columns=columns)


# --- focus areas -------------------------------------------------------------------------

# The data team's reading of each focus area (Baseline Study) as cells of the model; the
# page and the report say so. "City-wide answers" is about partnerships, not a cell: it
# is read from the actions that name partners.
FOCUS_AREA_CELLS: dict[str, dict] = {
    "identify_isolated": {"interventions": ["identify"], "beneficiaries": ["isolated"]},
    "diagnose_at_risk": {"interventions": ["identify"], "beneficiaries": ["at_risk"]},
    "answers_for_isolated": {"interventions": ["help"], "beneficiaries": ["isolated"]},
    "prevention_at_risk": {"interventions": ["prevent"], "beneficiaries": ["at_risk"]},
    "awareness": {"interventions": ["awareness"], "beneficiaries": None},
    "city_wide_answers": {"partners": True},
    "community_care": {"interventions": ["prevent"], "beneficiaries": ["all_citizens", "helpers"]},
}
FOCUS_AREA_READING = {
    "identify_isolated": "Identify × isolated",
    "diagnose_at_risk": "Identify × at risk",
    "answers_for_isolated": "Help × isolated",
    "prevention_at_risk": "Prevent × at risk",
    "awareness": "Raise awareness, any group",
    "city_wide_answers": "actions that name partners",
    "community_care": "Prevent × all citizens or helpers",
}


def _actions_in_area(plan: pd.DataFrame, area: str) -> list[str]:
    rule = FOCUS_AREA_CELLS[area]
    if plan.empty:
        return []
    if rule.get("partners"):
        chosen = plan[plan["partners"].map(lambda p: bool(p))]
    else:
        groups = rule["beneficiaries"]
        chosen = plan[
            plan["interventions"].map(lambda ids: bool(set(ids) & set(rule["interventions"])))
            & plan["beneficiaries"].map(lambda ids: groups is None or bool(set(ids) & set(groups)))
        ]
    return list(chosen["title"])


def focus_table(tables: Tables, city: str) -> pd.DataFrame:
    """The seven focus areas: whether the city chose each (unknown when no source says),
    how the area is read on the model, and the city's plan actions there."""
    row = city_row(tables, city)
    chosen, emphasis = row["focus_areas"], row["focus_emphasis"]
    known = isinstance(chosen, list)
    plan = tables.actions[(tables.actions["city"] == city) & (tables.actions["kind"] == PLAN_KIND)]
    labels = tables.vocabulary.labels("focus_areas")
    rows = []
    for area in tables.vocabulary.ids("focus_areas"):
        titles = _actions_in_area(plan, area)
        if not known:
            choice = "unknown"
        elif area in (emphasis or []):
            choice = "yes, with emphasis"
        else:
            choice = "yes" if area in chosen else "no"
        if choice.startswith("yes") and not titles:
            status = "chosen, but no plan action there"
        elif choice.startswith("yes"):
            status = "chosen and covered"
        elif titles:
            status = "covered"
        else:
            status = "no plan action"
        rows.append(
            {
                "Focus area": labels[area],
                "Chosen by the city": choice,
                "Read on the model as": FOCUS_AREA_READING[area],
                "Plan actions": len(titles),
                "Which": "; ".join(titles),
                "Status": status,
            }
        )
    return pd.DataFrame(rows)


def focus_sentence(table: pd.DataFrame, city_name: str) -> str:
    if (table["Chosen by the city"] == "unknown").all():
        return (
            f"No source entered so far says which focus areas {city_name} chose; the table shows "
            "only where its plan actions sit."
        )
    unmet = list(table.loc[table["Status"] == "chosen, but no plan action there", "Focus area"])
    chosen = int(table["Chosen by the city"].str.startswith("yes").sum())
    if not unmet:
        return f"{city_name} chose {chosen} focus areas; each has at least one plan action."
    return f"{city_name} chose {chosen} focus areas; no plan action yet for: " + ", ".join(unmet) + "."


# --- completeness ------------------------------------------------------------------------


def completeness(tables: Tables, city: str) -> pd.DataFrame:
    """What is known of the city's plan and what to enter next, most useful first."""
    row = city_row(tables, city)
    actions = tables.actions[tables.actions["city"] == city]
    plan = actions[actions["kind"] == PLAN_KIND]
    n = len(plan)

    def share(mask) -> str:
        return f"{int(mask.sum())} of {n} plan actions" if n else "no plan action yet"

    budget_known = plan["budget_eur"].notna()
    timing_known = plan["start_year"].notna()
    with_indicators = plan["indicators"].map(bool) if n else pd.Series(dtype=bool)
    with_lead = plan["lead"].map(lambda v: isinstance(v, str) and bool(v)) if n else pd.Series(dtype=bool)
    items = [
        (
            "IAP document",
            "entered" if row["iap_entered"] else "not entered",
            row["iap_entered"],
            "Enter the plan from the IAP document (title, every action, costs).",
        ),
        ("Plan actions", f"{n}", n > 0, "Add the plan's actions."),
        (
            "Budgets",
            share(budget_known),
            n > 0 and bool(budget_known.all()),
            "Enter each action's cost and funding source from the plan's 'Costs and fundings'.",
        ),
        (
            "Timing",
            share(timing_known),
            n > 0 and bool(timing_known.all()),
            "Enter when each action starts and ends.",
        ),
        (
            "Indicators",
            share(with_indicators),
            n > 0 and bool(with_indicators.all()),
            "Enter each action's monitoring indicators and targets.",
        ),
        (
            "Lead organisation",
            share(with_lead),
            n > 0 and bool(with_lead.all()),
            "Enter who leads each action.",
        ),
        (
            "Focus areas",
            "entered" if isinstance(row["focus_areas"], list) else "not known",
            isinstance(row["focus_areas"], list),
            "Enter the focus areas the city chose (Baseline Study or IAP).",
        ),
        (
            "Plan period",
            _period(row),
            not _missing(row["plan_start"]) and not _missing(row["plan_end"]),
            "Enter the years the plan covers.",
        ),
        (
            "Population",
            inhabitants(row["population"], row.get("population_approximate")),
            not _missing(row["population"]),
            "Enter the population with its year and source (used for budgets per inhabitant).",
        ),
    ]
    return pd.DataFrame(
        [
            {"What": what, "Known": known, "Complete": bool(done), "Next step": "" if done else step}
            for what, known, done, step in items
        ]
    )


def _missing(value) -> bool:
    if value is None or value is pd.NA:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def _period(row) -> str:
    start, end = row["plan_start"], row["plan_end"]
    if _missing(start):
        return "unknown"
    return f"{int(start)}–{int(end)}" if not _missing(end) else f"from {int(start)}, end unknown"


def next_steps(table: pd.DataFrame) -> list[str]:
    return [s for s in table["Next step"] if s]


def completeness_sentence(table: pd.DataFrame, city_name: str) -> str:
    done = int(table["Complete"].sum())
    return f"{city_name}: {done} of {len(table)} parts of the plan are complete in the data."


# --- what the My city page shows, built once per data load and city --------------------------


def grid_parts(tables: Tables, city: str, city_name: str) -> dict:
    """Per grid, the figure and numbers of the city's plan actions, each cell also giving
    how many plan actions of other cities sit there (the network beside the city)."""
    from insights.coverage import FINDINGS, grid_figure, grid_numbers

    plan = tables.actions[tables.actions["kind"] == PLAN_KIND]
    cells = coverage_cells(plan)
    parts = {}
    for across in GRIDS:
        table = grid(cells[cells["city"] == city], tables.vocabulary, across)
        others = grid(cells[cells["city"] != city], tables.vocabulary, across)
        table["others"] = others["actions"].to_numpy()
        table["others_note"] = [f"others: {n}" for n in table["others"]]
        figure = grid_figure(
            table, across, FINDINGS[across](table, "plan actions", city_name), note="others_note"
        )
        numbers = grid_numbers(table, across)
        numbers.insert(3, "Other cities' plan actions", table["others"].astype(int))
        parts[across] = {"figure": figure, "numbers": numbers}
    return parts


def page_view(tables: Tables, city: str) -> dict:
    """Everything the My city page shows for one city: its grids and the network's, its
    gaps with peer actions, focus areas and completeness. Shared by every session:
    callers must not modify it."""
    name = city_row(tables, city)["name"]
    entries = gaps(tables, city)
    focus = focus_table(tables, city)
    complete = completeness(tables, city)
    return {
        "name": name,
        "grids": grid_parts(tables, city, name),
        "gaps": entries,
        "gaps_sentence": gaps_sentence(entries, tables, name),
        "gap_tables": {across: gaps_table(entries, across) for across in GRIDS},
        "focus": focus,
        "focus_sentence": focus_sentence(focus, name),
        "completeness": complete,
        "completeness_sentence": completeness_sentence(complete, name),
        "next_steps": next_steps(complete),
    }
