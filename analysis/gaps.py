"""A city's gaps, its cells not known yet, and the peer actions in any cell: defined once,
for the Coverage and My city pages, the city report, Present, the deck and
`python -m models gaps`.

- A **gap** is a cell of either grid that none of the city's plan actions (kind
  `iap_action`) covers, *and the city's plan is entered*: a claim about a real plan.
- For a city whose plan is not entered, such a cell is **not known**: it is listed apart,
  never counted as a gap.
- The **peer actions** of a cell are every action of another city, of any kind (plan
  action, testing action, idea), that sits in it, sorted by city then title: the same
  list on every page (`peer_actions`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from analysis.coverage import AXIS_KIND, AXIS_TITLE, GROUP, LEVEL, grid, name_key
from analysis.frames import Tables, coverage_cells, plan_actions
from analysis.known import Basis
from models.knowledge import BROKEN, PLAN_ENTERED
from words import and_list, euros
from words import parts as words_parts
from words.i18n import N_, _

# The two grids, in the order gaps are listed: intervention x beneficiary group first
# (who is reached), then intervention x support level.
GRIDS = (GROUP, LEVEL)

# Written at import: marked for the catalog, shown through `_()`.
GRID_NAMES = {GROUP: N_("Interventions × beneficiary groups"), LEVEL: N_("Interventions × support levels")}


class UnknownCity(LookupError):
    """No city with this id is in the data."""


class BrokenCityFile(LookupError):
    """The city's data file has a problem: nothing about its plan can be said."""

    def __init__(self, city: str, file: str, problem: str):
        super().__init__(f"{file}: {problem}")
        self.city, self.file, self.problem = city, file, problem


def city_row(tables: Tables, city: str) -> pd.Series:
    rows = tables.cities[tables.cities["id"] == city]
    if rows.empty:
        known = ", ".join(sorted(tables.cities["id"]))
        # Printed to people by the commands: in the language in use.
        raise UnknownCity(
            _("No city with the id '{city}' is in the data. The cities are: {known}.").format(
                city=city, known=known
            )
        )
    return rows.iloc[0]


def loaded_city_row(tables: Tables, city: str) -> pd.Series:
    """The city's row; BrokenCityFile when its data file has a problem."""
    row = city_row(tables, city)
    if row["knowledge"] == BROKEN:
        raise BrokenCityFile(city, str(row["file"]), str(row["file_problem"]))
    return row


