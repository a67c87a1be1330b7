"""Look of every figure: sizes readable on a projector, colours from the vocabulary,
and the chart toolbar's picture export. Plain plotly; no streamlit."""

from __future__ import annotations

import re

import plotly.graph_objects as go

from words import LONG_TEXT, clipped

# Quoted, so that the browser reads the list at all: unquoted, "Source Sans 3" (a name part
# starting with a digit) makes the whole declaration invalid CSS, and the chart's words were
# drawn in plotly's fallback font while plotly measured them in the page's - a legend sized to
# the narrower words cut the wider ones (Compare's "known actions onl"). "Source Sans" is the
# app's own font (Streamlit's); the others for an output opened elsewhere.
FONT_FAMILY = '"Source Sans", "Source Sans Pro", "Source Sans 3", "DejaVu Sans", Arial, sans-serif'

BASE_FONT_SIZE = 15

TITLE_FONT_SIZE = 19

# --- the palette: the one definition of the colours of the figures, the slides
# (outputs/slides.py turns them into PowerPoint colours) and the pages --------------------

INK = "#222222"  # text

TITLE_INK = "#1F3A5F"  # slide titles and the presentation's headings

MUTED = "#555555"  # notes, footers

WHITE = "#FFFFFF"

HEADER_FILL = "#F0F0F0"  # a table's heading row, a number's card

BLUE = "#0072B2"  # a bar, a link, a plan entered on the map

GRID_LINE = "#DDDDDD"

UNKNOWN_COLOUR = "#BBBBBB"  # for "unknown" marks: grey, never a data colour

GAP_COLOUR = WHITE

# A cell of a plan nobody has entered: light grey, unlike a gap (white) and a covered cell (blue).
NOT_KNOWN_COLOUR = "#E3E3E3"

# Covered cells: a sequential blue scale that starts clearly above white, so that
# one action never reads like an empty cell. Empty cells are white, say "gap" and
# have a dashed grey border.
COVERED_SCALE = [[0.0, "#9ECAE1"], [0.5, "#4292C6"], [1.0, "#08306B"]]

GAP_BORDER = "#8C8C8C"  # also the slides' cell borders: gap cells are white, the grid must still show

GAP_TEXT = "#595959"  # 7:1 on white: legible on a projector

# Not known: a flat light grey, no border, the words "not known" - unlike a gap (white,
# dashed) and unlike a covered cell (blue, a number), in colour and in greyscale.
NOT_KNOWN_TEXT = "#4D4D4D"

# Figure fields written by the code, never by the data: left as they are.
_CODE_FIELDS = {"type", "uid", "ids", "hovertemplate", "texttemplate", "meta", "marker", "line"}

# What the chart toolbar does: a PNG big enough for a slide, made in the browser
# (no server-side image library needed).
PLOTLY_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "width": 1600, "height": 900, "scale": 1},
    # Offline base map: served by Streamlit from static/ (see .streamlit/config.toml).
    "topojsonURL": "app/static/",
}


def style(fig: go.Figure, title: str, *, height: int = 460, legend: bool = True) -> go.Figure:
    """Apply the shared look; `title` should state the finding, not the chart type.

    The top margin grows with the number of title lines (see wrap_title) so that the
    title, the legend under it and the plot never overlap.
    """
    lines = title.count("<br>") + 1
    top = 16 + 26 * lines + (34 if legend else 12)
    axis_words = {"tickfont": {"color": "#333333"}, "title": {"font": {"color": "#333333"}}}
    relayout(
        fig,
        {
            "title": {
                "text": title,
                "font": {"size": TITLE_FONT_SIZE},
                "x": 0,
                "xanchor": "left",
                "y": 1,
                "yanchor": "top",
                "yref": "container",
                "pad": {"t": 12},
            },
            "font": {"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": INK},
            "height": height,
            "margin": {"l": 10, "r": 10, "t": top, "b": 10},
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "showlegend": legend,
            "legend": {
                "orientation": "h",
                "yanchor": "bottom",
                "y": 1.02,
                "x": 0,
                "title": None,
                "traceorder": "normal",
                # Said again for the legend: Streamlit's chart theme sets a legend font of its
                # own, which wins over the layout's.
                "font": {"family": FONT_FAMILY, "color": INK},
            },
            "hoverlabel": {"font": {"size": BASE_FONT_SIZE}},
        },
        x_axes=axis_words,
        y_axes=axis_words,
    )
    return clip_long_text(fig)


