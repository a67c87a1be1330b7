"""The figures of budgets (one plotly builder per chart) and the page view that puts them
beside their tables; the tables and findings come from analysis/budgets.py.

Budgets: what the plans spend, on what, when, and what is not known."""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.budgets import (
    BREAKDOWNS,
    STATUS_LABELS,
    _approximate,
    _city_order,
    _source_names,
    _years,
    action_label,
    apart_actions,
    apart_numbers,
    apart_title,
    budget_by_category,
    budget_by_city,
    category_numbers,
    category_title,
    city_numbers,
    city_title,
    coverage_sentence,
    figure_notes,
    funding_by_source,
    funding_numbers,
    funding_title,
    headline,
    largest_budget_finding,
    per_head,
    separator,
    summed_actions,
    timed_actions,
    timeline_numbers,
    timeline_title,
    timing_unknown_table,
    treemap_numbers,
    unknown_budget_table,
)
from analysis.frames import PLAN_KIND, filter_actions
from figures.overview import COUNT_TICKS
from figures.parts import Chart, source
from figures.theme import style, wrap_title
from models.vocabulary import Vocabulary
from words import clipped, euros, inhabitants, label_text, number
from words.i18n import N_, _, ngettext, pgettext

# The kind of an action in the timeline's hover ('2024–2026, plan action').
TIMELINE_KIND = {"iap_action": N_("plan action"), "testing_action": N_("testing action"), "idea": N_("idea")}

CITY_NODE_COLOUR = "#F2F2F2"  # the city level of the treemap: a frame, not data

TITLE_WIDTH = 64  # characters per title line: fits a chart about 650 px wide

NOTE_COLOUR = "#666666"  # words such as "budget unknown" inside a figure: readable grey text


