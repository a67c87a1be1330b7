"""The figures of presentation (one plotly builder per chart) and the page view that puts them
beside their tables; the tables and findings come from analysis/presentation.py.

The sequence a presenter shows at a Transnational Meeting: the network at a glance,
coverage, gaps, budgets, transfers, then one view per city. One plain function builds
each view (finding, figure, numbers, sentences, sources); the presentation page, the
PowerPoint deck and the HTML report all show the same views. No streamlit."""

from __future__ import annotations

import copy
import datetime as dt
import html

import plotly.graph_objects as go

from analysis import budgets, coverage, overview, progress, transfers
from analysis import gaps as gap
from analysis.frames import Filters, Tables, plan_actions
from analysis.known import GAP, NOT_KNOWN, Basis, legend_sentence
from analysis.presentation import (
    VIEWS,
    _names,
    _plain,
    budget_words,
    cell_key_sentence,
    cited,
    city_of,
)
from figures import budgets as budgets_figures
from figures import coverage as coverage_figures
from figures import overview as overview_figures
from figures import progress as progress_figures
from figures import transfers as transfers_figures
from figures.theme import FONT_FAMILY, one_line, wrap_title
from models.knowledge import BROKEN
from words import number
from words.i18n import N_, _, ngettext

# The glance's headline numbers, as cards: (key of analysis.overview.headline, label).
CARDS = (
    ("cities", N_("cities")),
    ("plan_actions", N_("plan actions")),
    ("testing_actions", N_("testing actions")),
    ("ideas", N_("ideas (not funded)")),
    ("transfers", N_("transfers of practice")),
)

# A projector seen from the back of a room: large type, one chart per view. The page gives
# the chart the width and height the window leaves (1024x768 to 3840x2160); the type is
# what still fits the smallest of those windows.
PROJECTOR_FONT = 18

PROJECTOR_HEIGHT = 560

SANKEY_FONT = 16

SANKEY_HEIGHT = 560


def view(tables: Tables, step: str) -> dict:
    """One view of the sequence: `heading` (what it is), `title` (the finding, plain text),
    `figure` (plotly, or None), `numbers` (the table behind it, or None), `lines`
    (sentences said beside it), `sources` ([{title, address}], most cited first) and
    `name` (a file name stem for its downloads).

    Network views cover every city; a city view covers that city."""
    city = city_of(step)
    if city is not None:
        return _city_view(tables, city)
    return {
        "glance": _glance,
        "coverage": _coverage,
        "gaps": _gaps,
        "budgets": _budgets,
        "transfers": _transfers,
        "progress": _progress,
    }[step](tables)


def _glance(tables: Tables) -> dict:
    parts = overview_figures.page_parts(tables, Filters())
    numbers = parts["numbers"]
    figure = parts["interventions"]
    n = numbers["cities"]
    title = _(
        "{n} cities, {actions} plan actions recorded; IAP documents entered for {entered} of {n}"
    ).format(n=n, actions=numbers["plan_actions"], entered=numbers["plans_entered"])
    return {
        "heading": _(VIEWS["glance"]),
        "title": title,
        "figure": figure,
        "figure_title": _plain(figure.layout.title.text),
        "numbers": parts["interventions_table"],
        "cards": [(numbers[key], _(label)) for key, label in CARDS],
        "lines": [
            _("Money reported: {money}").format(money=parts["money"]),
            _("For the cities whose plan is not entered, the actions come from the network's articles."),
        ],
        "legend": legend_sentence(tables.cities),
        "sources": cited(tables.actions, tables.transfers),
        "name": "network-at-a-glance",
    }


def _coverage(tables: Tables) -> dict:
    counted = coverage.counted_actions(tables.actions, Filters())
    cells = coverage.model_cells(counted)
    basis = Basis.of(tables.cities)
    table = coverage.grid(cells, tables.vocabulary, coverage.LEVEL, basis=basis)
    title = coverage.levels_finding(table, basis=basis)
    return {
        "heading": _(VIEWS["coverage"]),
        "title": title,
        "figure": coverage_figures.grid_figure(table, coverage.LEVEL, title),
        "numbers": coverage.grid_numbers(table, coverage.LEVEL),
        "grid": table,
        "lines": [
            coverage.intensive_answer(cells, tables.vocabulary, basis=basis),
            _(
                "Number of plan actions in each cell ({n} plan actions; testing actions and ideas "
                "left out). An action covers every cell of its interventions at its support level."
            ).format(n=len(counted))
            + " "
            + _(cell_key_sentence()),
        ],
        "sources": cited(counted, tables.transfers.iloc[0:0]),
        "name": "coverage-interventions-by-support-level",
    }


