"""The PowerPoint deck of the presentation sequence (insights.presentation): a title
slide, then the network at a glance, coverage, gaps, budgets, transfers, one slide per
chosen city, and the sources. Native PowerPoint charts where the chart type allows (bars
and columns, editable in PowerPoint or LibreOffice), tables for grids; every title states
the finding; every slide's notes list its sources; every footer carries the data stamp
(insights.stamp). Plain functions; no streamlit.
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt

from insights import presentation, slides
from insights.frames import Filters, Tables
from insights.slides import (
    BODY_TOP,
    BODY_WIDTH,
    FOOTER_TOP,
    HEADER_FILL,
    HEIGHT,
    MARGIN,
    MUTED,
    WHITE,
    WIDTH,
)

DECK_TITLE = slides.DECK_TITLE


def deck_bytes(tables: Tables, steps: list[str], stamp: str) -> bytes:
    """The deck as .pptx bytes (for a download button or a file)."""
    out = io.BytesIO()
    build(tables, steps, stamp).save(out)
    return out.getvalue()


def build(tables: Tables, steps: list[str], stamp: str):
    """One slide per view of `steps` (two for the glance: numbers, then a chart), between
    a title slide and a sources slide."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    footer = f"Breaking Isolation (URBACT) · {stamp}"
    cities = [presentation.step_label(s, tables) for s in steps if presentation.city_of(s)]
    _title_slide(deck, cities, stamp)
    for step in steps:
        shown = presentation.view(tables, step)
        city = presentation.city_of(step)
        if city is not None:
            _city_slide(deck, tables, shown, footer)
        elif step == "glance":
            _glance_slides(deck, tables, shown, footer, stamp)
        elif step == "coverage":
            slides.coverage_slide(deck, tables, Filters(), tables.cities, footer)
        elif step == "gaps":
            _gaps_slide(deck, tables, shown, footer)
        elif step == "budgets":
            slides.budgets_slide(deck, tables.actions, tables.cities, footer)
        elif step == "transfers":
            slides.transfers_slide(deck, tables.transfers, footer)
        elif step == "progress":
            _progress_slide(deck, shown, footer)
        _notes(deck.slides[-1], shown, stamp)
    slides.sources_slide(deck, tables.actions, tables.transfers, footer)
    _notes_text(
        deck.slides[-1],
        "Every document the data cites, most cited first. " + stamp + ".",
    )
    return deck


# --- slides ---------------------------------------------------------------------------------


def _title_slide(deck, cities: list[str], stamp: str) -> None:
    slides.title_slide(deck, "all ten cities of the network" if not cities else "the network")
    subtitle = deck.slides[-1].placeholders[1]
    lines = [
        "The network at a glance, coverage, gaps, budgets, transfers and progress against targets"
        + (f"; then {', '.join(cities)}." if cities else "."),
        stamp + ".",
        slides.DECK_NOTE + ".",
    ]
    slides._write(subtitle.text_frame, lines, size=22, colour=MUTED, space=12)
    _notes_text(deck.slides[-1], "Made from the dashboard's data. " + stamp + ".")


def _glance_slides(deck, tables: Tables, shown: dict, footer: str, stamp: str) -> None:
    """The headline numbers (titled with the glance's finding), then plan actions per
    intervention as a native column chart."""
    from insights import overview

    parts = overview.page_parts(tables, Filters())
    slides.numbers_slide(deck, parts, footer)
    _retitle(deck.slides[-1], shown["title"])
    _notes(deck.slides[-1], shown, stamp)
    slides.interventions_slide(deck, tables, tables.actions, footer)


def _gaps_slide(deck, tables: Tables, shown: dict, footer: str) -> None:
    """Cities (rows) x interventions (columns): plan actions per cell; "gap" where an entered
    plan has none, "not known" where a plan not entered has no known one."""
    slide = slides._slide(deck, shown["title"], footer)
    matrix = shown["matrix"]
    cities = list(dict.fromkeys(matrix["city_name"]))
    interventions = list(dict.fromkeys(matrix["intervention_label"]))
    colours = dict(zip(matrix["intervention_label"], matrix["colour"], strict=False))
    count = {(r.city_name, r.intervention_label): (int(r.actions), r.state) for r in matrix.itertuples()}
    most = max((n for n, _ in count.values()), default=0)
    row_height = min(Inches(0.38), int((FOOTER_TOP - BODY_TOP - Inches(0.9)) / (len(cities) + 1)))
    shape = slide.shapes.add_table(
        len(cities) + 1, len(interventions) + 1, MARGIN, BODY_TOP, BODY_WIDTH, row_height * (len(cities) + 1)
    )
    grid = shape.table
    slides._plain_table(shape)
    grid.columns[0].width = Inches(3.1)
    for j in range(1, len(interventions) + 1):
        grid.columns[j].width = int((BODY_WIDTH - Inches(3.1)) / len(interventions))
    for i in range(len(cities) + 1):
        grid.rows[i].height = row_height
    slides._cell(grid.cell(0, 0), "City", size=16, bold=True, fill=HEADER_FILL)
    for j, label in enumerate(interventions, start=1):
        slides._cell(
            grid.cell(0, j),
            label,
            size=16,
            bold=True,
            fill=HEADER_FILL,
            colour=slides._rgb(colours[label]),
            align=PP_ALIGN.CENTER,
        )
    for i, city in enumerate(cities, start=1):
        slides._cell(grid.cell(i, 0), city, size=16, bold=True, fill=WHITE)
        for j, label in enumerate(interventions, start=1):
            n, state = count[(city, label)]
            slides.state_cell(grid.cell(i, j), n, state, most, size=15)
    below = BODY_TOP + row_height * (len(cities) + 1) + Inches(0.12)
    slides._text(
        slide,
        MARGIN,
        below,
        BODY_WIDTH,
        FOOTER_TOP - below,
        shown["lines"],
        size=15,
        colour=MUTED,
        space=4,
    )


