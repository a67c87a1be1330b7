"""The figures of coverage (one plotly builder per chart) and the page view that puts them
beside their tables; the tables and findings come from analysis/coverage.py.

Coverage of the intervention model: which cells the cities' actions fill, and the gaps."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analysis.coverage import (
    AXIS_TITLE,
    GROUP,
    LEVEL,
    PLAN_NOUN,
    _intervention_rows,
    cell_key,
    cell_options,
    city_matrix,
    counted_actions,
    counted_description,
    grid,
    grid_numbers,
    groups_finding,
    intensive_answer,
    levels_finding,
    matrix_finding,
    matrix_numbers,
    model_cells,
    noun_for,
    shown_cities,
    singular,
)
from analysis.frames import Filters, Tables
from analysis.known import COVERED, GAP, NOT_KNOWN, Basis
from figures.parts import Chart
from figures.theme import (
    BASE_FONT_SIZE,
    COVERED_SCALE,
    FONT_FAMILY,
    GAP_BORDER,
    GAP_COLOUR,
    GAP_TEXT,
    INK,
    NOT_KNOWN_COLOUR,
    NOT_KNOWN_TEXT,
    relayout,
    style,
    wrap_title,
)
from words import label_text
from words.i18n import N_, _

# The nouns a grid counts (analysis.coverage: PLAN_NOUN, ALL_NOUN), one and many, for the
# catalog; the words shown are looked up where a figure is drawn.
NOUN_WORDS = {
    "plan actions": (N_("plan action"), N_("plan actions")),
    "actions": (N_("action"), N_("actions")),
}

# The grids' axis titles (analysis.coverage.AXIS_TITLE), for the catalog.
AXIS_WORDS = (N_("Support level"), N_("Beneficiary group"), N_("Intervention"))

TITLE_WIDTH = 55  # characters per title line: fits a half-width chart on a 1000-pixel screen

AXIS_TITLE_WIDTH = 48  # characters per line of an axis title (smaller type, under the cells only)


def _cell_word(word: str, width: int = 10) -> str:
    """A cell's word on two lines when it is longer than `width` characters ("pas encore
    connu"), so that it stays inside a narrow cell; a short one ("not known") stays whole."""
    spaces = [i for i, ch in enumerate(word) if ch == " "]
    if len(word) <= width or not spaces:
        return word
    middle = min(spaces, key=lambda i: abs(i - len(word) / 2))
    return word[:middle] + "<br>" + word[middle + 1 :]


def _tick(label: str, colour: str | None, wrap: int = 0, after: bool = False) -> str:
    """An (already escaped) axis label with the intervention's colour as a square before it
    (after it for row labels, so that it sits next to the grid); with `wrap`, broken over
    lines of about that many characters (column labels)."""
    if wrap:
        label = wrap_title(label, wrap)
    if not colour:
        return label
    square = f"<span style='color:{colour}'>■</span>"
    return f"{label} {square}" if after else f"{square} {label}"


