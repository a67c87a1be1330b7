"""The PowerPoint deck of the presentation sequence (analysis.presentation): a title
slide, then the network at a glance, coverage, gaps, budgets, transfers, one slide per
chosen city, and the sources. Native PowerPoint charts where the chart type allows (bars
and columns, editable in PowerPoint or LibreOffice), tables for grids; every title states
the finding; every slide's notes list its sources; every footer carries the data stamp
(analysis.stamp). Plain functions; no streamlit.

The one deck builder: Present and `python -m models deck` give it their sequence of views;
the Overview's download gives it the sidebar filters (for_filters): every network view and
one slide per chosen city, on the data the filters keep.
"""

from __future__ import annotations

import dataclasses
import io
import math

from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt

from analysis import coverage, overview, presentation, transfers
from analysis.frames import Filters, Tables, filter_actions, plan_actions
from outputs import slides
from outputs.slides import BODY_TOP, BODY_WIDTH, FOOTER_TOP, HEADER_FILL, HEIGHT, MARGIN, MUTED, WHITE, WIDTH
from words.i18n import _


def deck_bytes(tables: Tables, steps: list[str], stamp: str, filters: Filters | None = None) -> bytes:
    """The deck as .pptx bytes (for a download button or a file)."""
    out = io.BytesIO()
    build(tables, steps, stamp, filters).save(out)
    return out.getvalue()


def for_filters(tables: Tables, filters: Filters, stamp: str) -> bytes:
    """The deck of what the sidebar filters show (the Overview's download): every network
    view on the cities, actions and transfers the filters keep, then one slide per chosen
    city."""
    kept = filtered(tables, filters)
    return deck_bytes(kept, filter_steps(kept, filters), stamp, filters)


def filtered(tables: Tables, filters: Filters) -> Tables:
    """The tables restricted to the filters: the cities shown, their actions of the chosen
    kinds and interventions, the transfers given or received, their progress reports."""
    cities = coverage.shown_cities(tables, filters)
    progress = tables.progress
    if filters.cities:
        progress = progress[progress["city"].isin(filters.cities)]
    return dataclasses.replace(
        tables,
        cities=cities,
        actions=filter_actions(tables.actions, filters),
        transfers=transfers.filter_transfers(tables.transfers, tables.actions, filters),
        progress=progress,
    )


def filter_steps(tables: Tables, filters: Filters) -> list[str]:
    """Every network view, then one step per city of the filter (none when it keeps all).
    Progress is left out when the filters keep no plan action: only plan actions have
    indicators."""
    views = [v for v in presentation.VIEWS if v != "progress" or not plan_actions(tables.actions).empty]
    return presentation.steps(views, list(filters.cities), tables)


def file_name(filters: Filters, tables: Tables) -> str:
    """What the filtered deck shows, as a file name stem after the network's name:
    'breaking-isolation-fot-isernia', 'breaking-isolation-network' (the stamp's day is added
    by the page)."""
    parts = [*filters.cities] or ["network"]
    parts += [*filters.kinds, *filters.interventions]
    return f"{tables.vocabulary.slug}-" + "-".join(parts)


