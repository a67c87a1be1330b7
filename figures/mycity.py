"""The My city page's figures: the city's grids beside the network, and everything the page
shows for one city (the tables and sentences come from analysis/mycity.py). No streamlit."""

from __future__ import annotations

from analysis.coverage import grid, grid_numbers
from analysis.frames import Tables, coverage_cells, plan_actions
from analysis.gaps import GRIDS, city_cells, gaps_sentence, gaps_table, loaded_city_row
from analysis.known import Basis
from analysis.mycity import (
    completeness,
    completeness_sentence,
    focus_areas_named,
    focus_sentence,
    focus_table,
    next_steps,
)
from figures.coverage import FINDINGS, grid_figure
from words.i18n import N_, _


def grid_parts(tables: Tables, city: str, city_name: str) -> dict:
    """Per grid, the figure and numbers of the city's plan actions, each cell also giving
    how many plan actions of other cities sit there (the network beside the city)."""
    plan = plan_actions(tables.actions)
    cells = coverage_cells(plan)
    mine = Basis.of(tables.cities, [city])
    rest = Basis.of(tables.cities, [c for c in tables.cities["id"] if c != city])
    parts = {}
    for across in GRIDS:
        table = grid(cells[cells["city"] == city], tables.vocabulary, across, basis=mine)
        others = grid(cells[cells["city"] != city], tables.vocabulary, across, basis=rest)
        table["others"] = others["actions"].to_numpy()
        table["others_note"] = [_("others: {n}").format(n=n) for n in table["others"]]
        figure = grid_figure(
            table, across, FINDINGS[across](table, "plan actions", city_name, basis=mine), note="others_note"
        )
        numbers = grid_numbers(table, across)
        # The column's name stays English (the code's); the page shows its words.
        numbers.insert(3, N_("Other cities' plan actions"), table["others"].astype(int))
        parts[across] = {"figure": figure, "numbers": numbers}
    return parts


def page_view(tables: Tables, city: str) -> dict:
    """Everything the My city page shows for one city: its grids and the network's, its
    gaps with peer actions, focus areas and completeness. Shared by every session:
    callers must not modify it."""
    row = loaded_city_row(tables, city)
    name = row["name"]
    found = city_cells(tables, city)
    entries = found["gaps"] if found["plan_entered"] else found["not_known"]
    focus = focus_table(tables, city)
    complete = completeness(tables, city)
    return {
        "name": name,
        "knowledge": row["knowledge"],
        "knowledge_label": row["knowledge_label"],
        "plan_entered": found["plan_entered"],
        "grids": grid_parts(tables, city, name),
        "gaps": found["gaps"],
        "not_known": found["not_known"],
        "gaps_sentence": gaps_sentence(found, tables, name),
        "gap_tables": {across: gaps_table(entries, across) for across in GRIDS},
        "focus": focus,
        "focus_sentence": focus_sentence(focus, name),
        "focus_areas_named": focus_areas_named(tables.vocabulary),
        "completeness": complete,
        "completeness_sentence": completeness_sentence(complete, name),
        "next_steps": next_steps(complete),
    }
