"""Two to four cities side by side: grids, counts, budgets, transfers, and what differs.

Plain functions (no streamlit), used by the Compare page. Coverage counts plan actions
only (as the gaps do); unknown budgets stay unknown and are never summed as zero. Plan
content is compared only among cities whose plans are entered (analysis.known): a city
whose plan is not entered shows what is known of it, and is never said to lack a cell.
"""

from __future__ import annotations

import pandas as pd

from analysis.coverage import AXIS_KIND, AXIS_TITLE, GROUP, LEVEL, name_key
from analysis.frames import Tables, coverage_cells, plan_actions
from analysis.known import COVERED, GAP, Basis, cell_state
from models.knowledge import PLAN_ENTERED
from words import and_list, euros

MIN_CITIES, MAX_CITIES = 2, 4


def _names(tables: Tables, cities) -> dict[str, str]:
    known = dict(zip(tables.cities["id"], tables.cities["name"], strict=True))
    return {c: known[c] for c in cities if c in known}


def _entered(tables: Tables, cities) -> set[str]:
    """The ones of `cities` whose plans are entered."""
    rows = tables.cities[tables.cities["id"].isin(list(cities))]
    return set(rows.loc[rows["knowledge"] == PLAN_ENTERED, "id"])


def covered_cells(tables: Tables, cities) -> dict[str, set[tuple[str, str, str]]]:
    """Per city, the (grid, intervention, cell) its plan actions cover."""
    plan = plan_actions(tables.actions).loc[lambda rows: rows["city"].isin(list(cities))]
    cells = coverage_cells(plan)
    found: dict[str, set] = {c: set() for c in cities}
    for across in (GROUP, LEVEL):
        for city, intervention, cell in zip(cells["city"], cells["intervention"], cells[across], strict=True):
            found[city].add((across, intervention, cell))
    return found


def comparison_grid(tables: Tables, cities, across: str) -> pd.DataFrame:
    """One row per (intervention, city, cell) of a grid: the number of the city's plan
    actions in the cell and its `state` (covered; gap when none and the city's plan is
    entered; not known otherwise). Rows are grouped by intervention, cities in the order
    chosen, so that the cities' rows for one intervention sit together."""
    vocab = tables.vocabulary
    names = _names(tables, cities)
    entered = _entered(tables, names)
    plan = plan_actions(tables.actions).loc[lambda rows: rows["city"].isin(list(names))]
    cells = coverage_cells(plan)
    in_cell: dict[tuple[str, str, str], list[str]] = {}
    for city, intervention, cell, title in zip(
        cells["city"], cells["intervention"], cells[across], cells["title"], strict=True
    ):
        titles = in_cell.setdefault((city, intervention, cell), [])
        if title not in titles:
            titles.append(title)
    labels = vocab.labels("interventions")
    colours = vocab.colours("interventions")
    rows = []
    for intervention in vocab.ids("interventions"):
        for city, name in names.items():
            for cell, cell_label in vocab.labels(AXIS_KIND[across]).items():
                titles = in_cell.get((city, intervention, cell), [])
                rows.append(
                    {
                        "intervention": intervention,
                        "intervention_label": labels[intervention],
                        "colour": colours[intervention],
                        "city": city,
                        "city_name": name,
                        "row": f"{labels[intervention]} · {name}",
                        "cell": cell,
                        "cell_label": cell_label,
                        "actions": len(titles),
                        "titles": "; ".join(titles),
                        "state": cell_state(len(titles), city in entered),
                    }
                )
    return pd.DataFrame(rows)


def grid_numbers(table: pd.DataFrame, across: str) -> pd.DataFrame:
    """The grid as a readable table: one column per city, its plan actions in each cell
    ("gap" or "not known" for an empty one)."""
    shown = table.assign(
        value=[
            str(n) if state == COVERED else ("gap" if state == GAP else "not known")
            for n, state in zip(table["actions"], table["state"], strict=True)
        ]
    )
    wide = shown.pivot_table(
        index=["intervention_label", "cell_label"],
        columns="city_name",
        values="value",
        aggfunc="first",
        sort=False,
    )
    wide = wide[list(dict.fromkeys(table["city_name"]))]
    wide.columns = [f"{c} (plan actions)" for c in wide.columns]
    return wide.rename_axis(["Intervention", AXIS_TITLE[across]]).reset_index()


