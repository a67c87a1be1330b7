"""A city's report: one printable, self-contained HTML page (readable offline and on paper).

Plain HTML and CSS, no script and no file or font from elsewhere: the grids are HTML
tables, so they print as they show. The page is the template
outputs/templates/city_report.html.j2, rendered with autoescaping: every text from the data
is escaped there. Used by the My city page (download) and
`python -m models report CITY_ID --out FILE.html`.
"""

from __future__ import annotations

import datetime

import pandas as pd

from analysis import assessment as assess
from analysis import gaps, mycity
from analysis.coverage import AXIS_KIND, GROUP, grid
from analysis.frames import PLAN_KIND, Tables, coverage_cells
from analysis.known import GAP, Basis
from analysis.stamp import stamp_text
from outputs.templates import render
from words import and_list, country, euros, number_word
from words import parts as words_parts
from words.i18n import N_, _, language, ngettext, written_as

# The budget tables' columns: English in the code, their words shown in the report (_table).
BUDGET_COLUMNS = (N_("Action"), N_("Budget"), N_("Funding"), N_("Idea (not funded)"), N_("Estimated cost"))


def _money(value) -> str:
    if value is None or pd.isna(value):
        return _("unknown")
    return euros(float(value))


def _yearly(money: str) -> str:
    return _("{money} a year").format(money=money)


def data_stamp(tables: Tables, data_date: datetime.date | None) -> str:
    """'Data of 2026-11-24 · IAP entered for 1 of 10 cities': what a reader needs to weigh
    every figure (analysis.stamp, as on every export)."""

    return stamp_text(data_date, tables.cities)


def _grid(tables: Tables, city: str, across: str) -> dict:
    """One grid of the city's plan: its name, column labels, and per intervention (row) its
    cells, each a gap, not known, or covered by a number of plan actions (their titles)."""
    vocab = tables.vocabulary
    plan = tables.actions[tables.actions["kind"] == PLAN_KIND]
    cells = coverage_cells(plan)
    mine = grid(cells[cells["city"] == city], vocab, across, basis=Basis.of(tables.cities, [city]))
    network = grid(cells, vocab, across, basis=Basis.of(tables.cities))
    network_count = {(r.intervention, r.cell): r.actions for r in network.itertuples()}
    titles = dict(zip(plan["id"], plan["title"], strict=True))
    rows = []
    for intervention, label in vocab.labels("interventions").items():
        row = []
        for r in mine[mine["intervention"] == intervention].itertuples():
            cell = {"elsewhere": network_count[(r.intervention, r.cell)] - r.actions, "actions": r.actions}
            if r.actions == 0:
                cell["state"] = "gap" if r.state == GAP else "unknown"
            else:
                cell.update(
                    state="covered", shade=min(r.actions, 3), titles=words_parts(titles[i] for i in r.ids)
                )
            row.append(cell)
        rows.append({"label": label, "cells": row})
    columns = list(vocab.labels(AXIS_KIND[across]).values())
    return {"name": _(gaps.GRID_NAMES[across]), "columns": columns, "rows": rows}


def _gap_entries(entries: list[dict], across: str) -> list[dict]:
    """The gaps (or cells not known) of one grid, each with its peer actions in other cities."""
    found = []
    for entry in (x for x in entries if x["grid"] == across):
        peers = []
        for s in entry["suggestions"]:
            money = _money(s["budget_eur"])
            if s["budget_basis"] == "per_year" and s["budget_eur"] is not None:
                money = _yearly(money)
            details = [s["kind_label"] or "", _("budget {money}").format(money=money)]
            if s["taken_from"]:
                details.append(_("took up {practices}").format(practices=words_parts(s["taken_from"])))
            if s["passed_to"]:
                details.append(_("passed on to {cities}").format(cities=", ".join(s["passed_to"])))
            peers.append(
                {
                    "city": s["city_name"],
                    "title": s["title"],
                    "details": details,
                    "source": s["source"],
                    "address": s["source_address"],
                }
            )
        found.append(
            {"intervention": entry["intervention_label"], "cell": entry["cell_label"], "peers": peers}
        )
    return found


