"""The slide toolkit of the PowerPoint deck (outputs.deck, the one deck builder): the
16:9 geometry and colours, one function per kind of slide, native charts and tables drawn
from the data (no pictures), readable on a projector and editable in PowerPoint or
LibreOffice offline. Plain functions; no streamlit.

Every number comes from the table functions the pages use (overview, coverage, budgets,
transfers). Text from the data is written as plain text:
python-pptx does not read markup; in a chart's embedded workbook it is a text cell
(TextChartData).

The building blocks the deck builder (outputs.deck) uses are public here: new_slide,
add_text, write_lines, table_cell, plain_table, state_cell, grid_table, chart_look,
data_labels, count_step, rgb. Only python-pptx's public API is used, and where it has no
feature (cell borders, a data label's wrapping) the XML is reached through the documented
`shape.element` / `chart.element`.
"""

from __future__ import annotations

import io
import math

import pandas as pd
from openpyxl import load_workbook
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from analysis import budgets, coverage, overview, transfers
from analysis.frames import Filters, Tables, plan_actions
from analysis.known import CELL_KEY, COVERED, GAP, Basis
from analysis.presentation import cited_sources
from figures import theme
from outputs.downloads import text_cells
from words import and_list, euro_format_code, euros, number
from words.i18n import N_, _, ngettext

# Written at import, before any language is known: marked here, translated where shown (_()).
DECK_NOTE = N_(
    "Figures from the cities' plans and the network's articles; unknown figures are shown as unknown"
)

SLIDE_TITLES = {
    "numbers": N_("The plans in numbers"),
    "sources": N_("Sources"),
}

# The headline numbers' cards: (key of analysis.overview.headline, label).
NUMBER_CARDS = (
    ("cities", N_("cities")),
    ("plan_actions", N_("plan actions")),
    ("testing_actions", N_("testing actions")),
    ("ideas", N_("ideas (not funded)")),
    ("transfers", N_("transfers of practice")),
)

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9

MARGIN = Inches(0.6)

BODY_WIDTH = WIDTH - 2 * MARGIN

BODY_TOP = Inches(1.6)  # under a title of up to two lines

FOOTER_TOP = Inches(7.0)


def rgb(colour: str) -> RGBColor:
    """'#0072B2' -> the PowerPoint colour."""
    return RGBColor.from_string(colour.lstrip("#").upper())


# The palette is figures/theme.py's; here only its PowerPoint form.
INK, TITLE_INK, MUTED, WHITE = rgb(theme.INK), rgb(theme.TITLE_INK), rgb(theme.MUTED), rgb(theme.WHITE)

GAP_INK = rgb(theme.GAP_TEXT)

NOT_KNOWN_FILL = rgb(theme.NOT_KNOWN_COLOUR)  # unlike a gap (white) and a count (blue)

NOT_KNOWN_INK = rgb(theme.NOT_KNOWN_TEXT)

RULE = theme.GAP_BORDER.lstrip("#")  # cell borders: gap cells are white, the grid must still show

HEADER_FILL = rgb(theme.HEADER_FILL)

BAR_BLUE = rgb(theme.BLUE)

GRID_LINE = rgb(theme.GRID_LINE)

# Covered coverage cells: light to dark blue with the count (the ends of theme.COVERED_SCALE).
COVERED_LIGHT, COVERED_DARK = rgb(theme.COVERED_SCALE[0][1]), rgb(theme.COVERED_SCALE[-1][1])

MAX_TRANSFER_ROWS = 13

MAX_SOURCES = 10

NAME_LIMIT = 46  # characters of a practice or action name in the transfers table


class TextChartData(CategoryChartData):
    """CategoryChartData whose embedded workbook (what PowerPoint's "Edit data" opens) holds
    the data's text as text.

    python-pptx writes that workbook with XlsxWriter, which by default turns a string
    starting with '=' (a city named "=1+1", say) into a formula that runs when someone opens
    "Edit data". The workbook python-pptx makes (its public `xlsx_blob`) is read back and
    every such formula cell written again as a text cell holding exactly the label."""

    @property
    def xlsx_blob(self) -> bytes:
        return text_workbook(super().xlsx_blob)