def gap_heatmap(
    long: pd.DataFrame,
    *,
    row: str,
    col: str,
    title: str,
    noun: str = PLAN_NOUN,
    hover: str = "cities",
    col_title: str = "",
    row_colours: dict[str, str] | None = None,
    col_colours: dict[str, str] | None = None,
    cell_height: int = 62,
    title_width: int = TITLE_WIDTH,
    note: str | None = None,
) -> go.Figure:
    """A heatmap where covered cells show their count on a blue scale, gaps are white,
    dashed-bordered and say "gap", and cells not known (a plan not entered) are flat light
    grey and say "not known". `long` has one row per cell with columns `row`, `col`,
    `actions`, `hover` (text shown on hover) and, optionally, `state` (without it an
    empty cell is not known: only a caller who knows the plan is entered may call it a gap)."""
    # `note` names a column of `long` whose text is printed small under each cell's count
    # (or under "gap"), e.g. the network's count beside a city's.
    # Labels from the data are escaped once here, then used as the axes' categories.
    raw_rows = list(dict.fromkeys(long[row]))
    raw_cols = list(dict.fromkeys(long[col]))
    rows = [label_text(r) for r in raw_rows]
    cols = [label_text(c) for c in raw_cols]
    states = long["state"] if "state" in long else [COVERED if n else NOT_KNOWN for n in long["actions"]]
    counts = {
        (label_text(y), label_text(x)): (
            int(n),
            "<br>".join(label_text(part) for part in str(h or "").split("; ")),
        )
        for y, x, n, h in zip(long[row], long[col], long["actions"], long[hover], strict=True)
    }
    state_of = {
        (label_text(y), label_text(x)): state
        for y, x, state in zip(long[row], long[col], states, strict=True)
    }
    notes = (
        {
            (label_text(y), label_text(x)): label_text(t)
            for y, x, t in zip(long[row], long[col], long[note], strict=True)
        }
        if note
        else {}
    )

    def small(y, x) -> str:
        text = notes.get((y, x))
        return f"<br><span style='font-size:{BASE_FONT_SIZE - 2}px'>{text}</span>" if text else ""

    z, text, custom = [], [], []
    for y in rows:
        z.append([counts[(y, x)][0] or math.nan for x in cols])
        text.append([str(counts[(y, x)][0]) + small(y, x) if counts[(y, x)][0] else "" for x in cols])
        custom.append([[y, x, counts[(y, x)][1]] for x in cols])
    top = max((n for n, _n in counts.values()), default=0)
    one, many = NOUN_WORDS.get(noun, (singular(noun), noun))
    one, many = _(one), _(many)
    traces = [
        go.Heatmap(
            z=z,
            x=cols,
            y=rows,
            text=text,
            texttemplate="%{text}",
            textfont={"size": BASE_FONT_SIZE + 5},
            customdata=custom,
            hovertemplate=(
                "<b>%{customdata[0]} · %{customdata[1]}</b><br>%{z} "
                + label_text(many)
                + "<br>%{customdata[2]}<extra></extra>"
            ),
            hoverongaps=False,
            colorscale=COVERED_SCALE,
            zmin=1,
            zmax=max(top, 2),
            xgap=4,
            ygap=4,
            showscale=False,  # each cell prints its count; the x-axis title gives the unit
        )
    ]
    empty: dict[str, tuple[list, list]] = {GAP: ([], []), NOT_KNOWN: ([], [])}
    shapes = []
    for yi, y in enumerate(rows):
        for xi, x in enumerate(cols):
            state = state_of[(y, x)]
            if counts[(y, x)][0] or state not in empty:
                continue
            empty[state][0].append(x)
            empty[state][1].append(y)
            gap = state == GAP
            shapes.append(
                {
                    "type": "rect",
                    "x0": xi - 0.46,
                    "x1": xi + 0.46,
                    "y0": yi - 0.44,
                    "y1": yi + 0.44,
                    "line": {"color": GAP_BORDER, "width": 1.5, "dash": "dash"} if gap else {"width": 0},
                    "fillcolor": GAP_COLOUR if gap else NOT_KNOWN_COLOUR,
                    "layer": "below",
                }
            )
    words = {
        GAP: (_cell_word(_("gap")), GAP_TEXT, "italic", _("gap: no {action}").format(action=one)),
        NOT_KNOWN: (
            _cell_word(_("not known")),
            NOT_KNOWN_TEXT,
            "normal",
            _("not known: no known {action}, and a plan is not entered").format(action=one),
        ),
    }
    for state, (xs, ys) in empty.items():
        if not xs:
            continue
        word, colour, font_style, hover_text = words[state]
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="text",
                text=[word + small(y, x) for x, y in zip(xs, ys, strict=True)],
                # a word on two lines a little smaller, so that both fit a cell's height
                textfont={
                    "size": BASE_FONT_SIZE if "<br>" not in word else round(BASE_FONT_SIZE * 0.85),
                    "color": colour,
                    "style": font_style,
                },
                customdata=[[y, x] for x, y in zip(xs, ys, strict=True)],
                hovertemplate="<b>%{customdata[0]} · %{customdata[1]}</b><br>"
                + hover_text
                + "<extra></extra>",
                showlegend=False,
            )
        )
    # Traces, gap frames and axes come in with the figure; what overrides the shared style
    # follows it in one update: every separate update re-validates the whole layout.
    fig = go.Figure(
        data=traces,
        layout={
            "shapes": shapes,
            "xaxis": {
                "type": "category",
                "categoryorder": "array",
                "categoryarray": cols,
                "tickvals": cols,
                "ticktext": [
                    _tick(c, (col_colours or {}).get(raw), wrap=10)
                    for c, raw in zip(cols, raw_cols, strict=True)
                ],
                "showgrid": False,
                "zeroline": False,
                "side": "bottom",
                "fixedrange": True,
            },
            "yaxis": {
                "type": "category",
                "categoryorder": "array",
                "categoryarray": rows,
                "tickvals": rows,
                "ticktext": [
                    _tick(r, (row_colours or {}).get(raw), after=True)
                    for r, raw in zip(rows, raw_rows, strict=True)
                ],
                "autorange": "reversed",
                "automargin": False,
                "showgrid": False,
                "zeroline": False,
                "fixedrange": True,
            },
        },
    )
    wrapped = wrap_title(label_text(title), title_width)  # findings name cities: data text stays text
    style(
        fig,
        wrapped,
        height=max(320, 130 + cell_height * len(rows) + 26 * wrapped.count("<br>")),
        legend=False,
    )
    lines = wrapped.count("<br>") + 1
    axis_font = {"size": BASE_FONT_SIZE, "color": INK, "family": FONT_FAMILY}
    relayout(
        fig,
        {
            # Row labels get a fixed margin from their length: plotly's automatic margin measured
            # them a few pixels short in Chromium and cut the first letter.
            "margin": {
                "t": 30 + 28 * lines,
                "l": 24 + int(8.5 * max((len(r) for r in raw_rows), default=4)),
                "r": 10,
                "b": 10,
            },
            "hoverlabel": {
                "bgcolor": "white",
                "bordercolor": GAP_BORDER,
                "font": {"color": INK, "size": BASE_FONT_SIZE, "family": FONT_FAMILY},
            },
            "xaxis": {
                "title": {
                    # on two lines in a narrow chart (French: « Niveau de soutien (nombre dans une
                    # case : actions du plan) » is wider than a 1024-pixel window's grid)
                    "text": wrap_title(
                        _("{axis} (number in a cell: {noun})").format(
                            axis=_(col_title) if col_title else "", noun=many
                        ),
                        AXIS_TITLE_WIDTH,
                    ),
                    "font": axis_font,
                    "standoff": 14,
                },
                "tickfont": axis_font,
            },
            "yaxis": {"tickfont": axis_font},
        },
    )
    return fig


