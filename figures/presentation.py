"""The figures of presentation: each view's chart beside what analysis/presentation.py says of
it (finding, numbers, sentences, sources), and the same chart made large for a projector.

The sequence a presenter shows at a Transnational Meeting: the network at a glance,
coverage, gaps, budgets, transfers, then one view per city. The presentation page and the
HTML report show the views drawn here; the PowerPoint deck reads the findings alone. No
streamlit."""

from __future__ import annotations

import html
from dataclasses import dataclass, fields

import plotly.graph_objects as go

from analysis import coverage, presentation
from analysis.frames import Tables
from analysis.known import Basis
from analysis.presentation import Findings, city_of
from figures import budgets as budgets_figures
from figures import coverage as coverage_figures
from figures import overview as overview_figures
from figures import progress as progress_figures
from figures import transfers as transfers_figures
from figures.theme import FONT_FAMILY, copied, merged, one_line, relayout, wrap_title

# A projector seen from the back of a room: large type, one chart per view. The page gives
# the chart the width and height the window leaves (1024x768 to 3840x2160); the type is
# what still fits the smallest of those windows.
PROJECTOR_FONT = 18

PROJECTOR_HEIGHT = 560

SANKEY_FONT = 16

SANKEY_HEIGHT = 560


@dataclass(frozen=True)
class PresentView(Findings):
    """One view of the presentation: what analysis.presentation.findings says of it, and
    its chart."""

    figure: go.Figure | None = None
    """The view's chart (None when the view has none)."""


def present_view(tables: Tables, step: str) -> PresentView:
    """One view of the sequence: what analysis.presentation.findings says of it, and its
    `figure` (plotly, or None when the view has none).

    Network views cover every city; a city view covers that city."""
    shown = presentation.findings(tables, step)
    said = {f.name: getattr(shown, f.name) for f in fields(shown)}
    return PresentView(**said, figure=_figure(tables, step, shown))


def _figure(tables: Tables, step: str, shown: Findings) -> go.Figure | None:
    """The chart of a view, drawn from the tables its findings carry."""
    if city_of(step) is not None:
        if shown.grid is None:  # a city whose file has a problem: nothing to draw
            return None
        return coverage_figures.grid_figure(shown.grid, coverage.LEVEL, shown.title)
    if step == "glance":
        colours = tables.vocabulary.colours("interventions")
        return overview_figures.intervention_figure(shown.counts, colours, Basis.of(tables.cities))
    if step == "coverage":
        return coverage_figures.grid_figure(shown.grid, coverage.LEVEL, shown.title)
    if step == "gaps":
        return coverage_figures.matrix_figure(shown.matrix, shown.title)
    if step == "budgets":
        return budgets_figures.city_figure(tables.actions, shown.by_city, tables.vocabulary)
    if step == "transfers":
        return transfers_figures.flow_figure(shown.moved) if not shown.moved.empty else None
    # progress: None when no indicator is due (the title says so)
    return progress_figures.share_figure(shown.shares, tables, shown.day)


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


def projector_figure(tables: Tables, step: str, window: tuple[int, int] | None = None) -> go.Figure | None:
    """The view's figure for a projector (None when the view has no figure), for a window
    of `window` (width, height) CSS pixels (None: one of 1920x1080); the glance leaves room
    for its headline numbers above the chart."""
    figure = present_view(tables, step).figure
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
    big = copied(fig)
    # A flow diagram's many labels need room more than size: a little smaller, taller.
    flow = any(trace.type == "sankey" for trace in big.data)
    size = round((SANKEY_FONT if flow else PROJECTOR_FONT) * scale)
    height = max(height, round(SANKEY_HEIGHT * scale)) if flow else height
    for trace in big.data:
        if trace.type == "sankey" and width and trace.node.x is not None:
            trace.node.label = _rewrapped(trace.node.label, trace.node.x, size, width)
    grown = size / max(1, big.layout.font.size or 15)  # how much larger than on the page
    margin = big.layout.margin
    # the legend sits above the plot: one line for up to three entries, else a line for
    # each two (what a 1024-pixel window fits beside the words)
    entries = sum(1 for t in big.data if getattr(t, "showlegend", None) is not False and t.name)
    legend_room = 20 if big.layout.showlegend is False else 60 if entries <= 3 else 30 + 36 * -(-entries // 2)
    # Axis words are sized on their own (and the app's chart theme would keep them small).
    axis = round(size - 2 * scale)
    left = int((margin.l or 10) * grown)
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
        left = max(left, int(0.56 * axis * max(len(html.unescape(row)) for row in rows)) + 16)
    legend = {
        "y": 1.02,
        "yref": "paper",
        "yanchor": "bottom",
        "x": 0,
        "xref": "paper",
        "font": {"size": round(size - 4 * scale)},
    }
    if flow:  # its colour key: room for the words whatever font the browser measured them in
        # each of its two entries half the plot wide less a little: on one line at any width
        legend |= {"entrywidth": 0.45, "entrywidthmode": "fraction"}
    changes = {
        "title": {"text": ""},
        "font": {"family": FONT_FAMILY, "size": size},
        "height": height,
        "hoverlabel": {"font": {"size": size}},
        "margin": {
            "t": round(legend_room * scale),
            "l": left,
            "r": max(10, int((margin.r or 10) * scale)),
            "b": int((margin.b or 10) * grown),
        },
        "legend": legend,
    }
    if big.layout.annotations:
        changes["annotations"] = [
            merged(note.to_plotly_json(), {"font": {"size": round((note.font.size or 15) * grown)}})
            for note in big.layout.annotations
        ]
    axis_words = {"tickfont": {"size": axis}, "title": {"font": {"size": axis}}}
    relayout(big, changes, x_axes=axis_words, y_axes=axis_words)
    for trace in big.data:
        textfont = getattr(trace, "textfont", None)
        if textfont is not None and textfont.size:
            textfont.size = round(textfont.size * grown)
    return big