def finish(
    fig: go.Figure, title: str, *, body: int, legend: bool = True, panels: bool = False, legend_rows: int = 1
) -> go.Figure:
    """The shared look, with room at the top for a title of any number of lines, the
    legend under it and panel titles under that: nothing overlaps.

    `title` is plain text (escaped here); `body` is the height of the plot itself.
    """
    wrapped = wrap_title(label_text(title), TITLE_WIDTH)
    lines = wrapped.count("<br>") + 1
    title_room = 18 + 25 * lines
    top = title_room + (26 * legend_rows + 6 if legend else 0) + (30 if panels else 0)
    height = top + body
    fig = style(fig, wrapped, height=height, legend=legend)
    fig.update_layout(
        title={"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 12}},
        margin={"t": top},
        legend={
            "yref": "container",
            "y": 1 - (title_room + 4) / height,
            "yanchor": "top",
            "xref": "container",
            "x": 0.01,
            "traceorder": "normal",
        },
    )
    return fig


def _label_room(fig: go.Figure, labels) -> go.Figure:
    """A left margin wide enough for the longest y label. Plotly's own measure (automargin)
    runs before the page's web font is in place and falls a few characters short."""
    lines = [line for label in labels for line in str(label).split("<br>")]  # a label's longest line
    longest = max((len(html.unescape(line)) for line in lines), default=0)
    fig.update_layout(margin={"l": min(330, 20 + 7 * longest)})
    fig.update_yaxes(automargin=False)
    return fig


def _euro_pattern() -> tuple[str, str]:
    """The words before and after an amount of euros in a chart: ('€', '') in English,
    ('', ' €') in French."""
    before, _amount, after = pgettext("an amount of euros in a chart", "€{amount}").partition("{amount}")
    return before, after


def _euro(spec: str) -> str:
    """A plotly amount in euros for a hover: '€%{x:,.0f}' ('%{x:,.0f} €' in French)."""
    before, after = _euro_pattern()
    return f"{before}{spec}{after}"


def _money_axis(
    fig: go.Figure, peak: float | None, pad: float, title: str, *, decimals: int = 0, **where
) -> None:
    """An x axis in euros from 0, with room for the words beside the longest bar; with
    nothing drawn (peak None) no tick labels, so nothing suggests an amount of €0."""
    if peak is None:
        fig.update_xaxes(title=title, range=[0, 1], showticklabels=False, showgrid=False, **where)
        return
    prefix, suffix = _euro_pattern()
    # The sign where the language writes it: before the figure in English, after it in French.
    if suffix:
        where = {**where, "ticksuffix": suffix}
    fig.update_xaxes(
        title=title,
        range=[0, peak * pad],
        tickprefix=prefix,
        tickformat=f",.{decimals}f",
        showgrid=True,
        gridcolor="#E5E5E5",
        **where,
    )


def is_empty(fig: go.Figure) -> bool:
    """True for a figure with nothing drawn (only its message)."""
    return not fig.data


def title_text(fig: go.Figure) -> str:
    """A figure's title as plain text (no line breaks, no escapes)."""
    return html.unescape((fig.layout.title.text or "").replace("<br>", " "))


def _empty_figure(title: str, message: str, height: int = 150) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(
        text=label_text(message),
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"color": NOTE_COLOUR},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return finish(fig, title, body=height, legend=False)


def city_figure(
    actions: pd.DataFrame, by_city: pd.DataFrame, vocab: Vocabulary, *, per_inhabitant: bool = False
) -> go.Figure:
    """Plan money per city (or per inhabitant), stacked by primary intervention.

    A city with no known budget gets no bar: the words 'budget unknown (n plan actions)'
    stand at its row instead. Likewise 'population unknown' in the per-inhabitant view.
    """
    value = "per_inhabitant" if per_inhabitant else "total"
    if by_city.empty:
        return _empty_figure(_("No city shown"), _("No city shown"))
    rows = _city_order(by_city, value)
    if per_inhabitant:
        labels = [
            label_text(name)
            if pop is pd.NA
            else _("{city} (pop. {population})").format(city=label_text(name), population=inhabitants(pop, a))
            for name, pop, a in zip(rows["city_name"], rows["population"], _approximate(rows), strict=True)
        ]
    else:
        labels = [label_text(n) for n in rows["city_name"]]
    label_of = dict(zip(rows["city"], labels, strict=True))
    fig = go.Figure()
    summed = summed_actions(actions)
    summed = summed[summed["city"].isin(rows.loc[rows[value].notna().astype(bool), "city"])]
    colours = vocab.colours("interventions")
    names = vocab.labels("interventions")
    population = dict(zip(rows["city"], rows["population"], strict=True))
    approximate = dict(zip(rows["city"], _approximate(rows), strict=True))
    for iv in vocab.ids("interventions"):
        part = summed[summed["primary_intervention"] == iv]
        if part.empty:
            continue
        money = part.groupby("city", sort=False)["budget_eur"].sum()
        xs = [float(v) / (float(population[c]) if per_inhabitant else 1.0) for c, v in money.items()]
        fig.add_bar(
            y=[label_of[c] for c in money.index],
            x=xs,
            orientation="h",
            name=names[iv],
            marker_color=colours[iv],
            hovertemplate=(
                "%{y}<br>"
                + _("{intervention} (primary): {amount}").format(
                    intervention=names[iv],
                    amount=_("{amount} per inhabitant").format(amount=_euro("%{x:,.2f}"))
                    if per_inhabitant
                    else _euro("%{x:,.0f}"),
                )
                + "<extra></extra>"
            ),
        )
    # The figure beside each bar, and the words where there is no bar.
    peak = float(rows[value].max()) if rows[value].notna().any() else None
    ys, xs, words = [], [], []
    for row in rows.itertuples(index=False):
        v = getattr(row, value)
        if v is not pd.NA:
            word = per_head(v, approximate[row.city]) if per_inhabitant else euros(float(v))
            if row.unknown or row.apart:
                word += _(" + {n} unknown").format(n=row.unknown + row.apart)
            xs.append(float(v))
        else:
            xs.append(0.0)
            if row.plan_actions == 0:
                word = _("no plan action shown")
            elif row.known == 0:
                word = ngettext(
                    "budget unknown ({n} plan action)", "budget unknown ({n} plan actions)", row.plan_actions
                ).format(n=number(row.plan_actions))
            else:
                word = _("population unknown ({money} known)").format(money=euros(float(row.total)))
        ys.append(label_of[row.city])
        words.append(word)
    _note_words(fig, ys, xs, words)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(categoryorder="array", categoryarray=ys, autorange="reversed", title=None)
    _money_axis(
        fig,
        peak,
        _word_room(xs, words, peak, 1.45),
        _("EUR per inhabitant (plan total ÷ population)") if per_inhabitant else _("EUR (plan total)"),
        decimals=2 if per_inhabitant else 0,
    )
    title = city_title(by_city, per_inhabitant=per_inhabitant)
    fig = finish(fig, title, body=70 + 38 * len(rows))
    fig.update_layout(margin={"r": 30})
    return fig


def _wrap_label(label: str, width: int = 16, lines: int = 4) -> str:
    """A treemap label over a few short lines (plotly does not wrap treemap text)."""
    wrapped = wrap_title(label_text(label), width).split("<br>")
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = clipped(wrapped[-1] + " …", width)
    return "<br>".join(wrapped)


# Below this share of the whole treemap, an action's box is too narrow for its title in a
# laptop's window (the title's longest word alone is wider than the box).
SHORT_LABEL_SHARE = 0.12
# Below this share, even the number and amount do not fit a laptop's box (two lines of 12-pixel
# type, 74x40 pixels at 1024x768): the action's box shows its number alone, and an
# intervention with that one action only gets no box of its own (see treemap_figure).
TINY_LABEL_SHARE = 0.04


def _short_label(number) -> str:
    """'4.' for an action numbered 4; '' for one without a number (its title stays)."""
    return "" if action_label(number, "") == "" else action_label(number, "").strip()


def treemap_figure(actions: pd.DataFrame, by_city: pd.DataFrame, vocab: Vocabulary) -> go.Figure:
    """City → primary intervention → action, sized by planned plan money."""
    title = largest_budget_finding(actions, by_city)
    summed = summed_actions(actions)
    if summed.empty:
        return _empty_figure(title, _("No plan action shown has a known budget: nothing to draw."))
    colours = vocab.colours("interventions")
    names = vocab.labels("interventions")
    funding = _source_names(vocab)
    ids, labels, parents, values, marker, hover = [], [], [], [], [], []
    # Each action's label, value and hover text made once, column by column (no row objects:
    # walking the groups with itertuples took a third of the page at 300 cities); a group
    # then takes its rows' entries by position.
    summed = summed.reset_index(drop=True)
    action_labels = [action_label(n, t) for n, t in zip(summed["number"], summed["title"], strict=True)]
    row_ids = summed["id"].tolist()
    row_labels = [_wrap_label(label) for label in action_labels]
    row_values = [float(v) for v in summed["budget_eur"]]
    row_hover = [
        f"{label_text(label)}<br>"
        + _("interventions: {interventions}").format(interventions=label_text(ivs))
        + "<br>"
        + _("funding: {sources}").format(sources=label_text(funding(sources)))
        for label, ivs, sources in zip(
            action_labels, summed["interventions_label"], summed["funding_sources"], strict=True
        )
    ]
    # Split once (not filtered per city and intervention: a second at 300 cities); each
    # group keeps its rows' order, so the sort below gives the same order as a filter would.
    groups = {
        key: group.sort_values("budget_eur", ascending=False)
        for key, group in summed.groupby(["city", "primary_intervention"], sort=False)
    }
    whole = float(sum(row_values))
    short = dict(zip(row_ids, [_short_label(n) for n in summed["number"]], strict=True))

    def alone_under_city(rows: list[int]) -> bool:
        return (
            len(rows) == 1
            and bool(short[row_ids[rows[0]]])
            and row_values[rows[0]] < TINY_LABEL_SHARE * whole
        )

    for city, part in summed.groupby("city", sort=False):
        city_name = part["city_name"].iloc[0]
        ids.append(city)
        labels.append(label_text(city_name))
        parents.append("")
        values.append(float(part["budget_eur"].sum()))
        marker.append(CITY_NODE_COLOUR)
        hover.append(
            ngettext(
                "{city}: plan total of {n} action", "{city}: plan total of {n} actions", len(part)
            ).format(city=label_text(city_name), n=number(len(part)))
        )
        for iv in vocab.ids("interventions"):
            mine = groups.get((city, iv))
            if mine is None:
                continue
            rows = mine.index.tolist()
            if alone_under_city(rows):
                # One small action: no box for its intervention (plotly keeps a band at the top
                # of such a box for its name, which does not fit, and leaves the action a sliver
                # with no word); the action sits under its city, in its intervention's colour.
                i = rows[0]
                ids.append(row_ids[i])
                labels.append(row_labels[i])
                parents.append(city)
                values.append(row_values[i])
                marker.append(colours[iv])
                hover.append(row_hover[i])
                continue
            node = f"{city}/{iv}"
            ids.append(node)
            labels.append(names[iv])
            parents.append(city)
            values.append(float(mine["budget_eur"].sum()))
            marker.append(colours[iv])
            hover.append(
                ngettext(
                    "{intervention} (primary intervention), {n} action",
                    "{intervention} (primary intervention), {n} actions",
                    len(mine),
                ).format(intervention=names[iv], n=number(len(mine)))
            )
            ids += [row_ids[i] for i in rows]
            labels += [row_labels[i] for i in rows]
            parents += [node] * len(rows)
            values += [row_values[i] for i in rows]
            marker += [colours[iv]] * len(rows)
            hover += [row_hover[i] for i in rows]
    # A small box holds the action's number and amount, not its title: plotly hides a label
    # that does not fit its box (uniformtext below), and a box with no word at all tells
    # nothing; the hover and the table give the title.
    full = "<b>%{label}</b><br>" + _euro("%{value:,.0f}") + " (%{percentRoot:.0%})"

    def template(node: str, value: float) -> str:
        if short.get(node):
            if value < TINY_LABEL_SHARE * whole:
                return f"<b>{short[node]}</b>"
            if value < SHORT_LABEL_SHARE * whole:
                return f"<b>{short[node]}</b><br>" + _euro("%{value:,.0f}")
        return full

    templates = [template(node, value) for node, value in zip(ids, values, strict=True)]
    fig = go.Figure(
        go.Treemap(
            ids=ids,
            labels=labels,
            parents=parents,
            values=values,
            branchvalues="total",
            marker={"colors": marker, "line": {"color": "white", "width": 2}},
            customdata=hover,
            texttemplate=templates,
            hovertemplate="<b>%{label}</b><br>" + _euro("%{value:,.0f}") + "<br>%{customdata}<extra></extra>",
            pathbar={"visible": True},
            tiling={"pad": 3},
            sort=True,
            maxdepth=3,
        )
    )
    fig = finish(fig, title, body=460, legend=False)
    # A label too small to read is hidden (the hover and the table still give it).
    fig.update_layout(uniformtext={"minsize": 12, "mode": "hide"})
    return fig


def category_figure(actions: pd.DataFrame, vocab: Vocabulary, by: str) -> go.Figure:
    """Horizontal bars of plan money per category; a category whose money is unknown gets
    words, not a bar."""
    table = budget_by_category(actions, vocab, by)
    summed = summed_actions(actions)
    total = float(summed["budget_eur"].sum()) if len(summed) else pd.NA
    title = category_title(table, by, total)
    fig = go.Figure()
    # The axis label carries the counts; beside the bar stands the amount (or why none).
    ticks = {
        row.id: f"{label_text(row.label)}<br>"
        + _("{known} known, {unknown} unknown").format(known=row.known, unknown=row.unknown)
        for row in table.itertuples(index=False)
    }
    table = table.assign(tick=table["id"].map(ticks))
    drawn = table[table["budget"].notna().astype(bool)]
    fig.add_bar(
        y=drawn["tick"],
        x=drawn["budget"].astype(float),
        orientation="h",
        marker_color=list(drawn["colour"]),
        customdata=drawn[["label", "known", "cities"]].to_numpy(),
        hovertemplate=(
            _("{category}: {amount}")
            .replace("{category}", "%{customdata[0]}")
            .replace("{amount}", _euro("%{x:,.0f}"))
            + "<br>"
            + _("{n} plan actions ({cities})")
            .replace("{n}", "%{customdata[1]}")
            .replace("{cities}", "%{customdata[2]}")
            + "<extra></extra>"
        ),
        showlegend=False,
    )
    words = [
        euros(float(row.budget))
        if row.budget is not pd.NA
        else (_("none known") if row.unknown else _("no plan action"))
        for row in table.itertuples(index=False)
    ]
    xs = [0.0 if v is pd.NA else float(v) for v in table["budget"]]
    _note_words(fig, table["tick"], xs, words)
    fig.update_yaxes(categoryorder="array", categoryarray=list(table["tick"]), autorange="reversed")
    _money_axis(
        fig,
        max(xs) if max(xs) > 0 else None,
        _word_room(xs, words, max(xs), 1.35),
        _("EUR (planned budget, counted in each group reached)")
        if by == "beneficiary"
        else _("EUR (planned budget)"),
    )
    # French counts ("budget connu : 1, inconnu : 6") run past plotly's own measure
    return _label_room(finish(fig, title, body=70 + 46 * len(table), legend=False), table["tick"])


def funding_figure(table: pd.DataFrame, vocab: Vocabulary) -> go.Figure:
    """Two panels, kept apart: planned money per source (EUR) and how many estimated
    costs (ideas) name each source as possible (number)."""
    colours = vocab.colours("funding_sources")
    if not (table["planned_actions"].sum() or table["possible_actions"].sum()):
        return _empty_figure(funding_title(table), _("No action shown names a funding source."))
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.04,
        # Each panel is half of a window that may be 1024 px wide: its title on two lines if need be.
        subplot_titles=(
            wrap_title(_("Planned (EUR)"), 18),
            wrap_title(_("Possible (number of estimates)"), 18),
        ),
    )
    drawn = table[table["planned_eur"].notna().astype(bool)]
    fig.add_bar(
        y=drawn["label"],
        x=drawn["planned_eur"].astype(float),
        orientation="h",
        marker_color=[colours[s] for s in drawn["id"]],
        text=[euros(float(v)) for v in drawn["planned_eur"]],
        textposition="outside",
        cliponaxis=False,
        customdata=drawn["planned_actions"],
        hovertemplate=_("{source}: {amount} planned, {n} plan actions")
        .replace("{source}", "%{y}")
        .replace("{amount}", _euro("%{x:,.0f}"))
        .replace("{n}", "%{customdata}")
        + "<extra></extra>",
        showlegend=False,
        row=1,
        col=1,
    )
    possible = table[table["possible_actions"] > 0]
    hover = [
        separator().join(
            p
            for p in (
                _("{money} whole period").format(money=euros(float(t))) if t is not pd.NA else "",
                _("{money} per year").format(money=euros(float(y))) if y is not pd.NA else "",
            )
            if p
        )
        for t, y in zip(possible["possible_total_eur"], possible["possible_per_year_eur"], strict=True)
    ]
    fig.add_bar(
        y=possible["label"],
        x=possible["possible_actions"],
        orientation="h",
        marker_color=[colours[s] for s in possible["id"]],
        marker_pattern_shape="/",
        marker_pattern_fgcolor="white",
        marker_pattern_fillmode="overlay",
        text=possible["possible_actions"],
        textposition="outside",
        cliponaxis=False,
        customdata=hover,
        # A label and its number (plotly fills the count in): no form to agree with it.
        hovertemplate=_("{source} – estimates: {n} ({amounts})")
        .replace("{source}", "%{y}")
        .replace("{n}", "%{x}")
        .replace("{amounts}", "%{customdata}")
        + "<extra></extra>",
        showlegend=False,
        row=1,
        col=2,
    )
    order = list(table["label"])
    fig.update_yaxes(categoryorder="array", categoryarray=order, autorange="reversed")
    planned_peak = float(drawn["planned_eur"].max()) if len(drawn) else None
    _money_axis(fig, planned_peak, 1.3, _("EUR (plan total)"), row=1, col=1)
    if possible.empty:
        fig.update_xaxes(title=_("number of estimates"), showticklabels=False, range=[0, 1], row=1, col=2)
    else:
        peak = int(possible["possible_actions"].max())
        fig.update_xaxes(title=_("number of estimates"), dtick=1, range=[0, peak * 1.15], row=1, col=2)
        if peak > COUNT_TICKS:
            fig.update_xaxes(dtick=None, row=1, col=2)  # plotly's own steps above a few estimates
    # Panel titles start where their panel starts.
    for annotation, domain in zip(
        fig.layout.annotations, (fig.layout.xaxis.domain, fig.layout.xaxis2.domain), strict=True
    ):
        annotation.update(x=domain[0], xanchor="left", font_size=15)
    for col, empty, words in (
        (1, drawn.empty, _("no planned funding known")),
        (2, possible.empty, _("no estimate names a source")),
    ):
        if empty:
            fig.add_annotation(
                text=words,
                x=0.5,
                y=0.5,
                xref=f"x{col if col > 1 else ''} domain",
                yref="y domain",
                showarrow=False,
                font={"color": NOTE_COLOUR},
            )
    fig = finish(fig, funding_title(table), body=80 + 40 * len(table), legend=False, panels=True)
    return fig