def _gaps(tables: Tables) -> dict:
    counted = coverage.counted_actions(tables.actions, Filters())
    matrix = coverage.city_matrix(counted, tables.cities, tables.vocabulary)
    title = coverage.matrix_finding(matrix)
    gaps = int((matrix["state"] == GAP).sum())
    unknown = int((matrix["state"] == NOT_KNOWN).sum())
    entered = matrix.loc[matrix["state"] == GAP, "city"].nunique()
    basis = Basis.of(tables.cities)
    return {
        "heading": _(VIEWS["gaps"]),
        "title": title,
        "figure": coverage_figures.matrix_figure(matrix, title),
        "numbers": coverage.matrix_numbers(matrix),
        "matrix": matrix,
        "lines": [
            (
                ngettext(
                    "{gaps} of {cells} city × intervention cells are gaps of an entered plan ({n} city); "
                    "{unknown} are not known yet (no known plan action, plan not entered).",
                    "{gaps} of {cells} city × intervention cells are gaps of an entered plan ({n} cities); "
                    "{unknown} are not known yet (no known plan action, plan not entered).",
                    entered,
                )
                if gaps
                else _(
                    "{gaps} of {cells} city × intervention cells are gaps of an entered plan; "
                    "{unknown} are not known yet (no known plan action, plan not entered)."
                )
            ).format(gaps=gaps, cells=len(matrix), n=number(entered), unknown=unknown),
            basis.rests_on(),
        ],
        "legend": legend_sentence(tables.cities),
        "sources": cited(counted, tables.transfers.iloc[0:0]),
        "name": "gaps-cities-by-intervention",
    }


def _budgets(tables: Tables) -> dict:
    actions = tables.actions
    by_city = budgets.budget_by_city(actions, tables.cities)
    plan = plan_actions(actions)
    return {
        "heading": _(VIEWS["budgets"]),
        "title": budgets.largest_budget_finding(actions, by_city),
        "figure": budgets_figures.city_figure(actions, by_city, tables.vocabulary),
        "numbers": budgets.city_numbers(by_city),
        "by_city": by_city,
        "lines": [budgets.coverage_sentence(by_city)],
        "sources": cited(plan, tables.transfers.iloc[0:0]),
        "name": "budgets-per-city",
    }


def _transfers(tables: Tables) -> dict:
    moved = tables.transfers
    return {
        "heading": _(VIEWS["transfers"]),
        "title": transfers.flow_title(moved),
        "figure": transfers_figures.flow_figure(moved) if not moved.empty else None,
        "numbers": transfers.flow_numbers(moved),
        "moved": moved,
        "lines": [transfers.outside_sentence(moved)],
        "sources": cited(tables.actions.iloc[0:0], moved),
        "name": "transfers-of-practice",
    }