def grid_title(table: pd.DataFrame, across: str) -> str:
    """What the compared cities' grids share - said as a fact only when every compared plan
    is entered; otherwise what the known actions show, and what is not known."""
    covered = table[table["actions"] > 0].groupby(["intervention", "cell"])["city"].nunique()
    n_cities = table["city"].nunique()
    size = table.groupby(["intervention", "cell"]).ngroups
    everyone = int((covered == n_cities).sum())
    nobody = size - len(covered)
    axis = "beneficiary groups" if across == GROUP else "support levels"
    not_entered = table.loc[table["state"] == "not_known", "city_name"].drop_duplicates().tolist()
    if not not_entered:
        return (
            f"Interventions × {axis}: all {n_cities} cities cover {everyone} of {size} cells; "
            f"{nobody} are covered by none"
        )
    return (
        f"Interventions × {axis}: known plan actions of all {n_cities} cities share {everyone} of {size} cells; "
        f"{nobody} hold no known plan action ({and_list(not_entered)}: plan not entered, cells not known)"
    )


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
        plan = plan_actions(mine)
        known = plan["budget_eur"].dropna()
        row = tables.cities[tables.cities["id"] == city].iloc[0]
        received = tables.transfers[tables.transfers["to_city"] == city]
        given = tables.transfers[tables.transfers["from_city"] == city]
        rows.append(
            {
                "City": name,
                "IAP document": "entered" if row["iap_entered"] else "not entered",
                "What is known": row["knowledge_label"],
                "Plan actions": len(plan),
                "Testing actions": int((mine["kind"] == "testing_action").sum()),
                "Ideas": int((mine["kind"] == "idea").sum()),
                "Cells covered (× groups)": f"{sum(1 for g, *_ in covered[city] if g == GROUP)} of {sizes[GROUP]}"
                + ("" if row["iap_entered"] else " (known actions only)"),
                "Cells covered (× levels)": f"{sum(1 for g, *_ in covered[city] if g == LEVEL)} of {sizes[LEVEL]}"
                + ("" if row["iap_entered"] else " (known actions only)"),
                "Plan budget known": euros(known.sum()) if len(known) else "unknown",
                "Budgets known": f"{len(known)} of {len(plan)} plan actions",
                "Practices taken": len(received),
                "Practices passed on": len(given),
            }
        )
    return pd.DataFrame(rows)


def interventions_table(tables: Tables, cities) -> pd.DataFrame:
    """Plan actions per city and intervention (long form, every pair present); a city whose
    plan is not entered is named so, its bars being only the actions known so far."""
    names = _names(tables, cities)
    entered = _entered(tables, names)
    names = {
        c: n if c in entered else f"{n} (plan not entered: known actions only)" for c, n in names.items()
    }
    labels = tables.vocabulary.labels("interventions")
    plan = plan_actions(tables.actions).loc[lambda rows: rows["city"].isin(list(names))]
    rows = []
    for city, name in names.items():
        mine = plan[plan["city"] == city]
        for intervention, label in labels.items():
            rows.append(
                {
                    "City": name,
                    "Intervention": label,
                    "Plan actions": int(
                        mine["interventions"].map(lambda ids, i=intervention: i in ids).sum()
                    ),
                }
            )
    return pd.DataFrame(rows)


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
    basis = Basis.of(tables.cities, list(names))
    entered = [c for c in names if c in set(basis.entered)]
    if not basis.all_entered:
        missing = [names[c] for c in names if c not in entered]
        sentences.append(
            f"Plan not entered for {and_list(missing)}: for {'it' if len(missing) == 1 else 'them'} only the "
            "actions the network's articles name are known, so plan content is compared only among "
            "entered plans."
        )
    if len(entered) < 2:
        sentences.append(basis.ranking_note())
    else:
        plan = {names[c]: n for c, n in zip(names, counts["Plan actions"], strict=True) if c in entered}
        ordered = sorted(plan.items(), key=lambda kv: (-kv[1], name_key(kv[0])))
        sentences.append("Plan actions: " + ", ".join(f"{city} {n}" for city, n in ordered) + ".")
        group_cells = {c: {x for x in covered[c] if x[0] == GROUP} for c in entered}
        order, groups = vocab.ids("interventions"), vocab.ids("beneficiaries")
        common = set.intersection(*group_cells.values())
        for city in entered:
            others = set().union(*(group_cells[o] for o in entered if o != city))
            only = sorted(group_cells[city] - others, key=lambda x: (order.index(x[1]), groups.index(x[2])))
            if only:
                cells = [f"{labels[i]} × {cell_labels[c].lower()}" for _, i, c in only]
                more = f" and {len(cells) - 4} more" if len(cells) > 4 else ""
                sentences.append(f"Only {names[city]} reaches " + ", ".join(cells[:4]) + more + ".")
        total = len(vocab.ids("interventions")) * len(vocab.ids("beneficiaries"))
        whom = f"All {len(entered)}" if len(entered) == len(names) else f"The {len(entered)} entered plans"
        sentences.append(f"{whom} reach the same {len(common)} of {total} intervention × group cells.")
    known = {row["City"]: row["Plan budget known"] for _, row in counts.iterrows()}
    unknown = [c for c, v in known.items() if v == "unknown"]
    if len(unknown) == len(known):
        sentences.append("No budget is known for any of them, so budgets cannot be compared yet.")
    elif unknown:
        sentences.append(
            "Budgets: "
            + ", ".join(f"{c} {v}" for c, v in known.items() if v != "unknown")
            + f"; unknown for {and_list(unknown)}, so the budgets cannot be compared yet."
        )
    else:
        sentences.append("Budgets known: " + ", ".join(f"{c} {v}" for c, v in known.items()) + ".")
    took = {r["City"]: (r["Practices taken"], r["Practices passed on"]) for _, r in counts.iterrows()}
    sentences.append(
        "Transfers: " + "; ".join(f"{c} took {t} and passed on {g}" for c, (t, g) in took.items()) + "."
    )
    return sentences