def grid_figure(
    table: pd.DataFrame,
    across: str,
    title: str,
    noun: str = PLAN_NOUN,
    title_width: int = TITLE_WIDTH,
    note: str | None = None,
) -> go.Figure:
    """An interventions x (support levels | beneficiary groups) grid, interventions as rows."""
    colours = dict(zip(table["intervention_label"], table["colour"], strict=False))
    return gap_heatmap(
        table,
        row="intervention_label",
        col="cell_label",
        title=title,
        noun=noun,
        hover="cities",
        col_title=AXIS_TITLE[across],
        row_colours=colours,
        title_width=title_width,
        note=note,
    )


def matrix_figure(matrix: pd.DataFrame, title: str, noun: str = PLAN_NOUN) -> go.Figure:
    """Cities (rows) x interventions (columns): number of counted actions per cell."""
    colours = dict(zip(matrix["intervention_label"], matrix["colour"], strict=False))
    return gap_heatmap(
        matrix,
        row="city_name",
        col="intervention_label",
        title=title,
        noun=noun,
        hover="titles",
        col_title=N_("Intervention"),
        col_colours=colours,
        cell_height=46,
    )


@dataclass(frozen=True)
class CoverageView:
    """What the Coverage page shows whatever city its grids are drawn for."""

    noun: str
    """What is counted ("plan actions", or every kind of action with the toggle on)."""
    counted: pd.DataFrame
    """The counted actions, which the drill-downs read."""
    caption: str
    """The sentence saying what the page counts."""
    answer: str
    """The answer to "which interventions does no city cover at the intensive level?"."""
    rests_on: str
    """What that answer rests on: how many of the shown cities' plans are entered."""
    matrix: go.Figure
    """Cities x interventions: counted actions per cell."""
    matrix_numbers: pd.DataFrame
    """The matrix's numbers."""
    interventions: list[str]
    """The ids of the interventions shown, in the model's order."""


