"""The figures of presentation (one plotly builder per chart) and the page view that puts them
beside their tables; the tables and findings come from analysis/presentation.py.

The sequence a presenter shows at a Transnational Meeting: the network at a glance,
coverage, gaps, budgets, transfers, then one view per city. One plain function builds
each view (finding, figure, numbers, sentences, sources); the presentation page, the
PowerPoint deck and the HTML report all show the same views. No streamlit."""

from __future__ import annotations

import copy
import datetime as dt

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
from figures.theme import FONT_FAMILY
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
        "{n} cities, {actions} plan actions recorded; plan documents entered for {entered} of {n}"
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
        _("Plan document entered.")
        if bool(row["iap_entered"])
        else _("Plan document not yet entered: actions from the network's articles.")
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


def projector_view(tables: Tables, step: str) -> go.Figure | None:
    """The view's figure for a projector (None when the view has no figure); the glance
    leaves room for its headline numbers above the chart."""
    figure = view(tables, step)["figure"]
    if figure is None:
        return None
    return projector(figure, height=PROJECTOR_HEIGHT - 120 if step == "glance" else PROJECTOR_HEIGHT)


def projector(fig: go.Figure, *, height: int = PROJECTOR_HEIGHT) -> go.Figure:
    """A copy of `fig` for a projector: its title left out (the page states it in large
    type above), every text larger, a taller plot. The figure given is not changed."""
    big = go.Figure(copy.deepcopy(fig.to_dict()))
    # A flow diagram's many labels need room more than size: a little smaller, taller.
    flow = any(trace.type == "sankey" for trace in big.data)
    size = SANKEY_FONT if flow else PROJECTOR_FONT
    height = max(height, SANKEY_HEIGHT) if flow else height
    scale = size / max(1, big.layout.font.size or 15)
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
            "t": legend_room,
            "l": int((margin.l or 10) * scale),
            "r": max(10, int(margin.r or 10)),
            "b": int((margin.b or 10) * scale),
        },
        legend={
            "y": 1.02,
            "yref": "paper",
            "yanchor": "bottom",
            "x": 0,
            "xref": "paper",
            "font": {"size": size - 4},
        },
    )
    # Axis words are sized on their own (and the app's chart theme would keep them small).
    big.update_xaxes(tickfont={"size": size - 2}, title_font={"size": size - 2})
    big.update_yaxes(tickfont={"size": size - 2}, title_font={"size": size - 2})
    if flow:  # its colour key: room for the words whatever font the browser measured them in
        big.update_layout(legend={"entrywidth": 300, "entrywidthmode": "pixels"})
    for annotation in big.layout.annotations or ():
        size = annotation.font.size or 15
        annotation.font.size = round(size * scale)
    for trace in big.data:
        textfont = getattr(trace, "textfont", None)
        if textfont is not None and textfont.size:
            textfont.size = round(textfont.size * scale)
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
