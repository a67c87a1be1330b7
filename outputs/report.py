"""A city's report: one printable, self-contained HTML page (readable offline and on paper).

Plain HTML and CSS, no script and no file or font from elsewhere: the grids are HTML
tables, so they print as they show. Every text from the data is escaped. Used by the My
city page (download) and `python -m models report CITY_ID --out FILE.html`.
"""

from __future__ import annotations

import datetime
import html

import pandas as pd

from analysis import assessment as assess
from analysis import gaps
from analysis import mycity as mycity
from analysis.coverage import AXIS_KIND, GROUP, grid
from analysis.frames import PLAN_KIND, Tables, coverage_cells
from analysis.known import GAP, Basis

# Blues for covered cells (1, 2, 3+ plan actions); gaps are white with a dashed border.
CELL_BLUES = ("#C6DBEF", "#6BAED6", "#2171B5")

CSS = """
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1a1a1a;
       font-size: 11pt; line-height: 1.4; max-width: 1050px; margin: 24px auto; padding: 0 16px; }
h1 { font-size: 20pt; margin: 0 0 4px; }
h2 { font-size: 14pt; margin: 24px 0 6px; border-bottom: 2px solid #1a1a1a; padding-bottom: 2px;
     break-after: avoid; }
h3 { font-size: 12pt; margin: 14px 0 4px; break-after: avoid; }
.stamp { color: #444; font-size: 9.5pt; margin: 0 0 12px; }
.note { color: #444; font-size: 9.5pt; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; break-inside: auto; }
tr { break-inside: avoid; }
th, td { border: 1px solid #999; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #eee; }
table.grid td { width: 21%; text-align: center; height: 54px; }
table.grid th.row { width: 16%; }
td.gap { border: 2px dashed #8c8c8c; color: #595959; font-style: italic; background: #fff; }
td.unknown { border: 2px solid #e3e3e3; color: #4d4d4d; background: #e3e3e3; }
td.c1 { background: #C6DBEF; } td.c2 { background: #6BAED6; } td.c3 { background: #2171B5; color: #fff; }
.count { font-size: 14pt; font-weight: bold; display: block; }
.titles { font-size: 8.5pt; display: block; }
.net { font-size: 8pt; color: inherit; opacity: .85; display: block; }
ul { margin: 4px 0 8px 18px; padding: 0; }
li { margin: 2px 0; }
a { color: #0b4f8a; }
.done { color: #1b6e20; } .todo { color: #9a3412; font-weight: bold; }
@media print { body { margin: 0; max-width: none; } a { color: #1a1a1a; } }
"""


def e(text) -> str:
    """Text from the data, escaped (None as an empty string)."""
    return "" if text is None else html.escape(str(text))


def _link(title, address) -> str:
    if address:
        return f'<a href="{e(address)}">{e(title or address)}</a> <span class="note">({e(address)})</span>'
    return e(title or "unnamed source")


def _money(value) -> str:
    if value is None or pd.isna(value):
        return "unknown"
    return f"€{float(value):,.0f}"


def data_stamp(tables: Tables, data_date: datetime.date | None) -> str:
    """'Data of 2026-11-24 · IAP entered for 1 of 10 cities': what a reader needs to weigh
    every figure (analysis.stamp, as on every export)."""
    from analysis.stamp import stamp_text

    return stamp_text(data_date, tables.cities)


