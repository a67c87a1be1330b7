"""Look of every figure: sizes readable on a projector, colours from the vocabulary,
and the chart toolbar's picture export. Plain plotly; no streamlit."""

from __future__ import annotations

import plotly.graph_objects as go

FONT_FAMILY = "Source Sans Pro, Source Sans 3, DejaVu Sans, Arial, sans-serif"
BASE_FONT_SIZE = 15
TITLE_FONT_SIZE = 19
UNKNOWN_COLOUR = "#BBBBBB"  # for "unknown" marks: grey, never a data colour
GAP_COLOUR = "#FFFFFF"

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
    fig.update_layout(
        title={
            "text": title,
            "font": {"size": TITLE_FONT_SIZE},
            "x": 0,
            "xanchor": "left",
            "y": 1,
            "yanchor": "top",
            "yref": "container",
            "pad": {"t": 12},
        },
        font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": "#222222"},
        height=height,
        margin={"l": 10, "r": 10, "t": top, "b": 10},
        paper_bgcolor="white",
        plot_bgcolor="white",
        showlegend=legend,
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "x": 0,
            "title": None,
            "traceorder": "normal",
        },
        hoverlabel={"font": {"size": BASE_FONT_SIZE}},
    )
    fig.update_xaxes(tickfont={"color": "#333333"}, title_font={"color": "#333333"})
    fig.update_yaxes(tickfont={"color": "#333333"}, title_font={"color": "#333333"})
    return fig


def wrap_title(text: str, width: int = 70) -> str:
    """Break a long title over lines with <br> so it is not cut off on narrow screens."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)


def euros(value: float | None) -> str:
    """12345.0 -> '€12,345'; None -> 'unknown'."""
    if value is None or value != value:  # None or NaN
        return "unknown"
    return f"€{value:,.0f}"
