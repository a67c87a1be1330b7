"""The figures of transfers (one plotly builder per chart) and the page view that puts them
beside their tables; the tables and findings come from analysis/transfers.py.

Transfers: which practice moved from which city (or from outside the network) into
which city's action. Tables, sentences and figures for the Transfers page; no streamlit."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.frames import Filters, Tables
from analysis.transfers import (
    NETWORK_GROUP,
    OUTSIDE_GROUP,
    filter_transfers,
    flow_nodes,
    flow_numbers,
    flow_title,
    hover_text,
    matrix_numbers,
    matrix_title,
    outside_sentence,
    outside_table,
    parallel_groups,
    parallel_sentence,
    parallel_table,
    transfer_matrix,
)
from figures.parts import Chart, Listing, source
from figures.theme import clipped, style, wrap_title
from words import label_text
from words.i18n import N_, _

NETWORK_LINK = "rgba(43, 108, 176, 0.35)"

OUTSIDE_LINK = "rgba(217, 115, 13, 0.45)"

TITLE_WIDTH = 52  # characters per line of a chart title: fits the main column of a 1000 px window

LABEL_WIDTH = {"from": 20, "practice": 24, "to": 28}  # characters per line of a node label

INVISIBLE = "rgba(0, 0, 0, 0)"

HOVER_LABEL = {"bgcolor": "white", "bordercolor": "#555555", "font": {"color": "#222222"}}


NETWORK_COLOUR = "#2B6CB0"  # a practice from a network city

OUTSIDE_COLOUR = "#D9730D"  # a practice from outside the network

PRACTICE_NODE = "#6B7280"

ACTION_NODE = "#374151"

# Where the columns stand. A fourth, invisible column ("end") sits at the right edge so
# that the actions are not the last column: plotly writes the labels of the last column
# on the left of its nodes, where they would collide with the practices' labels.
COLUMN_X = {"from": 0.001, "practice": 0.3, "to": 0.64, "end": 0.999}

NODE_GAP = 0.7  # space between two nodes of a column, in transfers


def placed_nodes(transfers: pd.DataFrame) -> pd.DataFrame:
    """analysis.transfers.flow_nodes with where each node stands (`x`, `y`, from 0 to 1) and
    its `colour`: each column spreads its nodes over the height, in proportion to their
    transfers; an origin is coloured by where the practice came from."""
    nodes = flow_nodes(transfers)
    node_colour = {"practice": PRACTICE_NODE, "to": ACTION_NODE}
    colours = [
        (OUTSIDE_COLOUR if outside else NETWORK_COLOUR) if column == "from" else node_colour[column]
        for column, outside in zip(nodes["column"], nodes["outside"], strict=True)
    ]
    xs = [COLUMN_X[column] for column in nodes["column"]]
    counts, ys = [int(n) for n in nodes["transfers"]], [0.0] * len(nodes)
    for column in ("from", "practice", "to"):
        mine = [i for i, c in enumerate(nodes["column"]) if c == column]
        total = sum(counts[i] for i in mine) + NODE_GAP * (len(mine) - 1)
        done = 0
        for rank, i in enumerate(mine):
            n = counts[i]
            done += n
            centre = done - n / 2 + NODE_GAP * rank
            ys[i] = min(max(centre / total, 0.001), 0.999)
    return nodes.assign(colour=colours, x=xs, y=ys).astype({"x": float, "y": float})


def _title_space(title: str) -> int:
    """Top margin (px) that holds a title of this many lines."""
    return 30 + 25 * (title.count("<br>") + 1)


TICK_LIMIT = 40  # characters of a name on the matrix's axes (the hover has it whole)


def _unique(labels: list[str]) -> list[str]:
    """`labels`, a repeat followed by zero-width spaces (one more each time): plotly draws
    equal categories as one."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        out.append(label + "\u200b" * seen.get(label, 0))
        seen[label] = seen.get(label, 0) + 1
    return out


def _ticks(categories: list[str], labels: list[str]) -> dict:
    """Axis settings that show each category as its label cut to TICK_LIMIT characters."""
    return {
        "tickmode": "array",
        "tickvals": categories,
        "ticktext": [label_text(clipped(str(label), TICK_LIMIT)) for label in labels],
    }