def coverage_view(tables: Tables, filters: Filters, include_all: bool = False) -> CoverageView:
    """What the Coverage page shows for the sidebar filters and the "include testing
    actions and ideas" toggle, whatever city the grids are drawn for: the counted actions
    (for the drill-downs), the caption, the intensive-support answer (with what it rests
    on) and the cities x interventions matrix with its numbers.

    Built once per data load and choice (ui.data.cached_view) and shared by every
    session: callers must not modify it.
    """
    vocab = tables.vocabulary
    cities = shown_cities(tables, filters)
    basis = Basis.of(cities)
    noun = noun_for(include_all)
    counted = counted_actions(tables.actions, filters, include_all)
    cells = model_cells(counted, filters.interventions)
    shown = ", ".join(cities["name"]) if filters.cities else None
    matrix = city_matrix(counted, cities, vocab, filters.interventions)
    return CoverageView(
        noun=noun,
        counted=counted,
        caption=counted_description(filters, include_all, filters.describe(tables)),
        answer=intensive_answer(cells, vocab, filters.interventions, shown, basis=basis),
        rests_on=basis.rests_on(),
        matrix=matrix_figure(matrix, matrix_finding(matrix, include_all), noun),
        matrix_numbers=matrix_numbers(matrix, noun),
        interventions=_intervention_rows(vocab, filters.interventions),
    )


FINDINGS = {LEVEL: levels_finding, GROUP: groups_finding}


@dataclass(frozen=True)
class CoverageGrid(Chart):
    """One grid of the Coverage page: its chart and numbers, and its cell selector's words."""

    options: dict[str, str]
    """Cell key -> the cell in words with its count ("Help · Targeted support: 4 plan actions")."""
    states: dict[str, str]
    """Cell key -> the cell's state (analysis.known: covered, gap or not known)."""


@dataclass(frozen=True)
class CoverageGridsView:
    """What the Coverage page shows for one city of "Model for" (or every shown city)."""

    grids: dict[str, CoverageGrid]
    """Per grid (LEVEL, GROUP, in that order), its chart, numbers and cell options."""
    scope_cells: pd.DataFrame
    """The model cells of the actions in scope, which the drill-downs read."""
    all_entered: bool
    """Whether every plan in scope is entered (empty cells are then gaps, else not known)."""


def coverage_grids_view(
    tables: Tables, filters: Filters, city: str | None = None, include_all: bool = False
) -> CoverageGridsView:
    """What the Coverage page shows for one city of "Model for" (None: all shown cities):
    per grid (`LEVEL`, `GROUP`, in that order) its figure, numbers and cell selector options
    (no cell is selected at first), and the cells the drill-downs read (`scope_cells`). Empty
    cells are gaps only when every plan shown is entered (analysis.known).

    Built once per data load and choice (ui.data.cached_view) and shared by every
    session: callers must not modify it.
    """
    vocab = tables.vocabulary
    cities = shown_cities(tables, filters)
    city_name = None if city is None else tables.city_names()[city]
    basis = Basis.of(cities, None if city is None else [city])
    noun = noun_for(include_all)
    counted = counted_actions(tables.actions, filters, include_all)
    cells = model_cells(counted, filters.interventions)
    scope_cells = cells if city is None else cells[cells["city"] == city]
    grids = {}
    for across, finding in FINDINGS.items():
        table = grid(scope_cells, vocab, across, filters.interventions, basis=basis)
        options = cell_options(table, noun)
        grids[across] = CoverageGrid(
            figure=grid_figure(table, across, finding(table, noun, city_name, basis=basis), noun),
            numbers=grid_numbers(table, across, noun),
            options=options,
            states=dict(
                zip(
                    (cell_key(i, c) for i, c in zip(table["intervention"], table["cell"], strict=True)),
                    table["state"],
                    strict=True,
                )
            ),
        )
    return CoverageGridsView(grids=grids, scope_cells=scope_cells, all_entered=basis.all_entered)