def _city_slide(deck, tables: Tables, shown: dict, footer: str) -> None:
    """A city: its plan on the interventions x support levels grid, as Present shows it
    (counts, "gap" for an entered plan, "not known" for one not entered), and what is said
    about it beside; a city whose file has a problem says so instead of a grid."""
    title = shown["title"] if shown["heading"] in shown["title"] else f"{shown['heading']}: {shown['title']}"
    slide = slides._slide(deck, title, footer)
    grid = shown["grid"]
    width = Inches(7.4)
    if grid is None:
        lines = shown["lines"]
        slides._text(
            slide, MARGIN, BODY_TOP, BODY_WIDTH, FOOTER_TOP - BODY_TOP, lines, size=_fit(lines), space=8
        )
        return
    slides.grid_table(slide, grid, tables.vocabulary, top=BODY_TOP, width=width, row_height=Inches(0.7))
    _words_beside(slide, width, shown["lines"])
    slides._text(
        slide,
        MARGIN,
        BODY_TOP + Inches(0.7) * (grid["intervention"].nunique() + 1) + Inches(0.15),
        width,
        Inches(0.9),
        ["Plan actions per intervention and support level. " + slides.cell_key_sentence()],
        size=12,
        colour=MUTED,
    )


def _progress_slide(deck, shown: dict, footer: str) -> None:
    """Indicators per intervention, achieved or on track against the rest, as a native
    stacked bar chart, with the statuses in words beside it."""
    slide = slides._slide(deck, shown["title"], footer)
    shares = shown["shares"]
    counted = shares[shares["Indicators"] > 0]
    width = Inches(7.4)
    if counted.empty:
        slides._text(slide, MARGIN, BODY_TOP, width, Inches(1), ["No indicator is due yet."], size=24)
    else:
        data = slides.TextChartData(number_format="0")
        data.categories = list(counted["Intervention"])
        good = [int(n) for n in counted["On track or achieved"]]
        data.add_series("Achieved or on track", good)
        data.add_series(
            "Behind, not reached or no report yet",
            [int(n) - g for n, g in zip(counted["Indicators"], good, strict=True)],
        )
        chart = slide.shapes.add_chart(
            XL_CHART_TYPE.BAR_STACKED, MARGIN, BODY_TOP, width, Inches(4.9), data
        ).chart
        slides._chart_look(
            chart, step=slides._count_step(int(counted["Indicators"].max())), number_format="0"
        )
        chart.category_axis.reverse_order = True
        _series_look(chart, ["009E73", "E69F00"])
    _words_beside(slide, width, shown["lines"])


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
        series.format.fill.fore_color.rgb = slides._rgb(colour)
    slides._data_labels(plot, "0")
    plot.data_labels.font.size = Pt(14)


def _words_beside(slide, chart_width, lines: list[str]) -> None:
    """What is said about a chart, in the column to its right."""
    left = MARGIN + chart_width + Inches(0.3)
    slides._text(
        slide,
        left,
        BODY_TOP,
        WIDTH - MARGIN - left,
        FOOTER_TOP - BODY_TOP - Inches(0.1),
        lines,
        size=_fit(lines),
        space=8,
    )


def _fit(lines: list[str]) -> float:
    """Type size for the words beside a city's chart: smaller as they grow, never tiny."""
    chars = sum(len(line) for line in lines)
    return 18 if chars < 500 else 16 if chars < 700 else 14 if chars < 900 else 12


# --- notes and titles -----------------------------------------------------------------------


def _retitle(slide, title: str) -> None:
    slides._write(
        slide.shapes.title.text_frame,
        [title],
        size=30 if len(title) <= 100 else 24,
        bold=True,
        colour=slides.TITLE_INK,
    )


def _notes(slide, shown: dict, stamp: str) -> None:
    _notes_text(
        slide,
        "\n".join(
            [
                shown["title"],
                *shown["lines"],
                *([shown["legend"]] if shown.get("legend") else []),
                "",
                presentation.sources_text(shown["sources"]),
                "",
                stamp,
            ]
        ),
    )


def _notes_text(slide, text: str) -> None:
    slide.notes_slide.notes_text_frame.text = text