# An x or y axis of the layout: "xaxis", "xaxis2", ... (one per subplot).
_AXIS_NAME = re.compile(r"[xy]axis[0-9]*")


def relayout(
    fig: go.Figure, changes: dict, *, x_axes: dict | None = None, y_axes: dict | None = None
) -> go.Figure:
    """`fig` with `changes` merged into its layout, as fig.update_layout(changes) does, and
    `x_axes` (`y_axes`) into every x (y) axis, as fig.update_xaxes (update_yaxes) does; in
    place. Written in plotly's own nested names ({"title": {"font": ...}}, not "title_font").

    Why not update_layout: it checks and applies each key path on its own, and the shared style
    alone cost about 11 ms of processor time a figure (several figures a page, every page run);
    the whole layout assigned at once is checked once, in about 1 ms. The figures use plotly's
    default template, which plotly sets again on the new layout (so it is not copied through)."""
    layout = fig.layout.to_plotly_json()  # a copy
    layout.pop("template", None)
    new_layout = merged(layout, changes)
    for letter, words in (("x", x_axes), ("y", y_axes)):
        if words:
            # as update_xaxes: the main axis, whether or not set, and every subplot's
            for name in {f"{letter}axis"} | {
                k for k in new_layout if _AXIS_NAME.fullmatch(k) and k[0] == letter
            }:
                new_layout[name] = merged(new_layout.get(name) or {}, words)
    fig.layout = new_layout
    return fig


def merged(old: dict, new: dict) -> dict:
    """`new` merged into a copy of `old` as plotly's update merges: a dict into a dict, key by
    key; anything else (a value, a list, None) replaces what was there."""
    out = dict(old)
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def copied(fig: go.Figure) -> go.Figure:
    """A copy of `fig` that shares nothing with it, without plotly's template copied through
    (plotly sets its default again: validating the template's copy cost about 7 ms a figure).
    Not go.Figure(fig): that briefly takes each trace's "type" out of the figure it copies -
    a second thread reading a cached figure then sees a trace without its type."""
    spec = fig.to_dict()  # a deep copy
    spec["layout"].pop("template", None)
    return go.Figure(spec)


def _object_array(value) -> bool:
    """A numpy array of Python objects (how plotly keeps text and customdata)."""
    return getattr(getattr(value, "dtype", None), "kind", None) == "O"


def _too_long(value) -> bool:
    if isinstance(value, str):
        return len(value) > LONG_TEXT
    if isinstance(value, dict):
        return any(_too_long(v) for v in value.values())
    if isinstance(value, (list, tuple)) or _object_array(value):
        return any(_too_long(v) for v in value)
    return False


def _clip(value):
    if isinstance(value, str):
        return clipped(value)
    if isinstance(value, dict):
        return {k: _clip(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) or _object_array(value):
        return [_clip(v) for v in value]
    return value


def clip_long_text(fig: go.Figure) -> go.Figure:
    """Cut over-long data text (labels, hover data, annotations) in place; a no-op on
    ordinary data, so it costs one scan of the figure's text."""
    for trace in fig.data:
        plain = trace.to_plotly_json()
        changed = {k: _clip(v) for k, v in plain.items() if k not in _CODE_FIELDS and _too_long(v)}
        if changed:
            trace.update(changed)
    for annotation in fig.layout.annotations:
        if annotation.text and len(annotation.text) > LONG_TEXT:
            annotation.text = clipped(annotation.text)
    return fig


# Spaces a line may break at: any white space but the no-break ones French puts before
# ":", ";", "?", "!" and inside numbers ("12 345 €"), which keep their words together.
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u202f\u2007]+")


def words_of(text: str) -> list[str]:
    """The words of `text` split at the spaces a line may break at (str.split() would also
    split at a no-break space)."""
    return [word for word in _BREAKING_SPACE.split(text) if word]


def one_line(text: str) -> str:
    """`text` on one line: its <br> and runs of breaking space made one space."""
    return " ".join(words_of(str(text).replace("<br>", " ")))


# Characters of a title line (19-pixel bold type) that fit the narrowest full-width chart: a
# 1024-pixel window beside the sidebar leaves about 570 pixels (wrap_title's default, 70, fits
# the titles it is used for today).
TITLE_WIDTH = 56


def wrap_title(text: str, width: int = 70) -> str:
    """Break a long title over lines with <br> so it is not cut off on narrow screens
    (a title longer than LONG_TEXT is cut first); never at a no-break space."""
    words, lines, line = words_of(clipped(text)), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)