def apart_figure(actions: pd.DataFrame, vocab: Vocabulary) -> go.Figure:
    """The known amounts outside the plan totals, one panel per basis (a per-year amount
    never shares an axis with a whole-period one)."""
    rows = apart_actions(actions)
    title = apart_title(actions)
    if rows.empty:
        return _empty_figure(title, _("No idea or other action shown has an estimated cost."))
    bases = [b for b in ("plan_total", "per_year") if (rows["budget_basis"] == b).any()]
    counts = [int((rows["budget_basis"] == b).sum()) for b in bases]
    # Panels stacked (one per basis), so each keeps the full width on a narrow screen.
    gap = 120
    plots = [30 + 44 * n for n in counts]
    body = sum(plots) + gap * (len(bases) - 1) + 60
    fig = make_subplots(
        rows=len(bases),
        cols=1,
        row_heights=plots,
        vertical_spacing=gap / body,
        subplot_titles=[
            _("Estimated for the whole period (EUR)")
            if b == "plan_total"
            else _("Estimated per year (EUR per year)")
            for b in bases
        ],
    )
    colours = vocab.colours("interventions")
    seen = set()
    for panel, basis in enumerate(bases, start=1):
        part = rows[rows["budget_basis"] == basis].sort_values("budget_eur", ascending=False)
        for iv in vocab.ids("interventions"):
            mine = part[part["primary_intervention"] == iv]
            if mine.empty:
                continue
            labels = [
                label_text(clipped(f"{c} · {action_label(n, t)}", 34))
                for c, n, t in zip(mine["city_name"], mine["number"], mine["title"], strict=True)
            ]
            yearly = basis != "plan_total"
            fig.add_bar(
                y=labels,
                x=mine["budget_eur"].astype(float),
                orientation="h",
                name=vocab.label("interventions", iv),
                legendgroup=iv,
                showlegend=iv not in seen,
                marker_color=colours[iv],
                text=[
                    _("{money} per year").format(money=euros(float(v))) if yearly else euros(float(v))
                    for v in mine["budget_eur"]
                ],
                textposition="outside",
                cliponaxis=False,
                customdata=[
                    f"{label_text(k)}, {_(STATUS_LABELS[s]) if s in STATUS_LABELS else s}"
                    for k, s in zip(mine["kind_label"], mine["budget_status"], strict=True)
                ],
                hovertemplate="%{y}<br>"
                + (
                    _("{money} per year").replace("{money}", _euro("%{x:,.0f}"))
                    if yearly
                    else _euro("%{x:,.0f}")
                )
                + "<br>%{customdata}<extra></extra>",
                row=panel,
                col=1,
            )
            seen.add(iv)
        fig.update_yaxes(autorange="reversed", row=panel, col=1)
        _money_axis(
            fig,
            float(part["budget_eur"].max()),
            2.0,
            _("EUR") if basis == "plan_total" else _("EUR per year"),
            row=panel,
            col=1,
        )
    fig.update_annotations(x=0, xref="paper", xanchor="left", font_size=15)
    fig = finish(fig, title, body=body, panels=True)
    return _label_room(fig, [y for trace in fig.data for y in trace.y])