def text_workbook(blob: bytes) -> bytes:
    """The workbook `blob` with every formula cell turned into a text cell of the same text."""
    book = load_workbook(io.BytesIO(blob))
    if not any(
        cell.data_type == "f" for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
    ):
        return blob
    for sheet in book.worksheets:
        text_cells(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def title_slide(deck, title_line: str, lines: list[str]) -> None:
    """The deck's title (the network's, data/model.yaml), and `lines` under it (what the deck
    shows, its stamp, its note)."""
    slide = deck.slides.add_slide(deck.slide_layouts[0])
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    _place(title, MARGIN, Inches(1.8), BODY_WIDTH, Inches(1.5))
    _place(subtitle, MARGIN, Inches(3.6), BODY_WIDTH, Inches(2.6))
    write_lines(title.text_frame, [title_line], size=44, bold=True, colour=TITLE_INK)
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    subtitle.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    write_lines(subtitle.text_frame, lines, size=22, colour=MUTED, space=12)


def numbers_slide(deck, glance: overview.Glance, footer: str) -> None:
    """The Overview's headline numbers and its sentence about money."""
    numbers = glance.numbers
    slide = new_slide(deck, _(SLIDE_TITLES["numbers"]), footer)
    cards = [(numbers[key], _(label)) for key, label in NUMBER_CARDS]
    gap = Inches(0.25)
    card_width = int((BODY_WIDTH - gap * (len(cards) - 1)) / len(cards))
    for i, (value, label) in enumerate(cards):
        box = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, MARGIN + i * (card_width + gap), Inches(1.7), card_width, Inches(2.1)
        )
        box.fill.solid()
        box.fill.fore_color.rgb = HEADER_FILL
        box.line.fill.background()
        box.shadow.inherit = False
        box.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        write_lines(box.text_frame, [str(value)], size=60, bold=True, colour=TITLE_INK, align=PP_ALIGN.CENTER)
        _add_line(box.text_frame, label, size=20, colour=INK, align=PP_ALIGN.CENTER)
    add_text(
        slide,
        MARGIN,
        Inches(4.2),
        BODY_WIDTH,
        Inches(2.6),
        [
            _("Money reported: {money}").format(money=glance.money),
            _(
                "IAP documents entered: {entered} of {n}; for the other cities "
                "the actions come from the network's articles."
            ).format(entered=numbers["plans_entered"], n=numbers["cities"]),
        ],
        size=22,
        space=16,
    )


def interventions_slide(deck, tables: Tables, actions: pd.DataFrame, footer: str) -> None:
    """Plan actions per intervention: one bar per intervention, in its colour."""
    counts = overview.intervention_counts(actions, tables)
    colours = tables.vocabulary.colours("interventions")
    slide = new_slide(deck, overview.interventions_finding(counts), footer)
    data = TextChartData(number_format="0")
    data.categories = list(counts["Intervention"])
    data.add_series(_("Plan actions"), [int(v) for v in counts["Plan actions"]])
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, MARGIN, BODY_TOP, BODY_WIDTH, Inches(4.7), data
    ).chart
    chart_look(chart, step=count_step(int(counts["Plan actions"].max())), number_format="0")
    plot = chart.plots[0]
    plot.gap_width = 70
    for point, intervention in zip(plot.series[0].points, counts["id"], strict=True):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(colours[intervention])
    data_labels(chart, "0")
    n_plan = len(plan_actions(actions))
    add_text(
        slide,
        MARGIN,
        Inches(6.35),
        BODY_WIDTH,
        Inches(0.55),
        [
            ngettext(
                "Based on {n} plan action. An action with two interventions counts in both.",
                "Based on {n} plan actions. An action with two interventions counts in both.",
                n_plan,
            ).format(n=n_plan)
        ],
        size=16,
        colour=MUTED,
    )