def action_links(tables: Tables) -> dict[str, dict[str, list[str]]]:
    """Per action id: `taken_from` (where the practices it took came from) and `passed_to`
    (cities that took a practice the data links to this action), as readable texts."""
    links: dict[str, dict[str, list[str]]] = {}
    practice_action = dict(zip(tables.practices["id"], tables.practices["action"], strict=True))
    for t in tables.transfers.itertuples():
        links.setdefault(t.to_action, {"taken_from": [], "passed_to": []})["taken_from"].append(
            _("{practice}, from {origin}").format(practice=t.practice_name, origin=t.from_label)
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


def _peer_index(cells: pd.DataFrame, city: str, across: str) -> dict[tuple[str, str], list[str]]:
    """(intervention, cell) -> ids of the other cities' actions (any kind) sitting there;
    `cells` is coverage_cells of every action."""
    others = cells[cells["city"] != city]
    in_cell: dict[tuple[str, str], list[str]] = {}
    for intervention, cell, action in zip(others["intervention"], others[across], others["id"], strict=True):
        ids = in_cell.setdefault((intervention, cell), [])
        if action not in ids:
            ids.append(action)
    return in_cell


def _by_id(tables: Tables) -> dict[str, tuple]:
    """Action id -> its row of the actions table, read once per call of the callers below (a
    city's page asks for the suggestions of some twenty cells; selecting rows from the table
    per cell took most of a page's time)."""
    return {row.id: row for row in tables.actions.itertuples(index=False)}


def _suggestions(actions_by_id: dict[str, tuple], ids: list[str], links: dict) -> list[dict]:
    peers = sorted((actions_by_id[i] for i in ids), key=lambda p: (name_key(p.city_name), name_key(p.title)))
    return [_suggestion(p, links) for p in peers]


def peer_actions(tables: Tables, city: str, across: str, intervention: str, cell: str) -> list[dict]:
    """Every action of another city than `city`, of any kind, in one cell of a grid:
    the one list of peer suggestions every page shows."""
    ids = _peer_index(coverage_cells(tables.actions), city, across).get((intervention, cell), [])
    return _suggestions(_by_id(tables), ids, action_links(tables))


def city_cells(tables: Tables, city: str, interventions=()) -> dict:
    """The city's empty cells of both grids, split by what is known.

    {"plan_entered": bool, "gaps": [entry], "not_known": [entry]} where an entry is
    {"grid", "intervention", "beneficiary" | "support_level", "intervention_label",
    "cell_label", "suggestions": [{"city", "action", "title", ...}]}: gaps only when the
    plan is entered, cells not known otherwise (both with their peer actions). Raises
    UnknownCity, or BrokenCityFile when the city's file has a problem."""
    row = loaded_city_row(tables, city)
    entered = row["knowledge"] == PLAN_ENTERED
    vocab = tables.vocabulary
    cells = coverage_cells(tables.actions)
    mine = plan_actions(cells).loc[lambda rows: rows["city"] == city]
    links = action_links(tables)
    actions_by_id = _by_id(tables)
    basis = Basis.of(tables.cities, [city])
    found: list[dict] = []
    for across in GRIDS:
        table = grid(mine, vocab, across, interventions, basis=basis)
        in_cell = _peer_index(cells, city, across)
        for r in table[table["actions"] == 0].itertuples():
            found.append(
                {
                    "grid": across,
                    "intervention": r.intervention,
                    across: r.cell,
                    "intervention_label": r.intervention_label,
                    "cell_label": r.cell_label,
                    "suggestions": _suggestions(
                        actions_by_id, in_cell.get((r.intervention, r.cell), []), links
                    ),
                }
            )
    return {
        "plan_entered": bool(entered),
        "gaps": found if entered else [],
        "not_known": [] if entered else found,
    }


def gaps(tables: Tables, city: str) -> list[dict]:
    """The city's gaps (none when its plan is not entered: see `city_cells`)."""
    return city_cells(tables, city)["gaps"]


NOT_ENTERED_NOTE = N_(
    "{name}'s plan (its IAP document) is not entered, so no cell can be called a gap: the cells "
    "its known actions do not reach are listed under not_known. Enter the plan to see its gaps."
)


def gaps_json(tables: Tables, city: str) -> dict:
    """What `python -m models gaps CITY --format json` prints: `city`, `plan_entered`,
    `gaps` (each with `suggestions`), `not_known`, and a `note` when the plan is not entered."""
    found = city_cells(tables, city)
    out = {"city": city, "plan_entered": found["plan_entered"], "gaps": found["gaps"]}
    if not found["plan_entered"]:
        out["note"] = _(NOT_ENTERED_NOTE).format(name=city_row(tables, city)["name"])
    out["not_known"] = [
        {k: v for k, v in entry.items() if k != "suggestions"} for entry in found["not_known"]
    ]
    return out


def grid_sizes(tables: Tables, interventions=()) -> dict[str, int]:
    vocab = tables.vocabulary
    rows = len([i for i in vocab.ids("interventions") if not interventions or i in interventions])
    return {across: rows * len(vocab.ids(AXIS_KIND[across])) for across in GRIDS}


def gap_counts(entries: list[dict], tables: Tables, interventions=()) -> dict[str, dict[str, int]]:
    """Per grid: cells, entries (gaps or cells not known), and those at least one peer fills."""
    sizes = grid_sizes(tables, interventions)
    counts = {}
    for across in GRIDS:
        mine = [e for e in entries if e["grid"] == across]
        counts[across] = {
            "cells": sizes[across],
            "gaps": len(mine),
            "with_peers": sum(bool(e["suggestions"]) for e in mine),
        }
    return counts


def gaps_sentence(found: dict, tables: Tables, city_name: str, interventions=()) -> str:
    """'Isernia's plan leaves empty 7 of 16 cells ... (peers fill 5)', or, for a plan not
    entered, what is known instead - never a count of gaps."""
    if not found["plan_entered"]:
        counts = gap_counts(found["not_known"], tables, interventions)
        parts = []
        for across in GRIDS:
            c = counts[across]
            if across == GROUP:
                part = _("{empty} of {cells} cells of interventions × beneficiary groups")
            else:
                part = _("{empty} of {cells} cells of interventions × support levels")
            parts.append(part.format(empty=c["gaps"], cells=c["cells"]))
        return _(
            "{city}'s plan is not entered, so its gaps are not known. Its known actions leave {cells} "
            "not known yet. Peer actions in those cells are listed for reference."
        ).format(city=city_name, cells=and_list(parts))
    counts = gap_counts(found["gaps"], tables, interventions)
    parts = []
    for across in GRIDS:
        c = counts[across]
        if across == GROUP:
            part = _(
                "{empty} of {cells} cells of interventions × beneficiary groups (peer cities fill {peers})"
            )
        else:
            part = _("{empty} of {cells} cells of interventions × support levels (peer cities fill {peers})")
        parts.append(part.format(empty=c["gaps"], cells=c["cells"], peers=c["with_peers"]))
    return _("{city}'s plan leaves empty {cells}.").format(city=city_name, cells=and_list(parts))


def _money(value: float | None, basis: str | None) -> str:
    """'€9,800', '€35,000 a year', or 'unknown'."""
    if value is not None and basis == "per_year":
        return _("{amount} a year").format(amount=euros(value))
    return euros(value)


def _transfer_note(s: dict) -> str:
    parts = []
    if s["taken_from"]:
        parts.append(_("took up {practices}").format(practices=words_parts(s["taken_from"])))
    if s["passed_to"]:
        parts.append(_("passed on to {cities}").format(cities=", ".join(s["passed_to"])))
    return words_parts(parts) if parts else _("none recorded")


# Headers in English, marked for the catalog: the page translates them where it shows a table.
GAP_TABLE_COLUMNS = [
    N_("Peer city"),
    N_("Peer action"),
    N_("Type"),
    N_("Budget"),
    N_("Transfers"),
    N_("Source"),
]


def _peer_row(s: dict) -> dict:
    """One peer action (a suggestion) as a readable table row."""
    return {
        "Peer city": s["city_name"],
        "Peer action": s["title"],
        "Type": s["kind_label"],
        "Budget": _money(s["budget_eur"], s["budget_basis"]),
        "Transfers": _transfer_note(s),
        "Source": s["source_address"] or s["source"],
    }


def gaps_table(entries: list[dict], across: str) -> pd.DataFrame:
    """One grid's cells (gaps, or cells not known) as a readable table: one row per (cell,
    peer action); a cell no peer fills has one row saying so."""
    rows = []
    for e in entries:
        if e["grid"] != across:
            continue
        base = {N_("Intervention"): e["intervention_label"], AXIS_TITLE[across]: e["cell_label"]}
        if not e["suggestions"]:
            rows.append(
                {**base, "Peer city": "—", "Peer action": _("no city has an action here")}
                | dict.fromkeys(("Type", "Budget", "Transfers", "Source"), "")
            )
            continue
        rows += [{**base, **_peer_row(s)} for s in e["suggestions"]]
    return pd.DataFrame(rows, columns=["Intervention", AXIS_TITLE[across], *GAP_TABLE_COLUMNS])


def peer_table(suggestions: list[dict]) -> pd.DataFrame:
    """Peer actions of one cell as a readable table (the same columns as a gap table)."""
    return pd.DataFrame([_peer_row(s) for s in suggestions], columns=GAP_TABLE_COLUMNS)


def unfilled(entries: list[dict], across: str) -> list[str]:
    """Cells of one grid no other city has an action in: 'Identify · Intensive support'."""
    return [
        f"{e['intervention_label']} · {e['cell_label']}"
        for e in entries
        if e["grid"] == across and not e["suggestions"]
    ]


def summary(found: dict, tables: Tables, city_name: str, across: str, interventions=()) -> str:
    """One grid's line: 'Interventions × support levels: 5 of 12 cells hold none of Isernia's
    plan actions; peer cities have actions in 4 of them.' - or, for a plan not entered,
    the cells not known."""
    grid_name = _(GRID_NAMES[across])
    total = grid_sizes(tables, interventions)[across]
    if found["plan_entered"]:
        mine = [e for e in found["gaps"] if e["grid"] == across]
        if not mine:
            return _("{grid}: {city} has no gap; every cell holds one of its plan actions.").format(
                grid=grid_name, city=city_name
            )
        with_peers = sum(bool(e["suggestions"]) for e in mine)
        return _(
            "{grid}: {empty} of {total} cells hold none of {city}'s plan actions (gaps); "
            "peer cities have actions in {peers} of them."
        ).format(grid=grid_name, empty=len(mine), total=total, city=city_name, peers=with_peers)
    mine = [e for e in found["not_known"] if e["grid"] == across]
    with_peers = sum(bool(e["suggestions"]) for e in mine)
    return _(
        "{grid}: {city}'s plan is not entered; {empty} of {total} cells are not known yet "
        "(no known action of it there); peer cities have actions in {peers} of them."
    ).format(grid=grid_name, city=city_name, empty=len(mine), total=total, peers=with_peers)


@dataclass(frozen=True)
class GridGaps:
    """What the Coverage page lists under one of a city's grids."""

    summary: str
    """The grid's empty cells in one sentence."""
    table: pd.DataFrame
    """The empty cells with the peer actions found in them."""
    unfilled: list[str]
    """The empty cells no other city has an action in ("Identify · Intensive support")."""


@dataclass(frozen=True)
class CoverageGapsView:
    """What the Coverage page lists under a city's grids."""

    plan_entered: bool
    """Whether the city's plan is entered (its empty cells are then gaps, else not known)."""
    sentence: str
    """The city's empty cells in one sentence."""
    grids: dict[str, GridGaps]
    """Per grid (GRIDS), its empty cells."""


def coverage_gaps_view(tables: Tables, city: str, interventions=()) -> CoverageGapsView:
    """What the Coverage page lists under a city's grids: per grid its summary, the table of
    cells with peer actions, and the cells no peer fills. Shared by every session."""
    name = city_row(tables, city)["name"]
    found = city_cells(tables, city, interventions)
    entries = found["gaps"] if found["plan_entered"] else found["not_known"]
    return CoverageGapsView(
        plan_entered=found["plan_entered"],
        sentence=gaps_sentence(found, tables, name, interventions),
        grids={
            across: GridGaps(
                summary=summary(found, tables, name, across, interventions),
                table=gaps_table([e for e in entries if e["suggestions"]], across),
                unfilled=unfilled(entries, across),
            )
            for across in GRIDS
        },
    )