def _grid_html(tables: Tables, city: str, across: str) -> str:
    vocab = tables.vocabulary
    plan = tables.actions[tables.actions["kind"] == PLAN_KIND]
    cells = coverage_cells(plan)
    mine = grid(cells[cells["city"] == city], vocab, across, basis=Basis.of(tables.cities, [city]))
    network = grid(cells, vocab, across, basis=Basis.of(tables.cities))
    network_count = {(r.intervention, r.cell): r.actions for r in network.itertuples()}
    titles = dict(zip(plan["id"], plan["title"], strict=True))
    head = "".join(f"<th>{e(label)}</th>" for label in vocab.labels(AXIS_KIND[across]).values())
    rows = []
    for intervention, label in vocab.labels("interventions").items():
        tds = []
        for r in mine[mine["intervention"] == intervention].itertuples():
            elsewhere = network_count[(r.intervention, r.cell)] - r.actions
            net = f'<span class="net">other cities: {elsewhere}</span>'
            if r.actions == 0 and r.state == GAP:
                tds.append(f'<td class="gap">gap{net}</td>')
                continue
            if r.actions == 0:
                tds.append(f'<td class="unknown">not known{net}</td>')
                continue
            shade = f"c{min(r.actions, 3)}"
            names = "; ".join(titles[i] for i in r.ids)
            tds.append(
                f'<td class="{shade}"><span class="count">{r.actions}</span>'
                f'<span class="titles">{e(names)}</span>{net}</td>'
            )
        rows.append(f'<tr><th class="row">{e(label)}</th>{"".join(tds)}</tr>')
    return f'<table class="grid"><tr><th></th>{head}</tr>{"".join(rows)}</table>'


def _gaps_html(entries: list[dict], across: str, entered: bool = True) -> str:
    items = []
    for entry in (x for x in entries if x["grid"] == across):
        heading = f"<b>{e(entry['intervention_label'])} · {e(entry['cell_label'])}</b>"
        if not entry["suggestions"]:
            items.append(f"<li>{heading}: no city in the network has an action here yet.</li>")
            continue
        peers = []
        for s in entry["suggestions"]:
            details = [e(s["kind_label"]), f"budget {_money(s['budget_eur'])}"]
            if s["budget_basis"] == "per_year" and s["budget_eur"] is not None:
                details[-1] += " a year"
            if s["taken_from"]:
                details.append("took " + e("; ".join(s["taken_from"])))
            if s["passed_to"]:
                details.append("passed on to " + e(", ".join(s["passed_to"])))
            source = _link(s["source"], s["source_address"])
            peers.append(
                f"<li>{e(s['city_name'])}: <i>{e(s['title'])}</i> ({', '.join(details)}). Source: {source}</li>"
            )
        items.append(f"<li>{heading}: {len(peers)} peer action(s)<ul>{''.join(peers)}</ul></li>")
    if not items and entered:
        return "<p>No gap: every cell of this grid holds at least one plan action.</p>"
    if not items:
        return "<p>Every cell of this grid holds at least one of its known plan actions.</p>"
    return f"<ul>{''.join(items)}</ul>"