def timeline_figure(actions: pd.DataFrame, vocab: Vocabulary) -> go.Figure:
    """One bar per action from its start to its end year, coloured by primary intervention;
    actions that are not in a plan (testing actions, ideas) are hatched."""
    rows = timed_actions(actions)
    title = timeline_title(actions)
    if rows.empty:
        return _empty_figure(title, _("No action shown has a known start and end year."))
    labels = []
    for row in rows.itertuples(index=False):
        labels.append(label_text(clipped(f"{row.city_name} · {action_label(row.number, row.title)}", 34)))
    rows = rows.assign(_label=labels)
    colours = vocab.colours("interventions")
    fig = go.Figure()
    for iv in vocab.ids("interventions"):
        mine = rows[rows["primary_intervention"] == iv]
        if mine.empty:
            continue
        start = mine["start_year"].astype(float)
        end = mine["end_year"].astype(float)
        fig.add_bar(
            y=mine["_label"],
            base=start - 0.45,
            x=end - start + 0.9,
            orientation="h",
            name=vocab.label("interventions", iv),
            marker_color=colours[iv],
            marker_pattern_shape=["" if k == PLAN_KIND else "/" for k in mine["kind"]],
            marker_pattern_fgcolor="white",
            marker_pattern_fillmode="overlay",
            customdata=[
                f"{_years(s, e)}, {_(TIMELINE_KIND[k]) if k in TIMELINE_KIND else f'{k} action'}"
                for s, e, k in zip(mine["start_year"], mine["end_year"], mine["kind"], strict=True)
            ],
            hovertemplate="%{y}<br>%{customdata}<extra></extra>",
        )
    first = int(rows["start_year"].min())
    last = int(rows["end_year"].max())
    fig.update_xaxes(
        title=_("Year"),
        range=[first - 0.6, last + 0.6],
        dtick=1,
        tickformat="d",
        showgrid=False,
    )
    fig.update_yaxes(categoryorder="array", categoryarray=list(rows["_label"]), autorange="reversed")
    fig.update_layout(barmode="overlay", bargap=0.3)
    # Long action names leave a narrow plot: its legend may wrap onto a second row.
    fig = finish(fig, title, body=80 + 34 * len(rows), legend_rows=2)
    return _label_room(fig, labels)