def _city_view(tables: Tables, city: str) -> dict:
    name = _names(tables)[city]
    row = tables.cities[tables.cities["id"] == city].iloc[0]
    mine = tables.actions[tables.actions["city"] == city]
    moved = tables.transfers[(tables.transfers["to_city"] == city) | (tables.transfers["from_city"] == city)]
    if row["knowledge"] == BROKEN:
        return {
            "heading": name,
            "title": _("{city}: its data file has a problem, so nothing is shown of its plan").format(
                city=name
            ),
            "figure": None,
            "numbers": None,
            "grid": None,
            "intervention_counts": overview.intervention_counts(mine, tables),
            "lines": [
                _("The file {file} could not be read: {problem}").format(
                    file=row["file"], problem=row["file_problem"]
                ),
                _("The city stays in the sequence; its view fills in again once the file is fixed."),
                transfers.received_sentence(moved, city, name),
                transfers.given_sentence(moved, city, name),
            ],
            "sources": cited(mine, moved),
            "name": f"city-{city}",
        }
    only = Filters(cities=(city,))
    grids = coverage_figures.grids_view(tables, only, city)
    level = grids["grids"][coverage.LEVEL]
    counted = coverage.counted_actions(tables.actions, only)
    basis = Basis.of(tables.cities, [city])
    table = coverage.grid(coverage.model_cells(counted), tables.vocabulary, coverage.LEVEL, basis=basis)
    by_city = budgets.budget_by_city(mine, tables.cities[tables.cities["id"] == city])
    plan = (
        _("IAP document entered.")
        if bool(row["iap_entered"])
        else _("IAP document not yet entered: actions from the network's articles.")
    )
    found = gap.city_cells(tables, city)
    return {
        "heading": name,
        "title": coverage.levels_finding(table, city_name=name, basis=basis),
        "figure": level["figure"],
        "numbers": level["numbers"],
        "grid": table,
        "intervention_counts": overview.intervention_counts(mine, tables),
        "lines": [
            plan,
            gap.summary(found, tables, name, coverage.LEVEL),
            transfers.received_sentence(moved, city, name),
            transfers.given_sentence(moved, city, name),
            *budget_words(by_city, bool(row["iap_entered"])),
        ],
        "sources": cited(mine, moved),
        "name": f"city-{city}",
    }


# The window the projector's type is made for: up to 1920x1080 the type stays as it is (it is
# what fits 1024x768); a larger window scales it with the window, as the page's own words do
# (up to 3840x2160, twice); a window lower than 760 pixels makes it a little smaller, so a
# flow diagram's fourteen labels still lie one under the other.
TYPE_WINDOW = (1920, 1080)

LOW_WINDOW = 760

LOW_SCALE = 0.85


# The share of the window's width the page gives the chart (its column of three fifths,
# less the page's margins and the gap beside the words).
CHART_SHARE = 0.55


def type_scale(width: int, height: int) -> float:
    """How much larger than PROJECTOR_FONT a chart's type is in a window of `width` x
    `height` CSS pixels: 1 up to 1920x1080, 2 at 3840x2160, 0.85 below 760 pixels high or
    1200 wide; in steps of 0.25 (a new figure only when the window changes much)."""
    if height < LOW_WINDOW or width < 1200:
        return LOW_SCALE
    grown = min(width / TYPE_WINDOW[0], height / TYPE_WINDOW[1])
    return max(1.0, min(3.0, int(grown * 4) / 4))


def projector_view(tables: Tables, step: str, window: tuple[int, int] | None = None) -> go.Figure | None:
    """The view's figure for a projector (None when the view has no figure), for a window
    of `window` (width, height) CSS pixels (None: one of 1920x1080); the glance leaves room
    for its headline numbers above the chart."""
    figure = view(tables, step)["figure"]
    if figure is None:
        return None
    width, high = window or TYPE_WINDOW
    scale = type_scale(width, high)
    height = PROJECTOR_HEIGHT - 120 if step == "glance" else PROJECTOR_HEIGHT
    return projector(figure, height=round(height * scale), scale=scale, width=round(width * CHART_SHARE))


def _rewrapped(labels, xs, size: int, width: int) -> list[str]:
    """A flow diagram's node labels wrapped to the room right of their column: the fewer
    lines, the fewer labels that run into the next one down (a word is about half the
    type's size wide)."""
    columns = sorted(set(xs))
    out = []
    for label, x in zip(labels, xs, strict=True):
        if not label:
            out.append(label)
            continue
        following = [c for c in columns if c > x]
        room = ((following[0] if following else 1.0) - x) * width - 2 * size
        out.append(wrap_title(one_line(label), max(16, int(room / (0.5 * size)))))
    return out


