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
from analysis.gaps import GRID_NAMES
from analysis.known import COVERED, GAP, Basis, cell_state
from models.knowledge import PLAN_ENTERED
from words import and_list, euros
from words import parts as words_parts
from words.i18n import N_, _, ngettext

MIN_CITIES, MAX_CITIES = 2, 4


def _names(tables: Tables, cities) -> dict[str, str]:
    known = tables.city_names()
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
                        "titles": words_parts(titles),
                        "state": cell_state(len(titles), city in entered),
                    }
                )
    return pd.DataFrame(rows)


def grid_numbers(table: pd.DataFrame, across: str) -> pd.DataFrame:
    """The grid as a readable table: one column per city, its plan actions in each cell
    ("gap" or "not known" for an empty one)."""
    shown = table.assign(
        value=[
            str(n) if state == COVERED else (_("gap") if state == GAP else _("not known"))
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
    # Built for display only: the cities' headers are in the language in use.
    wide.columns = [_("{city} (plan actions)").format(city=c) for c in wide.columns]
    return wide.rename_axis([N_("Intervention"), AXIS_TITLE[across]]).reset_index()


def grid_title(table: pd.DataFrame, across: str) -> str:
    """What the compared cities' grids share - said as a fact only when every compared plan
    is entered; otherwise what the known actions show, and what is not known."""
    covered = table[table["actions"] > 0].groupby(["intervention", "cell"])["city"].nunique()
    n_cities = table["city"].nunique()
    size = table.groupby(["intervention", "cell"]).ngroups
    everyone = int((covered == n_cities).sum())
    nobody = size - len(covered)
    grid_name = _(GRID_NAMES[across])
    not_entered = table.loc[table["state"] == "not_known", "city_name"].drop_duplicates().tolist()
    if not not_entered:
        return _("{grid}: {everyone} of {size} cells are covered by every city; {nobody} by no city").format(
            grid=grid_name, n=n_cities, everyone=everyone, size=size, nobody=nobody
        )
    return _(
        "{grid}: {everyone} of {size} cells hold a known plan action of every city; "
        "{nobody} hold none ({cities}: plan not entered, cells not known)"
    ).format(
        grid=grid_name, n=n_cities, everyone=everyone, size=size, nobody=nobody, cities=and_list(not_entered)
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
        cells_covered = {
            across: sum(1 for g, *_rest in covered[city] if g == across) for across in (GROUP, LEVEL)
        }
        if row["iap_entered"]:
            of_cells = _("{covered} of {cells}")
        else:
            of_cells = _("{covered} of {cells} (known actions only)")
        # Headers in English (other code reads them), marked for the catalog: the page
        # translates them where it shows the table.
        rows.append(
            {
                N_("City"): name,
                N_("IAP document"): _("entered") if row["iap_entered"] else _("not entered"),
                N_("What is known"): row["knowledge_label"],
                N_("Plan actions"): len(plan),
                N_("Testing actions"): int((mine["kind"] == "testing_action").sum()),
                N_("Ideas"): int((mine["kind"] == "idea").sum()),
                N_("Cells covered (× groups)"): of_cells.format(
                    covered=cells_covered[GROUP], cells=sizes[GROUP]
                ),
                N_("Cells covered (× levels)"): of_cells.format(
                    covered=cells_covered[LEVEL], cells=sizes[LEVEL]
                ),
                N_("Plan budget known"): euros(known.sum()) if len(known) else _("unknown"),
                N_("Budgets known"): _("{known} of {total} plan actions").format(
                    known=len(known), total=len(plan)
                ),
                N_("Practices taken"): len(received),
                N_("Practices passed on"): len(given),
            }
        )
    return pd.DataFrame(rows)


def interventions_table(tables: Tables, cities) -> pd.DataFrame:
    """Plan actions per city and intervention (long form, every pair present); a city whose
    plan is not entered is named so, its bars being only the actions known so far."""
    names = _names(tables, cities)
    entered = _entered(tables, names)
    names = {
        c: n if c in entered else _("{city} (plan not entered: known actions only)").format(city=n)
        for c, n in names.items()
    }
    labels = tables.vocabulary.labels("interventions")
    plan = plan_actions(tables.actions).loc[lambda rows: rows["city"].isin(list(names))]
    rows = []
    for city, name in names.items():
        mine = plan[plan["city"] == city]
        for intervention, label in labels.items():
            rows.append(
                {
                    N_("City"): name,
                    N_("Intervention"): label,
                    N_("Plan actions"): int(
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
            ngettext(
                "Plan not entered for {cities}: for it only the actions named in the network's articles are "
                "known, so plan content is compared only among entered plans.",
                "Plan not entered for {cities}: for them only the actions named in the network's articles are "
                "known, so plan content is compared only among entered plans.",
                len(missing),
            ).format(cities=and_list(missing))
        )
    if len(entered) < 2:
        sentences.append(basis.ranking_note())
    else:
        plan = {names[c]: n for c, n in zip(names, counts["Plan actions"], strict=True) if c in entered}
        ordered = sorted(plan.items(), key=lambda kv: (-kv[1], name_key(kv[0])))
        sentences.append(
            _("Plan actions: {counts}.").format(counts=", ".join(f"{city} {n}" for city, n in ordered))
        )
        group_cells = {c: {x for x in covered[c] if x[0] == GROUP} for c in entered}
        order, groups = vocab.ids("interventions"), vocab.ids("beneficiaries")
        common = set.intersection(*group_cells.values())
        for city in entered:
            others = set().union(*(group_cells[o] for o in entered if o != city))
            only = sorted(group_cells[city] - others, key=lambda x: (order.index(x[1]), groups.index(x[2])))
            if only:
                cells = [f"{labels[i]} × {cell_labels[c].lower()}" for _grid, i, c in only]
                if len(cells) > 4:
                    said = _("Only {city} reaches {cells} and {more} more.")
                else:
                    said = _("Only {city} reaches {cells}.")
                sentences.append(
                    said.format(city=names[city], cells=", ".join(cells[:4]), more=len(cells) - 4)
                )
        total = len(vocab.ids("interventions")) * len(vocab.ids("beneficiaries"))
        if len(entered) == len(names):
            said = _("All {n} reach the same {common} of {total} intervention × group cells.")
        else:
            said = _("The {n} entered plans reach the same {common} of {total} intervention × group cells.")
        sentences.append(said.format(n=len(entered), common=len(common), total=total))
    unknown_word = _("unknown")
    known = {row["City"]: row["Plan budget known"] for _row, row in counts.iterrows()}
    unknown = [c for c, v in known.items() if v == unknown_word]
    if len(unknown) == len(known):
        sentences.append(_("No budget is known for any of them, so budgets cannot be compared yet."))
    elif unknown:
        sentences.append(
            _("Budgets: {known}; unknown for {cities}, so the budgets cannot be compared yet.").format(
                known=", ".join(f"{c} {v}" for c, v in known.items() if v != unknown_word),
                cities=and_list(unknown),
            )
        )
    else:
        sentences.append(
            _("Budgets known: {known}.").format(known=", ".join(f"{c} {v}" for c, v in known.items()))
        )
    took = {r["City"]: (r["Practices taken"], r["Practices passed on"]) for _row, r in counts.iterrows()}
    sentences.append(
        _("Transfers: {transfers}.").format(
            # The separator between cities is the language's ('; ', ' ; ').
            transfers=_("; ").join(
                _("{city} took up {taken} and passed on {given}").format(city=c, taken=t, given=g)
                for c, (t, g) in took.items()
            )
        )
    )
    return sentences


def interventions_title() -> str:
    """The title of the cities' plan actions per intervention, side by side."""
    return _("Plan actions per intervention (an action with two interventions counts in both)")