@dataclass(frozen=True)
class BudgetsView:
    """What the Budgets page shows for one choice of filters: words, headline numbers, and
    each figure with the table behind it. The first view's parts (the headline and the
    treemap) are made at once; each tab's the first time it is read: at 300 cities the
    tabs' eight figures were two thirds of the page's first run."""

    coverage: str
    """How much of the budgets is known, in one sentence."""
    headline: dict
    """The few numbers the page opens with (analysis.budgets.headline)."""
    notes: dict[str, str]
    """What each figure rests on, one caption per figure (by the figure's name)."""
    unknown: pd.DataFrame
    """The actions whose budget is unknown."""
    treemap: Chart
    """The plan budgets by city and intervention."""
    actions: pd.DataFrame = source()
    """The actions shown, which the closed tabs are made from."""
    by_city: pd.DataFrame = source()
    """The budgets summed per shown city, which the closed tabs are made from."""
    vocab: Vocabulary = source()
    """The model's vocabulary, for the closed tabs' names and colours."""

    @cached_property
    def city(self) -> dict[bool, Chart]:
        """Plan budgets per city: in euros (False) and per inhabitant (True)."""
        return {
            per: Chart(
                city_figure(self.actions, self.by_city, self.vocab, per_inhabitant=per),
                city_numbers(self.by_city),
            )
            for per in (False, True)
        }

    @cached_property
    def category(self) -> dict[str, Chart]:
        """Plan budgets per breakdown (analysis.budgets.BREAKDOWNS)."""
        return {
            by: Chart(
                category_figure(self.actions, self.vocab, by),
                category_numbers(budget_by_category(self.actions, self.vocab, by), by),
            )
            for by in BREAKDOWNS
        }

    @cached_property
    def funding(self) -> Chart:
        """Plan budgets by source of funding."""
        by_source = funding_by_source(self.actions, self.vocab)
        return Chart(funding_figure(by_source, self.vocab), funding_numbers(by_source))

    @cached_property
    def apart(self) -> Chart:
        """The amounts never added to plan totals (ideas' costs, amounts per year)."""
        return Chart(apart_figure(self.actions, self.vocab), apart_numbers(self.actions, self.vocab))

    @cached_property
    def timeline(self) -> Chart:
        """The actions with known timing on a time line."""
        return Chart(timeline_figure(self.actions, self.vocab), timeline_numbers(self.actions))

    @cached_property
    def untimed(self) -> pd.DataFrame:
        """The actions whose timing is unknown."""
        return timing_unknown_table(self.actions)