def coverage_slide(deck, tables: Tables, filters: Filters, cities: pd.DataFrame, footer: str) -> None:
    """Interventions x support levels: the count of plan actions in each cell, or "gap"."""
    vocab = tables.vocabulary
    counted = coverage.counted_actions(tables.actions, filters)
    cells = coverage.model_cells(counted, filters.interventions)
    basis = Basis.of(cities)
    table = coverage.grid(cells, vocab, coverage.LEVEL, filters.interventions, basis=basis)
    slide = new_slide(deck, coverage.levels_finding(table, basis=basis), footer)
    grid_table(slide, table, vocab, top=BODY_TOP)
    shown = ", ".join(cities["name"]) if filters.cities else None
    below = BODY_TOP + GRID_ROW * (table["intervention"].nunique() + 1) + Inches(0.3)
    add_text(
        slide,
        MARGIN,
        below,
        BODY_WIDTH,
        FOOTER_TOP - below - Inches(0.1),
        [
            coverage.intensive_answer(cells, vocab, filters.interventions, shown, basis=basis),
            _(
                "Number of plan actions in each cell ({n} plan actions counted; testing actions "
                "and ideas left out)."
            ).format(n=len(counted))
            + " "
            + cell_key_sentence(),
        ],
        size=20,
        space=10,
        colours=[INK, MUTED],
        sizes=[20, 14],
    )


GRID_ROW = Inches(0.62)


def cell_key_sentence() -> str:
    """What "gap" and "not known" mean, said under every grid, in the language in use."""
    return _(CELL_KEY)


def state_cell(cell, actions: int, state: str, most: int, *, size: float) -> None:
    """One grid cell: its count on a blue shade, "gap" (white, italic grey) or "not known"
    (light grey) - three looks that stay apart in greyscale too."""
    if state == COVERED:
        fill = _shade(actions, most)
        ink = WHITE if _dark(fill) else INK
        table_cell(cell, str(actions), size=size + 2, bold=True, fill=fill, colour=ink, align=PP_ALIGN.CENTER)
    elif state == GAP:
        table_cell(cell, _("gap"), size=size, fill=WHITE, colour=GAP_INK, align=PP_ALIGN.CENTER)
        for run in cell.text_frame.paragraphs[0].runs:
            run.font.italic = True
    else:
        table_cell(
            cell,
            _("not known"),
            size=size - 2,
            fill=NOT_KNOWN_FILL,
            colour=NOT_KNOWN_INK,
            align=PP_ALIGN.CENTER,
        )


def grid_table(
    slide, table: pd.DataFrame, vocab, *, top, left=MARGIN, width=BODY_WIDTH, row_height=GRID_ROW
) -> None:
    """An interventions x support levels (or groups) grid (coverage.grid) as a native table,
    each cell by its state."""
    levels = list(dict.fromkeys(table["cell"]))
    level_labels = dict(zip(table["cell"], table["cell_label"], strict=False))
    rows = list(dict.fromkeys(table["intervention"]))
    labels = dict(zip(table["intervention"], table["intervention_label"], strict=False))
    colours = vocab.colours("interventions")
    found = {(r.intervention, r.cell): (int(r.actions), r.state) for r in table.itertuples()}
    most = max((n for n, _state in found.values()), default=0)
    first = min(Inches(3.1), int(width * 0.3))
    shape = slide.shapes.add_table(
        len(rows) + 1, len(levels) + 1, left, top, width, row_height * (len(rows) + 1)
    )
    grid = shape.table
    grid.columns[0].width = first
    for j in range(1, len(levels) + 1):
        grid.columns[j].width = int((width - first) / len(levels))
    for i in range(len(rows) + 1):
        grid.rows[i].height = row_height
    table_cell(grid.cell(0, 0), _("Intervention"), size=18, bold=True, fill=HEADER_FILL)
    for j, level in enumerate(levels, start=1):
        table_cell(
            grid.cell(0, j), level_labels[level], size=18, bold=True, fill=HEADER_FILL, align=PP_ALIGN.CENTER
        )
    for i, intervention in enumerate(rows, start=1):
        table_cell(
            grid.cell(i, 0),
            labels[intervention],
            size=20,
            bold=True,
            fill=WHITE,
            colour=rgb(colours[intervention]),
        )
        for j, level in enumerate(levels, start=1):
            n, state = found[(intervention, level)]
            state_cell(grid.cell(i, j), n, state, most, size=20)
    plain_table(shape)