def _table_html(frame: pd.DataFrame, classes: dict[str, callable] | None = None) -> str:
    head = "".join(f"<th>{e(c)}</th>" for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        body.append("<tr>" + "".join(f"<td>{e(v)}</td>" for v in row) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def _budget_html(tables: Tables, city: str) -> str:
    actions = tables.actions[tables.actions["city"] == city]
    plan = actions[actions["kind"] == PLAN_KIND]
    known = plan[plan["budget_eur"].notna()]
    lines = []
    if plan.empty:
        return "<p>No plan action is entered yet, so no budget either.</p>"
    total = float(known["budget_eur"].sum()) if not known.empty else None
    if known.empty:
        lines.append(
            f"<p>No budget is known for any of the {len(plan)} plan actions (shown as unknown, not as zero).</p>"
        )
    else:
        missing = len(plan) - len(known)
        lines.append(
            f"<p>Known plan budget: <b>{_money(total)}</b> for {len(known)} of {len(plan)} plan actions"
            + (f"; {missing} unknown (not counted as zero)." if missing else ".")
            + "</p>"
        )
    rows = pd.DataFrame(
        {
            "Action": plan["title"],
            "Budget": [
                _money(v) + (" a year" if b == "per_year" and not pd.isna(v) else "")
                for v, b in zip(plan["budget_eur"], plan["budget_basis"], strict=True)
            ],
            "Funding": plan["funding_sources"].map(
                lambda ids: ", ".join(ids) if isinstance(ids, list) and ids else "unknown"
            ),
        }
    )
    lines.append(_table_html(rows))
    ideas = actions[actions["kind"] == "idea"]
    if not ideas.empty:
        idea_rows = pd.DataFrame(
            {
                "Idea (not funded)": ideas["title"],
                "Estimated cost": [
                    _money(v) + (" a year" if b == "per_year" and not pd.isna(v) else "")
                    for v, b in zip(ideas["budget_eur"], ideas["budget_basis"], strict=True)
                ],
            }
        )
        lines.append(
            "<p class='note'>Ideas are kept apart: their costs are estimates and not in the plan.</p>"
        )
        lines.append(_table_html(idea_rows))
    return "".join(lines)


def _sources_html(tables: Tables, city: str, entries: list[dict]) -> str:
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
    items = "".join(f"<li>{_link(title, address)}</li>" for title, address in seen.values())
    return f"<ul>{items}</ul>"


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
    n_plan = int(((tables.actions["city"] == city) & (tables.actions["kind"] == PLAN_KIND)).sum())
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(name)} - plan on the Breaking Isolation model</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{e(name)} ({e(row['country'])}): its plan on the Breaking Isolation model</h1>",
        f'<p class="stamp">{e(data_stamp(tables, data_date))} · {e(name)}: IAP document '
        f"{'entered' if row['iap_entered'] else 'not entered yet'}, {n_plan} plan actions.</p>",
        f"<p>{e(row['summary'] or '')}</p>",
        "<h2>What the data holds</h2>",
        f"<p>{e(mycity.completeness_sentence(complete, name))}</p>",
        _table_html(complete.assign(Complete=complete["Complete"].map({True: "yes", False: "no"}))),
        "<h2>The plan on the model</h2>",
        "<p class='note'>A cell is covered when one of the city's plan actions sits there (an action covers "
        "every cell formed by any of its interventions with any of its beneficiary groups, at its support "
        "level). Each cell also gives the number of other cities' plan actions there. "
        + (
            "A “gap” is a cell none of its plan actions reaches."
            if entered
            else "The plan is not entered: a cell its known actions do not reach is “not known”, not a gap."
        )
        + "</p>",
        f"<h3>{e(gaps.GRID_NAMES[GROUP])}</h3>",
        _grid_html(tables, city, GROUP),
        f"<h3>{e(gaps.GRID_NAMES['support_level'])}</h3>",
        _grid_html(tables, city, "support_level"),
        "<h2>Gaps, and peer practices that could fill them</h2>"
        if entered
        else "<h2>Cells not known yet, and peer practices there</h2>",
        f"<p>{e(gaps.gaps_sentence(found, tables, name))} Peer actions are every action of another "
        "city in the cell: plan actions, testing actions and ideas.</p>",
    ]
    for across in gaps.GRIDS:
        parts += [f"<h3>{e(gaps.GRID_NAMES[across])}</h3>", _gaps_html(entries, across, entered)]
    parts += [
        "<h2>Focus areas</h2>",
        f"<p>{e(mycity.focus_sentence(focus, name))} How an area is read on the model is the data "
        "team's reading of the Baseline Study's seven areas.</p>",
        _table_html(focus),
        "<h2>Budget</h2>",
        _budget_html(tables, city),
        "<h2>Self-assessment (self-reported)</h2>",
        f"<p>{e(assess.assessment_summary(rows, name))}</p>",
    ]
    rated = rows[rows["rating"].notna()]
    if not rated.empty:
        parts.append(_table_html(assess.export_table(rated)))
    parts += ["<h2>Sources</h2>", _sources_html(tables, city, entries), "</body></html>"]
    return "\n".join(parts)