def budgets_view(tables, filters) -> BudgetsView:
    """Everything the Budgets page shows for the shared filters (the page caches it per
    data load and filters)."""
    cities = tables.cities[tables.cities["id"].isin(filters.cities)] if filters.cities else tables.cities
    actions = filter_actions(tables.actions, filters)
    vocab = tables.vocabulary
    table = budget_by_city(actions, cities)
    return BudgetsView(
        coverage=coverage_sentence(table),
        headline=headline(actions, table),
        notes=figure_notes(actions, table),
        unknown=unknown_budget_table(actions),
        treemap=Chart(treemap_figure(actions, table, vocab), treemap_numbers(actions, vocab)),
        actions=actions,
        by_city=table,
        vocab=vocab,
    )


# The plot of a full-width chart in a 1024-pixel window beside the sidebar, less its row
# labels; the words beside a bar are about 7.5 pixels a character.
NARROW_PLOT = 430

WORD_PIXELS = 7.5


def _word_room(xs, words, peak: float | None, pad: float) -> float:
    """How far past the longest bar the axis must reach (`pad` times it at least) so that
    the words beside every bar ("€48,500 + 1 unknown", in French longer) end inside the
    plot of the narrowest chart."""
    if not peak:
        return pad
    for x, word in zip(xs, words, strict=True):
        share = min(0.6, WORD_PIXELS * (len(word) + 1) / NARROW_PLOT)  # of the plot's width
        pad = max(pad, (x / peak) / (1 - share))
    return pad


def _note_words(fig: go.Figure, ys, xs, words: list[str]) -> None:
    """Grey words at the end of each bar (an amount, "unknown"), never hovered, never clipped."""
    fig.add_scatter(
        y=ys,
        x=xs,
        text=words,
        mode="text",
        textposition="middle right",
        textfont={"color": NOTE_COLOUR},
        showlegend=False,
        hoverinfo="skip",
        cliponaxis=False,
    )
