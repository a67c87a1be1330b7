"""The My city page's figures: the city's grids beside the network, and everything the page
shows for one city (the tables and sentences come from analysis/mycity.py). No streamlit."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

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
from figures.parts import Chart
from words.i18n import N_, _


def grid_parts(tables: Tables, city: str, city_name: str) -> dict[str, Chart]:
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
        parts[across] = Chart(figure, numbers)
    return parts


@dataclass(frozen=True)
class MyCityView:
    """What the My city page shows for one city."""

    name: str
    """The city's name."""
    knowledge: str
    """What is known of the city's plan (analysis.known's code, e.g. "plan_entered")."""
    knowledge_label: str
    """That knowledge in the page's words."""
    plan_entered: bool
    """Whether the city's plan is entered (its empty cells are then gaps, else not known)."""
    grids: dict[str, Chart]
    """Per grid (analysis.gaps.GRIDS), the city's cells beside the network's."""
    gaps: list[dict]
    """The city's gaps with peer actions (analysis.gaps.city_cells' entries)."""
    not_known: list[dict]
    """The cells not known while the plan is not entered, with peer actions."""
    gaps_sentence: str
    """The sentence on the city's gaps."""
    gap_tables: dict[str, pd.DataFrame]
    """Per grid, the gaps (or cells not known) as a table."""
    focus: pd.DataFrame
    """The city's plan actions per focus area."""
    focus_sentence: str
    """The sentence on the city's focus areas."""
    focus_areas_named: str
    """The focus areas named in words, for the page's explanation."""
    completeness: pd.DataFrame
    """What is entered of the city's plan, field by field."""
    completeness_sentence: str
    """The sentence on what is entered."""
    next_steps: list[str]
    """What to enter next, most useful first."""


def mycity_view(tables: Tables, city: str) -> MyCityView:
    """Everything the My city page shows for one city: its grids and the network's, its
    gaps with peer actions, focus areas and completeness. Shared by every session:
    callers must not modify it."""
    row = loaded_city_row(tables, city)
    name = row["name"]
    found = city_cells(tables, city)
    entries = found["gaps"] if found["plan_entered"] else found["not_known"]
    focus = focus_table(tables, city)
    complete = completeness(tables, city)
    return MyCityView(
        name=name,
        knowledge=row["knowledge"],
        knowledge_label=row["knowledge_label"],
        plan_entered=found["plan_entered"],
        grids=grid_parts(tables, city, name),
        gaps=found["gaps"],
        not_known=found["not_known"],
        gaps_sentence=gaps_sentence(found, tables, name),
        gap_tables={across: gaps_table(entries, across) for across in GRIDS},
        focus=focus,
        focus_sentence=focus_sentence(focus, name),
        focus_areas_named=focus_areas_named(tables.vocabulary),
        completeness=complete,
        completeness_sentence=completeness_sentence(complete, name),
        next_steps=next_steps(complete),
    )