def projector(
    fig: go.Figure, *, height: int = PROJECTOR_HEIGHT, scale: float = 1.0, width: int | None = None
) -> go.Figure:
    """A copy of `fig` for a projector: its title left out (the page states it in large
    type above), every text larger (`scale` times more for a large window), a taller plot;
    a flow diagram's labels wrapped to a chart `width` pixels wide. The figure given is not
    changed."""
    big = go.Figure(copy.deepcopy(fig.to_dict()))
    # A flow diagram's many labels need room more than size: a little smaller, taller.
    flow = any(trace.type == "sankey" for trace in big.data)
    size = round((SANKEY_FONT if flow else PROJECTOR_FONT) * scale)
    height = max(height, round(SANKEY_HEIGHT * scale)) if flow else height
    for trace in big.data:
        if trace.type == "sankey" and width and trace.node.x is not None:
            trace.node.label = _rewrapped(trace.node.label, trace.node.x, size, width)
    grown = size / max(1, big.layout.font.size or 15)  # how much larger than on the page
    big.update_layout(
        title={"text": ""},
        font={"family": FONT_FAMILY, "size": size},
        height=height,
        hoverlabel={"font": {"size": size}},
    )
    margin = big.layout.margin
    # the legend sits above the plot: one line for up to three entries, else a line for
    # each two (what a 1024-pixel window fits beside the words)
    entries = sum(1 for t in big.data if getattr(t, "showlegend", None) is not False and t.name)
    legend_room = 20 if big.layout.showlegend is False else 60 if entries <= 3 else 30 + 36 * -(-entries // 2)
    big.update_layout(
        margin={
            "t": round(legend_room * scale),
            "l": int((margin.l or 10) * grown),
            "r": max(10, int((margin.r or 10) * scale)),
            "b": int((margin.b or 10) * grown),
        },
        legend={
            "y": 1.02,
            "yref": "paper",
            "yanchor": "bottom",
            "x": 0,
            "xref": "paper",
            "font": {"size": round(size - 4 * scale)},
        },
    )
    # Axis words are sized on their own (and the app's chart theme would keep them small).
    axis = round(size - 2 * scale)
    big.update_xaxes(tickfont={"size": axis}, title_font={"size": axis})
    big.update_yaxes(tickfont={"size": axis}, title_font={"size": axis})
    # Room for the longest row label at its new size: plotly's own measure (automargin) is
    # taken before the page's font is in place and falls a few pixels short of a large one.
    rows = [
        line
        for trace in big.data
        if trace.type in ("bar", "scatter") and trace.y is not None
        for label in trace.y
        if isinstance(label, str)
        for line in label.split("<br>")
    ]
    if rows:
        needed = int(0.56 * axis * max(len(html.unescape(row)) for row in rows)) + 16
        big.update_layout(margin={"l": max(big.layout.margin.l or 0, needed)})
    if flow:  # its colour key: room for the words whatever font the browser measured them in
        # each of its two entries half the plot wide less a little: on one line at any width
        big.update_layout(legend={"entrywidth": 0.45, "entrywidthmode": "fraction"})
    for annotation in big.layout.annotations or ():
        annotation.font.size = round((annotation.font.size or 15) * grown)
    for trace in big.data:
        textfont = getattr(trace, "textfont", None)
        if textfont is not None and textfont.size:
            textfont.size = round(textfont.size * grown)
    return big


def _progress(tables: Tables, today: dt.date | None = None) -> dict:
    """The plans' indicators against their targets on `today` (the real day by default)."""
    today = today or dt.date.today()
    parts = progress_figures.page_view(tables, today, None)
    plan = plan_actions(tables.actions)
    with_indicators = plan[plan["indicators"].map(bool).astype(bool)]  # an empty mask must stay a mask
    return {
        "heading": _(VIEWS["progress"]),
        "title": progress.share_title(parts["shares"], today),
        "figure": parts["share_figure"],  # None when no indicator is due: the title says so
        "numbers": parts["shares"].drop(columns=["intervention"]),
        "shares": parts["shares"],
        "lines": [
            parts["summary"],
            _(
                "Indicators are entered for {n} of {cities} cities; "
                "statuses rest only on the values the cities record."
            ).format(n=with_indicators["city"].nunique(), cities=len(tables.cities)),
        ],
        "sources": cited(with_indicators, tables.transfers.iloc[0:0]),
        "name": "progress-against-targets",
    }