def flow_figure(transfers: pd.DataFrame) -> go.Figure:
    """Sankey in three columns: giving city or outside origin → practice → adopting
    city and action. Two links per transfer (so each hover names the whole path);
    links coloured by where the practice came from."""
    nodes = placed_nodes(transfers)
    index = {(c, k): i for i, (c, k) in enumerate(zip(nodes["column"], nodes["key"], strict=False))}
    links = []
    path = ["from_label", "practice_name", "to_city_name", "to_action_title"]
    for outside, from_city, practice, to_action, *names in zip(
        transfers["outside_network"],
        transfers["from_city"],
        transfers["practice"],
        transfers["to_action"],
        *(transfers[c] for c in path),
        strict=True,
    ):
        outside = bool(outside)
        a = index[("from", names[0] if outside else from_city)]
        b = index[("practice", practice)]
        c = index[("to", to_action)]
        # Cut here as style() would (clip_long_text): a cut there would validate every link again.
        text = clipped(label_text(hover_text(dict(zip(path, names, strict=True)))))
        colour = OUTSIDE_LINK if outside else NETWORK_LINK
        links += [(a, b, colour, text, 1), (b, c, colour, text, 1)]
    labels = [
        wrap_title(label_text(label), LABEL_WIDTH[col])
        for label, col in zip(nodes["label"], nodes["column"], strict=False)
    ]
    xs, ys = list(nodes["x"]), list(nodes["y"])
    colours, hovers = list(nodes["colour"]), [clipped(label_text(x)) for x in nodes["hover"]]
    for i, (column, y, n) in enumerate(zip(nodes["column"], nodes["y"], nodes["transfers"], strict=True)):
        if column != "to":
            continue
        end = len(labels)
        labels.append("")
        xs.append(COLUMN_X["end"])
        ys.append(y)
        colours.append(INVISIBLE)
        hovers.append(hovers[i])
        links.append((i, end, INVISIBLE, hovers[i], int(n)))  # one link as wide as the node's transfers
    links.sort(key=lambda link: (link[0], link[1]))
    # A dict, validated once by go.Figure below (a go.Sankey is validated again there):
    # at 3,000 cities plotly's checks of the links were most of the figure's time.
    sankey = dict(
        type="sankey",
        arrangement="snap",
        node={
            "label": labels,
            "x": xs,
            "y": ys,
            "color": colours,
            "customdata": hovers,
            # "Transfers: 3", a label and its number: plotly fills the count in the browser,
            # so the words cannot take the number's singular or plural.
            "hovertemplate": "%{customdata}<br>"
            + _("Transfers: {n}").replace("{n}", "%{value:.0f}")
            + "<extra></extra>",
            "hoverlabel": HOVER_LABEL,
            "pad": 14,
            "thickness": 16,
            "line": {"width": 0},
        },
        link={
            "source": [link[0] for link in links],
            "target": [link[1] for link in links],
            "value": [link[4] for link in links],
            "color": [link[2] for link in links],
            "customdata": [link[3] for link in links],
            "hovertemplate": "%{customdata}<extra></extra>",
            "hoverlabel": HOVER_LABEL,
        },
        textfont={"size": 14},
    )
    # A colour key: sankey traces have no legend, so two empty markers carry it.
    keys = [
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=_(name),
            marker={"color": colour, "size": 13, "symbol": "square"},
            hoverinfo="skip",
        )
        for name, colour in (
            (N_("From a network city"), NETWORK_COLOUR),
            (N_("From outside the network"), OUTSIDE_COLOUR),
        )
    ]
    # Traces and axes in the figure's first layout, the rest after the shared style:
    # every separate update re-validates the whole layout.
    fig = go.Figure(data=[sankey, *keys], layout={"xaxis": {"visible": False}, "yaxis": {"visible": False}})
    tallest = int(nodes["column"].value_counts().max()) if len(nodes) else 0
    title = wrap_title(label_text(flow_title(transfers)), TITLE_WIDTH)
    top = _title_space(title)
    style(fig, title, height=max(360, 50 * tallest + top + 60))
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": top, "b": 60},
        legend={"orientation": "h", "y": 0.005, "yanchor": "bottom", "x": 0, "yref": "container"},
        title={"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 14}},
    )
    return fig


