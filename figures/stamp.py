"""The data stamp drawn into a figure, under its title (its words: analysis/stamp.py).

The stamp every export carries: the data's date and how complete it is, so that a
projected chart or a printed table never looks more certain than the data behind it.

    Data of 2026-11-24 · IAP entered for 1 of 10 cities

Plain functions; no streamlit. The data folder is passed in, never guessed here.
"""

from __future__ import annotations

from figures.theme import copied, relayout
from words import separators

SUBTITLE_ROOM = 22  # pixels added above the plot for the stamp line

MULTILINE_LIFT = 14  # how far plotly lifts a title of several lines above its place


def with_stamp(fig, stamp: str):
    """A copy of the plotly figure `fig` with `stamp` as a small grey line under its title,
    so that a picture exported from the chart's toolbar carries it. The figure gets taller
    by the line's height and what sat under the title moves down with the plot."""

    # Built from a copy: `fig` may be a cached figure other sessions are reading.
    stamped = copied(fig)
    layout = stamped.layout
    # plotly lifts a title of several lines (anchored at its top) by about half a line,
    # over the figure's top edge: such a title is pushed down by that much
    lift = MULTILINE_LIFT if "<br>" in str(layout.title.text or "") and layout.title.yanchor == "top" else 0
    # the stamp grows with the figure's type (a projector's chart for a 4K window: twice)
    grown = (layout.font.size or 15) / 15
    room = round(SUBTITLE_ROOM * max(1.0, grown)) + lift
    height = layout.height or 450
    top = layout.margin.t if layout.margin.t is not None else 100
    new_height = height + room
    changes = {
        # plotly's own number formats (ticks, hovers: "%{x:,.0f}") written the language's way
        "separators": separators(),
        "height": new_height,
        "margin": {"t": top + room},
        "title": {
            "subtitle": {"text": stamp, "font": {"size": round(12 * max(1.0, grown)), "color": "#444444"}},
            "pad": {"t": (layout.title.pad.t or 0) + lift},
        },
    }
    legend = layout.legend
    if legend.yref == "container" and legend.y is not None:
        below_top = (1 - legend.y) * height + room  # pixels from the figure's top
        changes["legend"] = {"y": 1 - below_top / new_height}
    return relayout(stamped, changes)