def build(tables: Tables, steps: list[str], stamp: str, filters: Filters | None = None):
    """One slide per view of `steps` (two for the glance: numbers, then a chart), between
    a title slide and a sources slide. With `filters`, `tables` are already restricted to
    them (filtered) and the title slide and every footer say what is shown."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    shown = filters.describe(tables) if filters is not None else None
    footer = (
        tables.vocabulary.name_with_programme
        + (" · " + _("showing {what}").format(what=shown) if shown else "")
        + f" · {stamp}"
    )
    cities = [presentation.step_label(s, tables) for s in steps if presentation.city_of(s)]
    _title_slide(deck, tables.vocabulary.title_line, cities, stamp, shown)
    for step in steps:
        shown_view = presentation.findings(tables, step)
        city = presentation.city_of(step)
        if city is not None:
            _city_slide(deck, tables, shown_view, footer)
        elif step == "glance":
            _glance_slides(deck, tables, shown_view, footer, stamp)
        elif step == "coverage":
            slides.coverage_slide(deck, tables, filters or Filters(), tables.cities, footer)
        elif step == "gaps":
            _gaps_slide(deck, tables, shown_view, footer)
        elif step == "budgets":
            slides.budgets_slide(deck, tables.actions, tables.cities, footer)
        elif step == "transfers":
            slides.transfers_slide(deck, tables.transfers, footer)
        elif step == "progress":
            _progress_slide(deck, shown_view, footer)
        _notes(deck.slides[-1], shown_view, stamp)
    slides.sources_slide(deck, tables.actions, tables.transfers, footer)
    _notes_text(
        deck.slides[-1],
        _("Every document the data cites, most cited first.") + " " + stamp + ".",
    )
    return deck


def _title_slide(deck, title_line: str, cities: list[str], stamp: str, shown: str | None = None) -> None:
    views = (
        _(
            "The network at a glance, coverage (gaps where a plan is entered), budgets, transfers and "
            "progress against targets; then {cities}."
        ).format(cities=", ".join(cities))
        if cities
        else _(
            "The network at a glance, coverage (gaps where a plan is entered), budgets, transfers and progress against targets."
        )
    )
    lines = [
        *([_("Showing {what}.").format(what=shown)] if shown else []),
        views,
        stamp + ".",
        _(slides.DECK_NOTE) + ".",
    ]
    slides.title_slide(deck, title_line, lines)
    _notes_text(deck.slides[-1], _("Made from the dashboard's data.") + " " + stamp + ".")


def _glance_slides(deck, tables: Tables, shown: presentation.Findings, footer: str, stamp: str) -> None:
    """The headline numbers (titled with the glance's finding), then plan actions per
    intervention as a native column chart."""

    slides.numbers_slide(deck, overview.glance(tables, Filters()), footer)
    _retitle(deck.slides[-1], shown.title)
    _notes(deck.slides[-1], shown, stamp)
    slides.interventions_slide(deck, tables, tables.actions, footer)


def _gaps_slide(deck, tables: Tables, shown: presentation.Findings, footer: str) -> None:
    """Cities (rows) x interventions (columns): plan actions per cell; "gap" where an entered
    plan has none, "not known" where a plan not entered has no known one."""
    slide = slides.new_slide(deck, shown.title, footer)
    matrix = shown.matrix
    cities = list(dict.fromkeys(matrix["city_name"]))
    interventions = list(dict.fromkeys(matrix["intervention_label"]))
    colours = dict(zip(matrix["intervention_label"], matrix["colour"], strict=False))
    count = {(r.city_name, r.intervention_label): (int(r.actions), r.state) for r in matrix.itertuples()}
    most = max((n for n, _state in count.values()), default=0)
    row_height = min(Inches(0.38), int((FOOTER_TOP - BODY_TOP - Inches(0.9)) / (len(cities) + 1)))
    shape = slide.shapes.add_table(
        len(cities) + 1, len(interventions) + 1, MARGIN, BODY_TOP, BODY_WIDTH, row_height * (len(cities) + 1)
    )
    grid = shape.table
    grid.columns[0].width = Inches(3.1)
    for j in range(1, len(interventions) + 1):
        grid.columns[j].width = int((BODY_WIDTH - Inches(3.1)) / len(interventions))
    for i in range(len(cities) + 1):
        grid.rows[i].height = row_height
    slides.table_cell(grid.cell(0, 0), _("City"), size=16, bold=True, fill=HEADER_FILL)
    for j, label in enumerate(interventions, start=1):
        slides.table_cell(
            grid.cell(0, j),
            label,
            size=16,
            bold=True,
            fill=HEADER_FILL,
            colour=slides.rgb(colours[label]),
            align=PP_ALIGN.CENTER,
        )
    for i, city in enumerate(cities, start=1):
        slides.table_cell(grid.cell(i, 0), city, size=16, bold=True, fill=WHITE)
        for j, label in enumerate(interventions, start=1):
            n, state = count[(city, label)]
            slides.state_cell(grid.cell(i, j), n, state, most, size=15)
    slides.plain_table(shape)
    below = BODY_TOP + row_height * (len(cities) + 1) + Inches(0.12)
    slides.add_text(
        slide,
        MARGIN,
        below,
        BODY_WIDTH,
        FOOTER_TOP - below,
        shown.lines,
        size=15,
        colour=MUTED,
        space=4,
    )


def _city_slide(deck, tables: Tables, shown: presentation.Findings, footer: str) -> None:
    """A city: its plan on the interventions x support levels grid, as Present shows it
    (counts, "gap" for an entered plan, "not known" for one not entered), and what is said
    about it beside; a city whose file has a problem says so instead of a grid."""
    title = (
        shown.title
        if shown.heading in shown.title
        else _("{city}: {finding}").format(city=shown.heading, finding=shown.title)
    )
    slide = slides.new_slide(deck, title, footer)
    grid = shown.grid
    width = Inches(7.4)
    if grid is None:
        lines = shown.lines
        height = FOOTER_TOP - BODY_TOP - Inches(0.1)
        slides.add_text(
            slide, MARGIN, BODY_TOP, BODY_WIDTH, height, lines, size=_fit(lines, BODY_WIDTH, height), space=8
        )
        return
    slides.grid_table(slide, grid, tables.vocabulary, top=BODY_TOP, width=width, row_height=Inches(0.7))
    _words_beside(slide, width, shown.lines)
    slides.add_text(
        slide,
        MARGIN,
        BODY_TOP + Inches(0.7) * (grid["intervention"].nunique() + 1) + Inches(0.15),
        width,
        Inches(0.9),
        [_("Plan actions per intervention and support level.") + " " + slides.cell_key_sentence()],
        size=12,
        colour=MUTED,
    )


def _progress_slide(deck, shown: presentation.Findings, footer: str) -> None:
    """Indicators per intervention, achieved or on track against the rest, as a native
    stacked bar chart, with the statuses in words beside it."""
    slide = slides.new_slide(deck, shown.title, footer)
    shares = shown.shares
    counted = shares[shares["Indicators"] > 0]
    width = Inches(7.4)
    if counted.empty:
        slides.add_text(slide, MARGIN, BODY_TOP, width, Inches(1), [_("No indicator is due yet.")], size=24)
    else:
        data = slides.TextChartData(number_format="0")
        data.categories = list(counted["Intervention"])
        good = [int(n) for n in counted["On track or achieved"]]
        data.add_series(_("Achieved or on track"), good)
        # "No report yet" is a state of its own, never counted as behind.
        data.add_series(
            _("Behind or not reached"),
            [int(b) + int(n) for b, n in zip(counted["Behind"], counted["Not reached"], strict=True)],
        )
        data.add_series(_("No report yet"), [int(n) for n in counted["No report yet"]])
        chart = slide.shapes.add_chart(
            XL_CHART_TYPE.BAR_STACKED, MARGIN, BODY_TOP, width, Inches(4.9), data
        ).chart
        slides.chart_look(chart, step=slides.count_step(int(counted["Indicators"].max())), number_format="0")
        chart.category_axis.reverse_order = True
        _series_look(chart, ["009E73", "E69F00", "BBBBBB"])
    _words_beside(slide, width, shown.lines)


def _series_look(chart, colours: list[str]) -> None:
    """A legend on top, each series in its colour, counts on the bars."""
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(16)
    plot = chart.plots[0]
    plot.gap_width = 60
    for series, colour in zip(plot.series, colours, strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = slides.rgb(colour)
    # No label on an empty segment: a row of "0" piled at the axis says nothing.
    slides.data_labels(chart, "0;-0;;")
    plot.data_labels.position = XL_LABEL_POSITION.CENTER  # a stacked bar has no "outside end"
    plot.data_labels.font.size = Pt(14)


def _words_beside(slide, chart_width, lines: list[str]) -> None:
    """What is said about a chart, in the column to its right."""
    left = MARGIN + chart_width + Inches(0.3)
    width, height = WIDTH - MARGIN - left, FOOTER_TOP - BODY_TOP - Inches(0.1)
    slides.add_text(slide, left, BODY_TOP, width, height, lines, size=_fit(lines, width, height), space=8)


def _fit(lines: list[str], width, height, space: float = 8) -> float:
    """The largest type size (18 pt down to 11 pt) at which `lines` fill no more than the
    box, estimating a character at 0.55 of the size (DejaVu Sans, LibreOffice's fallback,
    is wider than Calibri) and a line at 1.2 times it."""
    width_pt, height_pt = width / 12700, height / 12700
    for size in (18, 16, 14, 13, 12):
        per_line = max(1, int(width_pt / (size * 0.55)))
        rows = sum(max(1, math.ceil(len(line) / per_line)) for line in lines)
        if rows * size * 1.2 + space * (len(lines) - 1) <= height_pt:
            return size
    return 11


def _retitle(slide, title: str) -> None:
    slides.write_lines(
        slide.shapes.title.text_frame,
        [title],
        size=30 if len(title) <= 100 else 24,
        bold=True,
        colour=slides.TITLE_INK,
    )


def _notes(slide, shown: presentation.Findings, stamp: str) -> None:
    _notes_text(
        slide,
        "\n".join(
            [
                shown.title,
                *shown.lines,
                *([shown.legend] if shown.legend else []),
                "",
                presentation.sources_text(shown.sources),
                "",
                stamp,
            ]
        ),
    )


def _notes_text(slide, text: str) -> None:
    slide.notes_slide.notes_text_frame.text = text