def _table(frame: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    """A frame as the column names (in the language in use: the code's are English) and rows
    of texts a template's table shows (None as empty)."""
    rows = [["" if v is None else str(v) for v in row] for row in frame.itertuples(index=False)]
    # _("") would be the catalog's header: an empty name stays empty
    return [_(str(c)) if str(c) else "" for c in frame.columns], rows


def _costs(frame: pd.DataFrame) -> list[str]:
    return [
        _yearly(_money(v)) if b == "per_year" and not pd.isna(v) else _money(v)
        for v, b in zip(frame["budget_eur"], frame["budget_basis"], strict=True)
    ]


def _budget(tables: Tables, city: str) -> dict:
    """The plan's known budget, its actions' budgets and funding, and the ideas' costs apart."""
    actions = tables.actions[tables.actions["city"] == city]
    plan = actions[actions["kind"] == PLAN_KIND]
    known = plan[plan["budget_eur"].notna()]
    total = float(known["budget_eur"].sum()) if not known.empty else None
    # The funding sources by their labels in the language in use ("FSE+"), never their ids.
    funding = tables.vocabulary.labels("funding_sources")
    rows = pd.DataFrame(
        {
            "Action": plan["title"],
            "Budget": _costs(plan),
            "Funding": plan["funding_sources"].map(
                lambda ids: (
                    and_list(funding.get(i, i) for i in ids)
                    if isinstance(ids, list) and ids
                    else _("unknown")
                )
            ),
        }
    )
    ideas = actions[actions["kind"] == "idea"]
    idea_rows = pd.DataFrame({"Idea (not funded)": ideas["title"], "Estimated cost": _costs(ideas)})
    return {
        "plan": len(plan),
        "known": len(known),
        "total": _money(total),
        "actions": _table(rows),
        "ideas": _table(idea_rows) if not ideas.empty else None,
    }


def _sources(tables: Tables, city: str, entries: list[dict]) -> list[tuple]:
    """Every source the report draws on, once: (title, address), either may be missing."""
    row = gaps.city_row(tables, city)
    seen: dict[str, tuple] = {}
    for s in row["sources"]:
        seen.setdefault(s["title"] or s["id"], (s["title"], s["address"]))
    for sources in tables.actions.loc[tables.actions["city"] == city, "sources"]:
        for s in sources:
            seen.setdefault(s["title"] or s["id"], (s["title"], s["address"]))
    for entry in entries:
        for s in entry["suggestions"]:
            seen.setdefault(s["source"] or s["source_address"], (s["source"], s["source_address"]))
    return list(seen.values())


def city_report_html(tables: Tables, city: str, data_date: datetime.date | None = None) -> str:
    """The whole report as one HTML document (a string); `data_date` is the data's date
    (analysis.stamp.data_date), said as unknown when not given."""
    row = gaps.city_row(tables, city)
    name = row["name"]
    found = gaps.city_cells(tables, city)
    entered = found["plan_entered"]
    entries = found["gaps"] if entered else found["not_known"]
    complete = mycity.completeness(tables, city)
    focus = mycity.focus_table(tables, city)
    rows = assess.assessment_rows(tables, city)
    rated = rows[rows["rating"].notna()]
    n_plan = int(((tables.actions["city"] == city) & (tables.actions["kind"] == PLAN_KIND)).sum())
    said = (
        ngettext(
            "{city}: IAP document entered, {n} plan action.",
            "{city}: IAP document entered, {n} plan actions.",
            n_plan,
        )
        if row["iap_entered"]
        else ngettext(
            "{city}: IAP document not entered yet, {n} plan action.",
            "{city}: IAP document not entered yet, {n} plan actions.",
            n_plan,
        )
    ).format(city=name, n=n_plan)
    return render(
        "city_report.html.j2",
        lang=written_as(language()),
        name=name,
        network=tables.vocabulary.name,
        focus_origin=mycity.focus_areas_from(tables.vocabulary),
        focus_count=number_word(len(tables.vocabulary.ids("focus_areas"))),
        country=country(row["country"]),
        stamp=f"{data_stamp(tables, data_date)} · {said}",
        summary=row["summary"] or "",
        completeness_sentence=mycity.completeness_sentence(complete, name),
        completeness=_table(
            complete.assign(**{"Complete?": complete["Complete?"].map({True: _("yes"), False: _("no")})})
        ),
        entered=entered,
        grids=[_grid(tables, city, across) for across in (GROUP, "support_level")],
        gaps_sentence=gaps.gaps_sentence(found, tables, name),
        gap_lists=[
            {"name": _(gaps.GRID_NAMES[across]), "entries": _gap_entries(entries, across)}
            for across in gaps.GRIDS
        ],
        focus_sentence=mycity.focus_sentence(focus, name),
        focus=_table(focus),
        budget=_budget(tables, city),
        assessment_summary=assess.assessment_summary(rows, name),
        assessment=_table(assess.export_table(rated)) if not rated.empty else None,
        sources=_sources(tables, city, entries),
    )
