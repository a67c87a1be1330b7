"""A table of actions, one action a row, under a header row whose cells name the columns
('Intervention | Responsible | Form and source of capital', 'Ação | Descrição | Orçamento'). A
total row is not an action; a row without a title continues the one above it. Tables under a
contents, recap or monitoring heading, and monitoring tables (an indicator column and no cost),
are not read for actions."""

from __future__ import annotations

from ..found import Found, split_number
from ..words import normal

NAME = "column_tables"
DESCRIBED = "rows of a table of actions"


def _header(cells: list[str], words) -> dict[int, str] | None:
    columns: dict[int, str] = {}
    for n, cell in enumerate(cells):
        key = normal(cell)
        if not key:
            continue
        if key in words.title_columns or words.field_of(cell, exact=True) == "title":
            columns.setdefault(n, "title")
        elif name := words.field_of(cell):
            columns.setdefault(n, name)
    names = list(columns.values())
    if "title" in names and len(set(names)) >= 2:
        return columns
    return None


def read(context) -> list[Found]:
    words = context.words
    found: list[Found] = []
    columns: dict[int, str] | None = None
    skipping = False
    previous: Found | None = None
    for row in context.rows:
        header = _header(row.cells, words)
        if header:
            columns = header
            names = set(header.values())
            kind = context.section(row.lines[0])
            skipping = kind in ("contents", "recap", "monitoring", "stop") or (
                "indicators" in names and "cost" not in names and "description" not in names
            )
            previous = None
            continue
        if columns is None or skipping:
            continue
        title_at = next(n for n, name in columns.items() if name == "title")
        cells = row.cells + [""] * (max(columns) + 1 - len(row.cells))
        title = cells[title_at]
        if title and words.is_total(title):
            previous = None
            continue
        if previous is not None and title[:1].islower():
            previous.title += " " + title  # a title wrapped in its column ('Visitas ao' / 'domicílio')
            title = ""
        if not title:
            if previous is not None:  # wrapped cells of the row above
                for n, name in columns.items():
                    if name != "title":
                        previous.carry_on(name, cells[n])
                previous.lines.extend(row.lines)
            continue
        number, title = split_number(title)
        kind = "idea" if context.section(row.lines[0]) == "ideas" else "action"
        previous = Found(title, number, NAME, list(row.lines), kind=kind)
        for n, name in columns.items():
            if name != "title" and n < len(cells):
                previous.add(name, cells[n])
        found.append(previous)
    return found