def budgets_slide(deck, actions: pd.DataFrame, cities: pd.DataFrame, footer: str) -> None:
    """Known plan money per city as bars; the cities whose budget is unknown in words, never as 0."""
    by_city = budgets.budget_by_city(actions, cities)
    slide = new_slide(deck, budgets.largest_budget_finding(actions, by_city), footer)
    known = by_city[by_city["total"].notna().astype(bool)].sort_values(["total", "city_name"])
    text_left = MARGIN
    if not known.empty:
        data = TextChartData(number_format=euro_format_code())
        data.categories = list(known["city_name"])  # smallest first: the largest bar on top
        data.add_series(_("Plan budget (EUR)"), [float(v) for v in known["total"]])
        height = min(Inches(5.2), Inches(1.4) + Inches(0.75) * len(known))
        chart = slide.shapes.add_chart(
            XL_CHART_TYPE.BAR_CLUSTERED, MARGIN, BODY_TOP, Inches(6.6), height, data
        ).chart
        top = float(known["total"].max())
        step = _nice_step(top * 1.3 / 5)
        chart_look(chart, step=step, number_format=euro_format_code())
        chart.value_axis.maximum_scale = step * -(-top * 1.3 // step)  # room for the labels
        plot = chart.plots[0]
        plot.gap_width = 50
        plot.series[0].format.fill.solid()
        plot.series[0].format.fill.fore_color.rgb = BAR_BLUE
        data_labels(chart, euro_format_code())
        text_left = MARGIN + Inches(7.0)
    add_text(
        slide,
        text_left,
        BODY_TOP,
        WIDTH - MARGIN - text_left,
        FOOTER_TOP - BODY_TOP - Inches(0.1),
        budget_lines(by_city),
        size=20,
        space=8,
    )


def budget_lines(by_city: pd.DataFrame) -> list[str]:
    """What the budget chart does not show, city by city: unknown is said, never drawn as 0."""
    lines = []
    unknown = by_city[by_city["status"] == "unknown"]
    partly = by_city[by_city["status"] == "partly known"]
    empty = by_city[by_city["status"] == "no plan action"]
    for row in by_city[by_city["status"] == "known"].itertuples():
        lines.append(
            _("{city}: {money}, known for every plan action.").format(
                city=row.city_name, money=euros(float(row.total))
            )
        )
    for row in partly.itertuples():
        lines.append(
            _("{city}: {money} known for {known} of {n} plan actions; the others are unknown.").format(
                city=row.city_name, money=euros(float(row.total)), known=row.known, n=row.plan_actions
            )
        )
    if not unknown.empty:
        n_actions = int(unknown["plan_actions"].sum())
        names = and_list(list(unknown["city_name"]))
        lines.append(
            ngettext(
                "Budget unknown for {cities} ({n} plan action): not zero, so no bar.",
                "Budget unknown for {cities} ({n} plan actions): not zero, so no bar.",
                n_actions,
            ).format(cities=names, n=number(n_actions))
        )
    if not empty.empty:
        lines.append(_("No plan action shown for {cities}.").format(cities=", ".join(empty["city_name"])))
    if not unknown.empty or not partly.empty:
        lines.append(
            _("A budget stays unknown until the city's IAP document is entered; it is never counted as €0.")
        )
    apart = int(by_city["apart"].sum())
    if apart:
        lines.append(
            ngettext(
                "{n} plan action with only a per-year or estimated amount: not added.",
                "{n} plan actions with only a per-year or estimated amount: not added.",
                apart,
            ).format(n=number(apart))
        )
    return lines


def transfers_slide(deck, moved: pd.DataFrame, footer: str) -> None:
    """Who took up what from whom: from → practice → to city: action, at most MAX_TRANSFER_ROWS rows."""
    slide = new_slide(deck, transfers.flow_title(moved), footer)
    rows = transfer_rows(moved)
    if not rows:
        add_text(
            slide,
            MARGIN,
            BODY_TOP,
            BODY_WIDTH,
            Inches(1),
            [_("No transfer of practice matches the filters.")],
            size=22,
        )
        return
    shown, more = rows[:MAX_TRANSFER_ROWS], len(rows) - MAX_TRANSFER_ROWS
    row_height = Inches(0.32)
    widths = [Inches(2.5), Inches(4.3), BODY_WIDTH - Inches(6.8)]
    shape = slide.shapes.add_table(
        len(shown) + 1, 3, MARGIN, BODY_TOP, BODY_WIDTH, row_height * (len(shown) + 1)
    )
    table = shape.table
    for j, width in enumerate(widths):
        table.columns[j].width = width
    for j, heading in enumerate([_("From"), _("Practice"), _("To city: action")]):
        table_cell(table.cell(0, j), heading, size=15, bold=True, fill=HEADER_FILL)
    for i, row in enumerate(shown, start=1):
        table.rows[i].height = row_height
        for j, value in enumerate(row):
            table_cell(table.cell(i, j), value, size=13, fill=WHITE)
    plain_table(shape)
    note = _("Transfers passed on or taken up by the cities shown.")
    if more > 0:
        note = _("And {n} more (see the Transfers page).").format(n=more) + " " + note
    add_text(slide, MARGIN, Inches(6.62), BODY_WIDTH, Inches(0.35), [note], size=13, colour=MUTED)


def transfer_rows(moved: pd.DataFrame) -> list[list[str]]:
    """One [from, practice, 'to city: action'] row per transfer, in the flow table's order."""
    table = transfers.flow_numbers(moved)
    return [
        [
            transfers.short_origin(r["From"]),
            transfers.short_name(r["Practice"], NAME_LIMIT),
            _("{city}: {action}").format(
                city=r["To city"], action=transfers.short_name(r["Adopting action"], NAME_LIMIT)
            ),
        ]
        for _index, r in table.iterrows()
    ]


def sources_slide(deck, actions: pd.DataFrame, moved: pd.DataFrame, footer: str) -> None:
    """The documents the shown actions and transfers cite, most cited first."""
    slide = new_slide(deck, _(SLIDE_TITLES["sources"]), footer)
    found = cited_sources(actions, moved)
    if not found:
        add_text(
            slide,
            MARGIN,
            BODY_TOP,
            BODY_WIDTH,
            Inches(1),
            [_("No source: nothing matches the filters.")],
            size=22,
        )
        return
    shown = found[:MAX_SOURCES]
    box = slide.shapes.add_textbox(MARGIN, Inches(1.35), BODY_WIDTH, FOOTER_TOP - Inches(1.45))
    frame = box.text_frame
    frame.word_wrap = True
    first = True
    for source in shown:
        paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        paragraph.space_before = Pt(6)
        run = paragraph.add_run()
        run.text = source["title"]
        _font(run.font, 16, bold=True, colour=INK)
        if source["address"]:
            line = frame.add_paragraph()
            link = line.add_run()
            link.text = source["address"]
            link.hyperlink.address = source["address"]
            _font(link.font, 13, colour=BAR_BLUE)
    if len(found) > MAX_SOURCES:
        _add_line(
            frame,
            _("And {n} more, listed with each action in the dashboard.").format(n=len(found) - MAX_SOURCES),
            size=14,
            colour=MUTED,
        )


def new_slide(deck, title: str, footer: str):
    """A 'Title Only' slide, its title at the top left stating the finding, and a footer."""
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    shape = slide.shapes.title
    _place(shape, MARGIN, Inches(0.3), BODY_WIDTH, Inches(1.2))
    shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    write_lines(shape.text_frame, [title], size=30 if len(title) <= 100 else 24, bold=True, colour=TITLE_INK)
    add_text(slide, MARGIN, FOOTER_TOP, BODY_WIDTH, Inches(0.4), [footer], size=12, colour=MUTED)
    return slide


def _place(shape, left, top, width, height) -> None:
    shape.left, shape.top, shape.width, shape.height = int(left), int(top), int(width), int(height)


def _font(font, size: float, *, bold: bool = False, colour: RGBColor = INK) -> None:
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = colour


def write_lines(
    frame,
    lines: list[str],
    *,
    size: float,
    bold: bool = False,
    colour: RGBColor = INK,
    align=PP_ALIGN.LEFT,
    space: float = 0,
    colours: list[RGBColor] | None = None,
    sizes: list[float] | None = None,
) -> None:
    """Replace the frame's text with `lines`, one paragraph each, as plain text."""
    frame.clear()
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = align
        if i:
            paragraph.space_before = Pt(space)
        run = paragraph.add_run()
        run.text = str(line)
        _font(
            run.font,
            sizes[i] if sizes else size,
            bold=bold,
            colour=colours[i] if colours else colour,
        )


def _add_line(frame, line: str, *, size: float, colour: RGBColor = INK, align=PP_ALIGN.LEFT) -> None:
    paragraph = frame.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run()
    run.text = line
    _font(run.font, size, colour=colour)


def add_text(slide, left, top, width, height, lines: list[str], **style):
    """A text box on `slide` holding `lines` (write_lines' `style`); returned."""
    box = slide.shapes.add_textbox(int(left), int(top), int(width), int(height))
    write_lines(box.text_frame, lines, **style)
    return box


def plain_table(shape) -> None:
    """No banding or header styling from the theme, and thin grey borders around every cell
    (gap cells are white: the grid must still show). Call it once the cells are written."""
    table = shape.table
    table.first_row = False
    table.horz_banding = False
    # python-pptx has no API for cell borders: they are written into the table's XML,
    # reached through the shape's public `element` (CT_GraphicalObjectFrame).
    for tc in shape.element.graphic.graphicData.tbl.iter_tcs():
        _borders(tc.get_or_add_tcPr())


def table_cell(
    cell, value: str, *, size: float, bold=False, fill=None, colour=INK, align=PP_ALIGN.LEFT
) -> None:
    """One table cell: `value` as plain text, its type, fill and margins."""
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    cell.margin_left = cell.margin_right = Inches(0.08)
    cell.margin_top = cell.margin_bottom = Inches(0.02)
    write_lines(cell.text_frame, [value], size=size, bold=bold, colour=colour, align=align)
    if fill is not None:
        cell.fill.solid()
        cell.fill.fore_color.rgb = fill


def _borders(tc_pr, colour: str = RULE, width_pt: float = 1) -> None:
    """Thin grey borders on the four sides of one cell's a:tcPr."""
    lines = []
    for side in ("a:lnL", "a:lnR", "a:lnT", "a:lnB"):
        for old in tc_pr.findall(qn(side)):
            tc_pr.remove(old)
        line = tc_pr.makeelement(qn(side), {"w": str(int(width_pt * 12700)), "cmpd": "sng"})
        solid = line.makeelement(qn("a:solidFill"), {})
        solid.append(solid.makeelement(qn("a:srgbClr"), {"val": colour}))
        line.append(solid)
        lines.append(line)
    # The schema wants lnL, lnR, lnT, lnB first in a:tcPr, before the cell fill.
    for line in reversed(lines):
        tc_pr.insert(0, line)


def chart_look(chart, *, step: float | None = None, number_format: str = "General") -> None:
    """The deck's look of a bar or column chart: no legend or title, large axis labels, light
    gridlines every `step`, the value axis from 0 in `number_format`."""
    chart.has_legend = False
    chart.has_title = False
    chart.font.size = Pt(18)
    chart.font.color.rgb = INK
    category = chart.category_axis
    category.tick_labels.font.size = Pt(20)
    category.format.line.color.rgb = GRID_LINE
    value = chart.value_axis
    value.minimum_scale = 0
    if step:
        value.major_unit = step
    value.has_major_gridlines = True
    value.major_gridlines.format.line.color.rgb = GRID_LINE
    value.format.line.fill.background()
    value.tick_labels.font.size = Pt(16)
    value.tick_labels.number_format = number_format
    value.tick_labels.number_format_is_linked = False


def data_labels(chart, number_format: str) -> None:
    """Bold labels outside the end of the bars of the chart's (first) plot, on one line each."""
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.font.size = Pt(20)
    labels.font.bold = True
    labels.number_format = number_format
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    # One line per label: LibreOffice otherwise breaks "€20,000" after the comma. python-pptx
    # has no API for a label's wrapping: set on the labels' text body in the chart's XML,
    # reached through the chart's public `element` (c:chartSpace); the font above made it.
    for body in chart.element.xpath("c:chart/c:plotArea/*/c:dLbls/c:txPr/a:bodyPr"):
        body.set("wrap", "none")


def _nice_step(rough: float) -> float:
    """1, 2 or 5 times a power of ten, at least `rough` (money axis steps)."""
    if rough <= 0:
        return 1
    power = 10 ** math.floor(math.log10(rough))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= rough)


def count_step(top: int) -> int:
    """Axis step for counts: whole numbers, at most about eight gridlines."""
    return max(1, -(-top // 8))


def _shade(n: int, most: int) -> RGBColor:
    """A covered cell's fill: light blue for one action, dark blue for the fullest cell."""
    t = 0.0 if most <= 1 else (n - 1) / (most - 1)
    return RGBColor(*(round(a + (b - a) * t) for a, b in zip(COVERED_LIGHT, COVERED_DARK, strict=True)))


def _dark(colour: RGBColor) -> bool:
    r, g, b = colour
    return 0.299 * r + 0.587 * g + 0.114 * b < 140