def matrix_figure(matrix: pd.DataFrame, transfers: pd.DataFrame) -> go.Figure:
    """Heatmap, rows = giving origin, columns = receiving city; empty cells stay white
    (no zero colour); outside origins below a line, as their own row group."""
    cities = list(matrix.columns[2:])
    rows = list(matrix["From"])
    # Positional columns: a name shown twice (cities sharing a name) is never one column.
    # One number array, blank cells NaN (drawn as gaps): plotly checks a list of lists cell by
    # cell, which for the 90,000 cells of a 300-city network took seconds, and again for the
    # stamped copy; an array is checked at once and sent as binary.
    z = matrix.iloc[:, 2:].to_numpy(dtype="float32", na_value=np.nan).reshape(len(rows), len(cities))
    # Categories that are unique whatever the names (a repeat gets invisible zero-width spaces),
    # shown cut on the axes and whole in the hover: two long names that begin alike stay two.
    x, y = _unique([label_text(c) for c in cities]), _unique([label_text(r) for r in rows])
    heatmap = go.Heatmap(
        z=z,
        x=x,
        y=y,
        colorscale=[[0, "#C6DBEF"], [1, "#08519C"]],
        zmin=1,
        zmax=max(3, int(np.nanmax(z)) if z.size and not np.isnan(z).all() else 1),
        showscale=False,
        hoverongaps=False,
        texttemplate="%{z}",
        textfont={"size": 16},
        xgap=2,
        ygap=2,
        # A label and its number (plotly fills the count in): no form to agree with it.
        hovertemplate=_("{origin} → {city} – transfers: {n}")
        .replace("{origin}", "%{y}")
        .replace("{city}", "%{x}")
        .replace("{n}", "%{z}")
        + "<extra></extra>",
    )
    n_rows, n_cols = len(rows), len(cities)
    # Light cell borders so blank cells still read as a grid.
    shapes = [
        {"type": "line", "x0": i - 0.5, "x1": i - 0.5, "y0": -0.5, "y1": n_rows - 0.5}
        for i in range(n_cols + 1)
    ] + [
        {"type": "line", "x0": -0.5, "x1": n_cols - 0.5, "y0": j - 0.5, "y1": j - 0.5}
        for j in range(n_rows + 1)
    ]
    for shape in shapes:
        shape.update({"line": {"color": "#E2E2E2", "width": 1}, "layer": "below"})
    n_network = int((matrix["Origin"] == _(NETWORK_GROUP)).sum())
    annotations = []
    if n_network < n_rows:
        shapes.append(
            {
                "type": "line",
                "x0": -0.5,
                "x1": n_cols - 0.5,
                "y0": n_network - 0.5,
                "y1": n_network - 0.5,
                "line": {"color": "#555555", "width": 2},
            }
        )
        annotations.append(
            {
                "text": f"<i>{label_text(_(OUTSIDE_GROUP).lower())}</i> ↓",
                "x": 0,
                "xref": "paper",
                "y": n_network - 0.5,
                "xanchor": "right",
                "yanchor": "middle",
                "xshift": -6,
                "showarrow": False,
                "font": {"size": 13, "color": "#555555"},
            }
        )
    # Shapes, annotations and axes in the figure's first layout, the rest after the shared
    # style: every separate update re-validates the whole layout.
    fig = go.Figure(
        data=[heatmap],
        layout={
            "shapes": shapes,
            "annotations": annotations,
            "xaxis": {
                "title": {"text": _("taken up by (host city)")},
                "showgrid": False,
                "automargin": True,
                **_ticks(x, cities),
            },
            "yaxis": {
                "title": {"text": _("passed on by (city or place)")},
                **_ticks(y, rows),
                "autorange": "reversed",
                "showgrid": False,
                "ticksuffix": "  ",
                "automargin": True,
            },
        },
    )
    title = wrap_title(label_text(matrix_title(transfers)), TITLE_WIDTH)
    top = _title_space(title)
    style(fig, title, height=max(320, 34 * n_rows + top + 110), legend=False)
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": top, "b": 10},
        title={"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 14}},
    )
    return fig


@dataclass(frozen=True)
class TransfersView:
    """What the Transfers page shows for the sidebar filters. The flow (the first view) is
    made at once; each other tab's parts the first time it reads them: at 3,000 cities the
    city matrix alone took most of the page's first run."""

    transfers: pd.DataFrame
    """The transfers the filters keep."""
    flow: Chart | None
    """The flow from origin to practice to the city that took it up (None: no transfer kept)."""
    tables: Tables = source()
    """The tables the closed tabs are made from."""
    filters: Filters = source()
    """The sidebar filters the closed tabs are made for."""

    @cached_property
    def matrix(self) -> Chart | None:
        """Transfers from city to city, counted (None: no transfer kept)."""
        if self.transfers.empty:
            return None
        counts = transfer_matrix(self.transfers, self.tables.cities)
        return Chart(matrix_figure(counts, self.transfers), matrix_numbers(counts))

    @cached_property
    def outside(self) -> Listing:
        """The practices taken up from outside the network."""
        return Listing(outside_sentence(self.transfers), outside_table(self.transfers, self.tables.practices))

    @cached_property
    def parallel(self) -> Listing:
        """The testing actions run side by side in several cities (no table when none is)."""
        groups = parallel_groups(self.tables.parallel_testing, self.tables.actions, self.filters)
        return Listing(
            parallel_sentence(groups), parallel_table(groups, self.tables.actions) if groups else None
        )


def transfers_view(tables: Tables, filters: Filters) -> TransfersView:
    """What the Transfers page shows for the sidebar filters: the transfers they keep, the
    flow and the matrix with their numbers (None when no transfer is kept), the practices
    from outside the network and the testing actions run side by side.

    Built once per data load and filters (ui.data.cached_view) and shared by every
    session: callers must not modify it.
    """
    transfers = filter_transfers(tables.transfers, tables.actions, filters)
    flow = None if transfers.empty else Chart(flow_figure(transfers), flow_numbers(transfers))
    return TransfersView(transfers, flow, tables, filters)
