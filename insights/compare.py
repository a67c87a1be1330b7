"""Two to four cities side by side: grids, counts, budgets, transfers, and what differs.

Plain functions (no streamlit), used by the Compare page. Coverage counts plan actions
only (as the gaps do); unknown budgets stay unknown and are never summed as zero.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from insights.coverage import AXIS_KIND, AXIS_TITLE, GROUP, LEVEL, gap_heatmap, name_key
from insights.frames import PLAN_KIND, Tables, coverage_cells
from insights.theme import style, wrap_title

MIN_CITIES, MAX_CITIES = 2, 4


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _names(tables: Tables, cities) -> dict[str, str]:
    known = dict(zip(tables.cities["id"], tables.cities["name"], strict=True))
    return {c: known[c] for c in cities if c in known}


def covered_cells(tables: Tables, cities) -> dict[str, set[tuple[str, str, str]]]:
    """Per city, the (grid, intervention, cell) its plan actions cover."""
    plan = tables.actions[(tables.actions["kind"] == PLAN_KIND) & tables.actions["city"].isin(list(cities))]
    cells = coverage_cells(plan)
    found: dict[str, set] = {c: set() for c in cities}
    for across in (GROUP, LEVEL):
        for city, intervention, cell in zip(cells["city"], cells["intervention"], cells[across], strict=True):
            found[city].add((across, intervention, cell))
    return found


def comparison_grid(tables: Tables, cities, across: str) -> pd.DataFrame:
    """One row per cell of a grid: how many of the compared cities cover it, and which."""
    vocab = tables.vocabulary
    names = _names(tables, cities)
    covered = covered_cells(tables, names)
    labels = vocab.labels("interventions")
    colours = vocab.colours("interventions")
    rows = []
    for intervention in vocab.ids("interventions"):
        for cell, cell_label in vocab.labels(AXIS_KIND[across]).items():
            who = [names[c] for c in names if (across, intervention, cell) in covered[c]]
            rows.append(
                {
                    "intervention": intervention,
                    "intervention_label": labels[intervention],
                    "colour": colours[intervention],
                    "cell": cell,
                    "cell_label": cell_label,
                    "actions": len(who),  # number of compared cities covering the cell
                    "cities": "; ".join(who) if who else "none of them",
                }
            )
    return pd.DataFrame(rows)


def grid_numbers(table: pd.DataFrame, across: str, tables: Tables, cities) -> pd.DataFrame:
    """The grid as a readable table: one column per city, 'yes' where it covers the cell."""
    names = _names(tables, cities)
    covered = covered_cells(tables, names)
    frame = pd.DataFrame({"Intervention": table["intervention_label"], AXIS_TITLE[across]: table["cell_label"]})
    for city, name in names.items():
        frame[name] = [
            "yes" if (across, i, c) in covered[city] else "gap"
            for i, c in zip(table["intervention"], table["cell"], strict=True)
        ]
    return frame


def grid_title(table: pd.DataFrame, across: str, n_cities: int) -> str:
    everyone = int((table["actions"] == n_cities).sum())
    nobody = int((table["actions"] == 0).sum())
    axis = "beneficiary groups" if across == GROUP else "support levels"
    return (
        f"Interventions × {axis}: all {n_cities} cities cover {everyone} of {len(table)} cells; "
        f"none of them covers {nobody}"
    )


def grid_figure(table: pd.DataFrame, across: str, n_cities: int) -> go.Figure:
    colours = dict(zip(table["intervention_label"], table["colour"], strict=False))
    return gap_heatmap(
        table,
        row="intervention_label",
        col="cell_label",
        title=grid_title(table, across, n_cities),
        noun="cities",
        hover="cities",
        col_title=AXIS_TITLE[across],
        row_colours=colours,
    )


def _money(value) -> str:
    return "unknown" if value is None or pd.isna(value) else f"€{float(value):,.0f}"


def counts_table(tables: Tables, cities) -> pd.DataFrame:
    """One row per compared city: what its plan holds, coverage, known budget, transfers."""
    names = _names(tables, cities)
    covered = covered_cells(tables, names)
    vocab = tables.vocabulary
    n_interventions = len(vocab.ids("interventions"))
    sizes = {across: n_interventions * len(vocab.ids(AXIS_KIND[across])) for across in (GROUP, LEVEL)}
    rows = []
    for city, name in names.items():
        mine = tables.actions[tables.actions["city"] == city]
        plan = mine[mine["kind"] == PLAN_KIND]
        known = plan["budget_eur"].dropna()
        row = tables.cities[tables.cities["id"] == city].iloc[0]
        received = tables.transfers[tables.transfers["to_city"] == city]
        given = tables.transfers[tables.transfers["from_city"] == city]
        rows.append(
            {
                "City": name,
                "IAP document": "entered" if row["iap_entered"] else "not entered",
                "Plan actions": len(plan),
                "Testing actions": int((mine["kind"] == "testing_action").sum()),
                "Ideas": int((mine["kind"] == "idea").sum()),
                "Cells covered (× groups)": f"{sum(1 for g, *_ in covered[city] if g == GROUP)} of {sizes[GROUP]}",
                "Cells covered (× levels)": f"{sum(1 for g, *_ in covered[city] if g == LEVEL)} of {sizes[LEVEL]}",
                "Plan budget known": _money(known.sum()) if len(known) else "unknown",
                "Budgets known": f"{len(known)} of {len(plan)} plan actions",
                "Practices taken": len(received),
                "Practices passed on": len(given),
            }
        )
    return pd.DataFrame(rows)


def interventions_table(tables: Tables, cities) -> pd.DataFrame:
    """Plan actions per city and intervention (long form, every pair present)."""
    names = _names(tables, cities)
    labels = tables.vocabulary.labels("interventions")
    plan = tables.actions[(tables.actions["kind"] == PLAN_KIND) & tables.actions["city"].isin(list(names))]
    rows = []
    for city, name in names.items():
        mine = plan[plan["city"] == city]
        for intervention, label in labels.items():
            rows.append(
                {
                    "City": name,
                    "Intervention": label,
                    "Plan actions": int(mine["interventions"].map(lambda ids, i=intervention: i in ids).sum()),
                }
            )
    return pd.DataFrame(rows)


def interventions_figure(table: pd.DataFrame, tables: Tables) -> go.Figure:
    """Grouped bars: for each intervention, one bar per city."""
    colours = dict(
        zip(tables.vocabulary.labels("interventions").values(), tables.vocabulary.colours("interventions").values(), strict=True)
    )
    fig = go.Figure()
    cities = list(dict.fromkeys(table["City"]))
    shades = ["#1a1a1a", "#6b6b6b", "#a6a6a6", "#d0d0d0"]
    for n, city in enumerate(cities):
        mine = table[table["City"] == city]
        fig.add_bar(
            x=mine["Intervention"],
            y=mine["Plan actions"],
            name=city,
            marker={"color": shades[n % len(shades)], "line": {"color": [colours[i] for i in mine["Intervention"]], "width": 3}},
            text=mine["Plan actions"],
            textposition="outside",
            hovertemplate=f"{city}<br>%{{x}}: %{{y}} plan actions<extra></extra>",
        )
    top = int(table["Plan actions"].max()) if not table.empty else 0
    leader = table.groupby("City", sort=False)["Plan actions"].sum()
    title = "Plan actions per intervention" + (
        f": {leader.idxmax()} has the most ({int(leader.max())} uses)" if len(leader) and leader.max() else ""
    )
    fig.update_layout(barmode="group", yaxis={"title": "plan actions", "range": [0, max(top, 1) * 1.25], "dtick": 1})
    style(fig, wrap_title(title, 80), height=380)
    return fig


def summary(tables: Tables, cities) -> list[str]:
    """Sentences saying what differs between the compared cities."""
    names = _names(tables, cities)
    if len(names) < MIN_CITIES:
        return []
    covered = covered_cells(tables, names)
    vocab = tables.vocabulary
    labels = vocab.labels("interventions")
    cell_labels = {**vocab.labels("beneficiaries"), **vocab.labels("support_levels")}
    sentences = []
    counts = counts_table(tables, names)
    plan = dict(zip(counts["City"], counts["Plan actions"], strict=True))
    ordered = sorted(plan.items(), key=lambda kv: (-kv[1], name_key(kv[0])))
    sentences.append("Plan actions: " + ", ".join(f"{city} {n}" for city, n in ordered) + ".")
    group_cells = {c: {x for x in covered[c] if x[0] == GROUP} for c in names}
    order, groups = vocab.ids("interventions"), vocab.ids("beneficiaries")
    common = set.intersection(*group_cells.values())
    for city, name in names.items():
        others = set().union(*(group_cells[o] for o in names if o != city))
        only = sorted(group_cells[city] - others, key=lambda x: (order.index(x[1]), groups.index(x[2])))
        if only:
            cells = [f"{labels[i]} × {cell_labels[c].lower()}" for _, i, c in only]
            more = f" and {len(cells) - 4} more" if len(cells) > 4 else ""
            sentences.append(f"Only {name} reaches " + ", ".join(cells[:4]) + more + ".")
    total = len(vocab.ids("interventions")) * len(vocab.ids("beneficiaries"))
    sentences.append(f"All {len(names)} reach the same {len(common)} of {total} intervention × group cells.")
    known = {row["City"]: row["Plan budget known"] for _, row in counts.iterrows()}
    unknown = [c for c, v in known.items() if v == "unknown"]
    if len(unknown) == len(known):
        sentences.append("No budget is known for any of them, so budgets cannot be compared yet.")
    elif unknown:
        sentences.append(
            "Budgets: "
            + ", ".join(f"{c} {v}" for c, v in known.items() if v != "unknown")
            + f"; unknown for {_and(unknown)}, so the budgets cannot be compared yet."
        )
    else:
        sentences.append("Budgets known: " + ", ".join(f"{c} {v}" for c, v in known.items()) + ".")
    took = {r["City"]: (r["Practices taken"], r["Practices passed on"]) for _, r in counts.iterrows()}
    sentences.append(
        "Transfers: " + "; ".join(f"{c} took {t} and passed on {g}" for c, (t, g) in took.items()) + "."
    )
    return sentences


def page_view(tables: Tables, cities: tuple[str, ...]) -> dict:
    """Everything the Compare page shows for the chosen cities (built once per choice)."""
    n = len(_names(tables, cities))
    grids = {}
    for across in (GROUP, LEVEL):
        table = comparison_grid(tables, cities, across)
        grids[across] = {"figure": grid_figure(table, across, n), "numbers": grid_numbers(table, across, tables, cities)}
    interventions = interventions_table(tables, cities)
    return {
        "summary": summary(tables, cities),
        "counts": counts_table(tables, cities),
        "grids": grids,
        "interventions": interventions_figure(interventions, tables),
        "interventions_numbers": interventions.pivot(index="City", columns="Intervention", values="Plan actions")
        .reindex(columns=list(tables.vocabulary.labels("interventions").values()))
        .reset_index(),
    }
