"""The figures of progress (one plotly builder per chart) and the page view that puts them
beside their tables; the tables and findings come from analysis/progress.py.

Following the plans: indicators against their targets, as of a given day."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analysis.frames import Tables
from analysis.progress import (
    DUE,
    STATUS_COLUMNS,
    _year_bounds,
    indicator_table,
    periods_finding,
    planned_actions,
    readable,
    share_on_track,
    share_title,
    status_label,
    summary,
    unreported_actions,
)
from figures.theme import TITLE_WIDTH, style, wrap_title
from words import clipped, label_text
from words.i18n import _, pgettext

STATUS_COLOURS = {
    "achieved": "#009E73",
    "on track": "#56B4E9",
    "behind": "#E69F00",
    "not reached": "#D55E00",
    "no report yet": "#BBBBBB",
    "not started": "#DDDDDD",
    "no numeric target": "#EEEEEE",
}

# Colour is never the only cue: each status also has its own fill pattern (and the
# legend, the hover and the table name it).
STATUS_PATTERNS = {"achieved": "", "on track": "/", "behind": "x", "not reached": "-", "no report yet": "."}


def share_figure(shares: pd.DataFrame, tables: Tables, today: datetime.date) -> go.Figure | None:
    """Indicators by status, first all of them (each once), then per intervention, as
    stacked bars with the count on each part. None when no indicator is due: a page then
    says so in a sentence instead of drawing an empty chart."""
    known = shares[shares["Indicators"] > 0]
    if known.empty or known.iloc[0]["intervention"] != "all":
        return None
    fig = go.Figure()
    for status in DUE:
        counts = known[STATUS_COLUMNS[status]]
        fig.add_bar(
            name=status_label(status),
            y=known["Intervention"],
            x=counts,
            orientation="h",
            marker={
                "color": STATUS_COLOURS[status],
                "pattern": {
                    "shape": STATUS_PATTERNS[status],
                    "fillmode": "overlay",
                    "fgcolor": "#444444",
                    "solidity": 0.15,
                },
                "line": {"color": "white", "width": 1},
            },
            text=[str(n) if n else "" for n in counts],
            textposition="inside",
            insidetextanchor="middle",
            textfont={"color": "#222222"},
            hovertemplate=_("{intervention}: {n} {status}")
            .replace("{intervention}", "%{y}")
            .replace("{n}", "%{x}")
            .replace("{status}", status_label(status))
            + "<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        xaxis={
            "title": _("indicators"),
            "rangemode": "tozero",
            "dtick": 5 if known["Indicators"].max() > 12 else 1,
        },
        yaxis={"autorange": "reversed", "title": "", "ticksuffix": " "},
    )
    style(fig, wrap_title(share_title(shares, today), 64), height=240 + 50 * len(known))
    # Room above the plot for a legend of five statuses on up to three rows (a narrow window,
    # or longer words than English's), so that it never runs into the title.
    fig.update_layout(margin={"t": fig.layout.margin.t + 40})
    return fig


def periods_figure(tables: Tables, today: datetime.date, city: str | None = None) -> go.Figure:
    """The plan actions' planned years as bars, with today as a line, titled with
    analysis.progress.periods_finding."""
    actions = planned_actions(tables, city)
    timed = actions[actions["start_year"].notna()]
    fig = go.Figure()
    labels, starts, lengths, hover = [], [], [], []
    for a in timed.itertuples():
        start, end = _year_bounds(a.start_year, a.end_year if not pd.isna(a.end_year) else a.start_year)
        # plotly reads a few tags in text: what comes from the data is escaped, and cut
        name = label_text(_("{city}: {action}").format(city=a.city_name, action=a.title))
        labels.append(clipped(name, 70))
        starts.append(start.isoformat())
        lengths.append((end - start).days * 24 * 3600 * 1000)
        hover.append(f"{clipped(name, 200)}<br>{start.year}–{end.year}")
    fig.add_bar(
        y=labels,
        x=lengths,
        base=starts,
        orientation="h",
        marker={"color": "#4292C6"},
        hovertext=hover,
        hoverinfo="text",
    )
    fig.add_shape(
        type="line",
        x0=today.isoformat(),
        x1=today.isoformat(),
        y0=0,
        y1=1,
        yref="paper",
        line={"color": "#D55E00", "width": 2, "dash": "dash"},
    )
    # One word over the line: the day itself is in the title ("... by 7 December 2026"), and a
    # narrow plot (long action names at 1024 px) has no room for it on either side of the line.
    fig.add_annotation(
        x=today.isoformat(),
        y=1,
        yref="paper",
        text=pgettext("the day shown, over its line on the timeline", "today"),
        showarrow=False,
        yanchor="bottom",
    )
    title = periods_finding(tables, today, city)
    # A tick at each new year, written as the year: plotly's own date ticks are English
    # ("Jan 2026") in every language, and plans are timed in years.
    years = sorted({int(s[:4]) for s in starts} | {int(today.year)})
    if starts:
        last = max(
            int(s[:4]) + round(n / (365.25 * 24 * 3600 * 1000)) for s, n in zip(starts, lengths, strict=True)
        )
        years = list(range(years[0], max(years[-1], last) + 1))
    fig.update_layout(
        xaxis={
            "type": "date",
            "title": "",
            "tickvals": [f"{year}-01-01" for year in years],
            "ticktext": [str(year) for year in years],
        },
        yaxis={"autorange": "reversed", "title": ""},
    )
    style(fig, wrap_title(title, TITLE_WIDTH), height=180 + 34 * max(len(labels), 1), legend=False)
    return fig


@dataclass(frozen=True)
class ProgressView:
    """What the Progress page shows for one day and city."""

    table: pd.DataFrame
    """One row per indicator of the actions shown, with its state on the day."""
    readable: pd.DataFrame
    """The indicator table in the page's words and order."""
    unreported: pd.DataFrame
    """The actions whose indicators no report has reached yet."""
    summary: str
    """The sentence above the page: how many indicators are on track."""
    shares: pd.DataFrame
    """The share of indicators on track per intervention."""
    share_figure: go.Figure | None
    """The shares' chart (None when no indicator is due: the page says so in words)."""
    periods_figure: go.Figure
    """The actions' reporting periods on a time line."""


def progress_view(tables: Tables, today: datetime.date, city: str | None) -> ProgressView:
    """Everything the Progress page shows for one day and city (None: every city)."""
    table = indicator_table(tables, today, city)
    shares = share_on_track(table, tables)
    return ProgressView(
        table=table,
        readable=readable(table),
        unreported=unreported_actions(table),
        summary=summary(table, today),
        shares=shares,
        share_figure=share_figure(shares, tables, today),
        periods_figure=periods_figure(tables, today, city),
    )
