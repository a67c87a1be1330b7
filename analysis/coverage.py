"""Coverage of the intervention model: which cells the cities' actions fill, and the gaps.

Plain functions on DataFrames: tables and findings stated in words (the figures are in
figures/coverage.py). Coverage itself is defined once, in `analysis.frames.coverage_cells`:
an action covers every cell formed by any of its interventions with any of its
beneficiary groups, at its support level.

The two grids of the model are "interventions x support levels" (`LEVEL`) and
"interventions x beneficiary groups" (`GROUP`); a cell of a grid is covered when at
least one counted action sits in it, whatever the third dimension.
"""

from __future__ import annotations

import unicodedata

import pandas as pd

from analysis.frames import Filters, Tables, coverage_cells, filter_actions, plan_actions
from analysis.known import CELL_WORDS, COVERED, GAP, NOT_KNOWN, Basis, cell_state
from analysis.shown import page_cities
from models.knowledge import PLAN_ENTERED
from models.vocabulary import Vocabulary, action_kind_label
from words import and_list, number, plural
from words import parts as words_parts
from words.i18n import N_, _, ngettext

LEVEL = "support_level"

GROUP = "beneficiary"

# grid axis -> the vocabulary kind that names its cells, and its heading in tables
AXIS_KIND = {LEVEL: "support_levels", GROUP: "beneficiaries"}

# Column names (English, marked for the catalog: shown through `_()` where a table is shown).
AXIS_TITLE = {LEVEL: N_("Support level"), GROUP: N_("Beneficiary group")}

# What a grid counts: a key (English), said through `_noun`, `_one` and `_count` below.
PLAN_NOUN = N_("plan actions")

ALL_NOUN = N_("actions")

# The singular of each noun, for the catalog.
_SINGULAR = {PLAN_NOUN: N_("plan action"), ALL_NOUN: N_("action")}

GRID_COLUMNS = [
    "intervention",
    "intervention_label",
    "colour",
    "cell",
    "cell_label",
    "actions",
    "cities",
    "ids",
    "state",
]


def counted_actions(actions: pd.DataFrame, filters: Filters, include_all: bool = False) -> pd.DataFrame:
    """The actions the page counts: the shared filters applied, then plan actions only
    unless `include_all` (testing actions and ideas too)."""
    shown = filter_actions(actions, filters)
    return shown if include_all else plan_actions(shown)


def counted_description(filters: Filters, include_all: bool, describe: str) -> str:
    """One sentence saying what the page counts; `describe` is Filters.describe(tables)."""
    if include_all:
        what = _("Counted: plan actions, testing actions and ideas together.")
    else:
        what = _("Counted: plan actions only (testing actions and ideas are left out; switch them on above).")
    return _("{counted} Shown: {shown}.").format(counted=what, shown=describe)


def noun_for(include_all: bool) -> str:
    return ALL_NOUN if include_all else PLAN_NOUN


def singular(noun: str) -> str:
    return noun[:-1] if noun.endswith("s") else noun


def _noun(noun: str) -> str:
    """The noun in the language in use: 'plan actions', 'actions du plan'."""
    return _(noun)


def _one(noun: str) -> str:
    """Its singular in the language in use: 'plan action', 'action du plan'."""
    return _(_SINGULAR[noun]) if noun in _SINGULAR else singular(noun)


def _count(n: int, noun: str) -> str:
    """'3 plan actions', '1 action' in the language in use (any other noun in English)."""
    if noun == PLAN_NOUN:
        return ngettext("{n} plan action", "{n} plan actions", n).format(n=number(n))
    if noun == ALL_NOUN:
        return ngettext("{n} action", "{n} actions", n).format(n=number(n))
    return plural(n, singular(noun), noun)


def _count_known(n: int, noun: str) -> str:
    """'3 known plan actions', '1 known action'."""
    if noun == PLAN_NOUN:
        return ngettext("{n} known plan action", "{n} known plan actions", n).format(n=number(n))
    if noun == ALL_NOUN:
        return ngettext("{n} known action", "{n} known actions", n).format(n=number(n))
    return _count(n, "known " + noun)


def model_cells(actions: pd.DataFrame, interventions: tuple[str, ...] | list[str] = ()) -> pd.DataFrame:
    """`coverage_cells` of the actions, kept to the chosen interventions (all when empty).

    An action kept by the intervention filter may use other interventions too; those
    rows are dropped so that a grid filtered to "Help" shows only Help."""
    cells = coverage_cells(actions)
    if interventions:
        cells = cells[cells["intervention"].isin(interventions)]
    return cells.reset_index(drop=True)


def _intervention_rows(vocab: Vocabulary, interventions) -> list[str]:
    return [i for i in vocab.ids("interventions") if not interventions or i in interventions]


def name_key(name: str) -> str:
    """Sort key for names with accents: Škofja Loka sorts with the S's."""
    return unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().casefold()


def _sort_by_city(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows sorted by city then title (name_key order; ties keep their order)."""
    keys = [(name_key(c), name_key(t)) for c, t in zip(frame["city_name"], frame["title"], strict=True)]
    return frame.iloc[sorted(range(len(keys)), key=keys.__getitem__)]


def _city_list(frame: pd.DataFrame) -> str:
    """'Isernia (3), Agen, Fót': the cities of some cells, most actions first."""
    return _cities_text(zip(frame["id"], frame["city_name"], strict=True))


def _cities_text(pairs) -> str:
    """_city_list of (action id, city name) pairs."""
    per_city: dict[str, set] = {}
    for action, name in pairs:
        per_city.setdefault(name, set()).add(action)
    ordered = sorted(sorted(per_city.items()), key=lambda item: (-len(item[1]), name_key(item[0])))
    return ", ".join(name if len(ids) == 1 else f"{name} ({len(ids)})" for name, ids in ordered)


def grid(
    cells: pd.DataFrame, vocab: Vocabulary, across: str, interventions=(), *, basis: Basis
) -> pd.DataFrame:
    """One row per grid cell (intervention x support level, or x beneficiary group), in
    the model's order, empty cells included: `actions` = number of distinct actions
    covering the cell, `cities` = who they belong to, `ids` = which actions, `state` =
    covered, gap (empty, and every plan of `basis` entered) or not known (empty, and
    some plan of `basis` not entered)."""
    if across not in AXIS_KIND:
        raise ValueError(f"across must be {LEVEL!r} or {GROUP!r}")
    labels = vocab.labels("interventions")
    colours = vocab.colours("interventions")
    cell_labels = vocab.labels(AXIS_KIND[across])
    # (intervention, cell) -> its (action id, city name) pairs, in the order of `cells`
    in_cell: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for intervention, cell, action, name in zip(
        cells["intervention"], cells[across], cells["id"], cells["city_name"], strict=True
    ):
        in_cell.setdefault((intervention, cell), []).append((action, name))
    rows = []
    for intervention in _intervention_rows(vocab, interventions):
        for cell in vocab.ids(AXIS_KIND[across]):
            here = in_cell.get((intervention, cell), [])
            ids = list(dict.fromkeys(action for action, _ in here))
            rows.append(
                {
                    "intervention": intervention,
                    "intervention_label": labels[intervention],
                    "colour": colours[intervention],
                    "cell": cell,
                    "cell_label": cell_labels[cell],
                    "actions": len(ids),
                    "cities": _cities_text(here),
                    "ids": ids,
                    "state": basis.state(len(ids)),
                }
            )
    return pd.DataFrame(rows, columns=GRID_COLUMNS)


# Written at import: marked for the catalog, shown through `_()`.
EMPTY_CELL_WORDS = {GAP: N_("none (gap)"), NOT_KNOWN: N_("none known (not known yet: a plan is not entered)")}

# The count column's name of `grid_numbers` (English; shown through `_()`).
NUMBER_COLUMN = {PLAN_NOUN: N_("Number of plan actions"), ALL_NOUN: N_("Number of actions")}


def grid_numbers(table: pd.DataFrame, across: str, noun: str = PLAN_NOUN) -> pd.DataFrame:
    """The numbers behind a grid, readable: labels, counts, cities, and each cell's state
    (covered, gap, not known), so that a table never calls a cell not known a gap."""
    return pd.DataFrame(
        {
            N_("Intervention"): table["intervention_label"],
            AXIS_TITLE[across]: table["cell_label"],
            NUMBER_COLUMN.get(noun, f"Number of {noun}"): table["actions"].astype(int),
            N_("Cell"): table["state"].map(lambda state: _(CELL_WORDS[state])),
            N_("Cities"): [
                c if state == COVERED else _(EMPTY_CELL_WORDS[state])
                for c, state in zip(table["cities"], table["state"], strict=True)
            ],
        }
    )


def cell_key(intervention: str, cell: str) -> str:
    """The value a cell selector uses for a grid cell."""
    return f"{intervention}|{cell}"


def split_cell_key(key: str) -> tuple[str, str]:
    intervention, _, cell = key.partition("|")
    return intervention, cell


def cell_options(table: pd.DataFrame, noun: str = PLAN_NOUN) -> dict[str, str]:
    """Cell selector options: key -> 'Help · Targeted support: 4 plan actions' (or ': gap',
    or ': not known')."""
    return {
        cell_key(r.intervention, r.cell): _("{cell}: {count}").format(
            cell=f"{r.intervention_label} · {r.cell_label}",
            count=_count(r.actions, noun) if r.actions else _(CELL_WORDS[r.state]),
        )
        for r in table.itertuples()
    }


def _empty_clause(table: pd.DataFrame, basis: Basis) -> str:
    """'7 of 12 cells are gaps' when every plan shown is entered; otherwise the empty
    cells are not known, and the clause says what the finding rests on."""
    empty, total = int((table["actions"] == 0).sum()), len(table)
    if basis.all_entered:
        return _("{empty} of {total} cells are gaps").format(empty=empty, total=total)
    if basis.size == 1:
        if empty < total:
            said = _("the plan is not entered, so the other {empty} of {total} cells are not known yet")
        else:
            said = _("the plan is not entered, so all {empty} of {total} cells are not known yet")
        return said.format(empty=empty, total=total)
    return ngettext(
        "{empty} of {total} cells not known yet ({entered} of {size} plans entered)",
        "{empty} of {total} cells not known yet ({entered} of {size} plans entered)",
        len(basis.entered),
    ).format(empty=empty, total=total, entered=len(basis.entered), size=basis.size)


def _not_entered_lead(table: pd.DataFrame, noun: str, city_name: str) -> str:
    """The finding of one city whose plan is not entered: only what its known actions show."""
    n = len({i for ids in table["ids"] for i in ids})
    if n == 0:
        return _(
            "{city}'s plan is not entered and none of its {noun} is known yet: all {total} cells are not known"
        ).format(city=city_name, noun=_noun(noun), total=len(table))
    covered = int((table["actions"] > 0).sum())
    empty = len(table) - covered
    return ngettext(
        "{city}'s plan is not entered: its {count} falls in {covered} of {total} cells; "
        "the other {empty} are not known yet",
        "{city}'s plan is not entered: its {count} fall in {covered} of {total} cells; "
        "the other {empty} are not known yet",
        n,
    ).format(city=city_name, count=_count_known(n, noun), covered=covered, total=len(table), empty=empty)


def _who(city_name: str | None) -> str:
    """The words a grid's finding puts before a city's name: 'Fót: ' (nothing without a city)."""
    return _("{city} – ").format(city=city_name) if city_name else ""


def _none_of(noun: str, city_name: str | None, basis: Basis, verb: str, rest: str) -> str:
    """'No plan action of Fót gives intensive support: ...', 'No known action reaches ...':
    `verb` is 'gives' or 'reaches', `rest` what follows it. A city is named only when the
    plans are entered (a city whose plan is not entered has its own finding)."""
    one = _one(noun)
    if not basis.all_entered:
        if verb == "gives":
            said = _("No known {noun} gives {what}")
        elif verb == "reaches":
            said = _("No known {noun} reaches {what}")
        else:
            said = _("No known {noun} is placed on the model yet: {what}")
    elif city_name:
        if verb == "gives":
            said = _("No {noun} of {city} gives {what}")
        elif verb == "reaches":
            said = _("No {noun} of {city} reaches {what}")
        else:
            said = _("No {noun} of {city} is placed on the model yet: {what}")
    elif verb == "gives":
        said = _("No {noun} gives {what}")
    elif verb == "reaches":
        said = _("No {noun} reaches {what}")
    else:
        said = _("No {noun} is placed on the model yet: {what}")
    return said.format(noun=one, city=city_name, what=rest)


def _before_the_cells(table: pd.DataFrame, noun: str, city_name: str | None, basis: Basis) -> str | None:
    """What a grid's finding says when its cells cannot lead it: nothing to show, a city whose
    plan is not entered, nothing on the model yet. None when the cells decide."""
    if table.empty:
        return _who(city_name) + _("no intervention to show")
    if city_name and not basis.all_entered:
        return _not_entered_lead(table, noun, city_name)
    if table["actions"].sum() == 0:
        if basis.all_entered:
            rest = _("all {total} cells are gaps").format(total=len(table))
        else:
            rest = _empty_clause(table, basis)
        return _none_of(noun, city_name, basis, "sits", rest)
    return None


def levels_finding(
    table: pd.DataFrame, noun: str = PLAN_NOUN, city_name: str | None = None, *, basis: Basis
) -> str:
    """The finding of an interventions x support levels grid, led by the first (most intensive) level;
    it calls empty cells gaps only when every plan it rests on is entered."""
    said = _before_the_cells(table, noun, city_name, basis)
    if said is not None:
        return said
    who = _who(city_name)
    first = table["cell"].iloc[0]
    level_label = table["cell_label"].iloc[0]
    at_level = table[table["cell"] == first]
    covered = at_level[at_level["actions"] > 0]
    if covered.empty:
        rest = _("{level}: {clause}").format(level=level_label.lower(), clause=_empty_clause(table, basis))
        return _none_of(noun, city_name, basis, "gives", rest)
    n_actions = len({i for ids in covered["ids"] for i in ids})
    names = and_list(list(covered["intervention_label"]))
    if len(covered) == len(at_level):
        lead = _("{level}: every intervention is covered").format(level=level_label)
    elif basis.all_entered:
        lead = ngettext(
            "{level}: only {names} is covered", "{level}: only {names} are covered", len(covered)
        ).format(level=level_label, names=names)
    else:
        lead = _("{level}: known {noun} cover {names}").format(
            level=level_label, noun=_noun(noun), names=names
        )
    return _("{finding} ({count}); {clause}").format(
        finding=who + lead, count=_count(n_actions, noun), clause=_empty_clause(table, basis)
    )


def groups_finding(
    table: pd.DataFrame, noun: str = PLAN_NOUN, city_name: str | None = None, *, basis: Basis
) -> str:
    """The finding of an interventions x beneficiary groups grid: the least-reached group;
    it calls empty cells gaps only when every plan it rests on is entered."""
    said = _before_the_cells(table, noun, city_name, basis)
    if said is not None:
        return said
    who = _who(city_name)
    n_rows = table["intervention"].nunique()
    reached = {
        cell: list(group.loc[group["actions"] > 0, "intervention_label"])
        for cell, group in table.groupby("cell", sort=False)
    }
    labels = dict(zip(table["cell"], table["cell_label"], strict=False))
    least = min(reached, key=lambda c: len(reached[c]))  # first in model order on ties
    if len(reached[least]) == n_rows:
        return who + _("every group is reached by every intervention shown")
    group = labels[least]
    clause = _empty_clause(table, basis)
    if not reached[least]:
        rest = _("{group}; {clause}").format(group=group.lower(), clause=clause)
        return _none_of(noun, city_name, basis, "reaches", rest)
    names = and_list(reached[least])
    if not basis.all_entered:
        return who + _("{group}: known {noun} reach them only through {names}; {clause}").format(
            group=group, noun=_noun(noun), names=names, clause=clause
        )
    return who + ngettext(
        "{group}: only {names} reaches them; {clause}",
        "{group}: only {names} reach them; {clause}",
        len(reached[least]),
    ).format(group=group, names=names, clause=clause)


def uncovered_at_level(cells: pd.DataFrame, vocab: Vocabulary, level: str | None = None, interventions=()):
    """Labels of the interventions that no counted action covers at `level` (the model's
    first, most intensive support level unless given), in model order."""
    level = level or vocab.first("support_levels").id
    covered = set(cells.loc[cells["support_level"] == level, "intervention"])
    labels = vocab.labels("interventions")
    return [labels[i] for i in _intervention_rows(vocab, interventions) if i not in covered]


def intensive_answer(
    cells: pd.DataFrame, vocab: Vocabulary, interventions=(), shown: str | None = None, *, basis: Basis
) -> str:
    """'Interventions no city covers at the intensive level: Identify, Help.' in plain words
    (the model's first support level, named as data/model.yaml's `short` says), with what it
    rests on; `shown` names the cities when the city filter keeps only some."""
    first = vocab.first("support_levels")
    missing = uncovered_at_level(cells, vocab, first.id, interventions)
    level = first.in_sentence
    if not missing:
        if shown:
            return _("Every intervention shown is covered at the {level} level by {shown}.").format(
                level=level, shown=shown
            )
        return _("Every intervention shown is covered at the {level} level by at least one city.").format(
            level=level
        )
    if basis.all_entered:
        if shown:
            said = _(
                "Interventions no shown city ({shown}) covers at the {level} level: {missing}. {rests_on}"
            )
        else:
            said = _("Interventions no city covers at the {level} level: {missing}. {rests_on}")
    elif shown:
        said = _(
            "Interventions no known action of the shown cities ({shown}) covers at the {level} level: "
            "{missing}. {rests_on}"
        )
    else:
        said = _("Interventions no known action covers at the {level} level: {missing}. {rests_on}")
    return said.format(shown=shown, level=level, missing=", ".join(missing), rests_on=basis.rests_on())


def actions_table(actions: pd.DataFrame) -> pd.DataFrame:
    """Actions as a readable table: city, title, kind, interventions, level, groups (headers in
    English, marked for the catalog: the page translates them where it shows the table)."""
    return pd.DataFrame(
        {
            N_("City"): actions["city_name"],
            N_("Action"): actions["title"],
            N_("Type"): actions["kind"].map(action_kind_label),
            N_("Interventions"): actions["interventions_label"],
            N_("Support level"): actions["support_level_label"],
            N_("Beneficiary groups"): actions["beneficiaries_label"],
        }
    ).reset_index(drop=True)


def cell_actions(actions: pd.DataFrame, cells: pd.DataFrame, across: str, key: str) -> pd.DataFrame:
    """The actions sitting in one grid cell (key from `cell_key`), as a readable table,
    sorted by city then title."""
    intervention, cell = split_cell_key(key)
    ids = set(cells.loc[(cells["intervention"] == intervention) & (cells[across] == cell), "id"])
    chosen = _sort_by_city(actions[actions["id"].isin(ids)])
    return actions_table(chosen)


MATRIX_COLUMNS = [
    "city",
    "city_name",
    "intervention",
    "intervention_label",
    "colour",
    "actions",
    "titles",
    "ids",
    "state",
    "entered",
]


def city_matrix(
    actions: pd.DataFrame, cities: pd.DataFrame, vocab: Vocabulary, interventions=()
) -> pd.DataFrame:
    """One row per (city, intervention): the number of counted actions of the city that use
    the intervention, and the cell's `state` (covered; gap when none and the city's plan is
    entered; not known otherwise). Every city in `cities` has its rows, with or without
    actions - a city whose file has a problem too."""
    labels = vocab.labels("interventions")
    colours = vocab.colours("interventions")
    cells = model_cells(actions, interventions)
    # (city, intervention) -> its actions: id -> title, in the order of `cells`
    uses: dict[tuple[str, str], dict[str, str]] = {}
    for city, intervention, action, title in zip(
        cells["city"], cells["intervention"], cells["id"], cells["title"], strict=True
    ):
        uses.setdefault((city, intervention), {}).setdefault(action, title)
    rows = []
    entered = dict(zip(cities["id"], cities["knowledge"] == PLAN_ENTERED, strict=True))
    for city, name in zip(cities["id"], cities["name"], strict=True):
        for intervention in _intervention_rows(vocab, interventions):
            here = uses.get((city, intervention), {})
            rows.append(
                {
                    "city": city,
                    "city_name": name,
                    "intervention": intervention,
                    "intervention_label": labels[intervention],
                    "colour": colours[intervention],
                    "actions": len(here),
                    "titles": words_parts(sorted(here.values())),
                    "ids": list(here),
                    "state": cell_state(len(here), bool(entered[city])),
                    "entered": bool(entered[city]),
                }
            )
    return pd.DataFrame(rows, columns=MATRIX_COLUMNS)


def matrix_numbers(matrix: pd.DataFrame, noun: str = PLAN_NOUN) -> pd.DataFrame:
    """The city x intervention counts as a readable wide table (cities as rows)."""
    if matrix.empty:
        return pd.DataFrame(columns=["City"])
    wide = matrix.pivot_table(
        index="city_name", columns="intervention_label", values="actions", aggfunc="sum", sort=False
    )
    wide = wide[list(dict.fromkeys(matrix["intervention_label"]))]
    wide = wide.reindex(list(dict.fromkeys(matrix["city_name"]))).astype(int)
    # Built for display only: its headers are in the language in use.
    wide.columns = [_("{label} ({noun})").format(label=c, noun=_noun(noun)) for c in wide.columns]
    return wide.rename_axis("City").reset_index()


def matrix_finding(matrix: pd.DataFrame, include_all: bool = False) -> str:
    """Which intervention the fewest and the most cities use - counted only among the
    cities whose plans are entered, and said so; a city not entered is never said to lack
    an intervention."""
    if matrix.empty:
        return _("No city to show")
    n_cities = matrix["city"].nunique()
    entered_ids = list(dict.fromkeys(matrix.loc[matrix["entered"].astype(bool), "city"]))
    if n_cities == 1:
        name = matrix["city_name"].iloc[0]
        reach = matrix.groupby("intervention_label", sort=False)["actions"].apply(
            lambda s: int((s > 0).sum())
        )
        used, unused = list(reach[reach > 0].index), list(reach[reach == 0].index)
        if not entered_ids:
            if not used:
                if include_all:
                    said = _("{city}'s plan is not entered and none of its actions is known yet")
                else:
                    said = _("{city}'s plan is not entered and none of its plan actions is known yet")
            elif include_all:
                said = _("{city}'s plan is not entered: its known actions use {used}")
            else:
                said = _("{city}'s plan is not entered: its known plan actions use {used}")
            return said.format(city=name, used=and_list(used))
        if not used:
            said = _("{city} has no action yet") if include_all else _("{city} has no plan action yet")
        elif not unused:
            if include_all:
                said = _("{city}'s actions use every intervention shown")
            else:
                said = _("{city}'s plan uses every intervention shown")
        elif include_all:
            said = _("{city}'s actions use {used}; gap: {unused}")
        else:
            said = _("{city}'s plan uses {used}; gap: {unused}")
        return said.format(city=name, used=and_list(used), unused=and_list(unused))
    if len(entered_ids) < 2:
        only = matrix.loc[matrix["city"].isin(entered_ids), "city_name"].drop_duplicates()
        if len(only):
            told = _("only one plan ({city}) is entered").format(city=only.iloc[0])
        else:
            told = _("no plan is entered yet")
        return _(
            "Too little is known to compare the {n} cities: {told}; "
            "the other cells show only the actions named in the network's articles"
        ).format(n=n_cities, told=told)
    ranked = matrix[matrix["city"].isin(entered_ids)]
    n_ranked = len(entered_ids)
    reach = ranked.groupby("intervention_label", sort=False)["actions"].apply(lambda s: int((s > 0).sum()))
    least, most = reach.idxmin(), reach.idxmax()
    spread = len(reach) > 1 and reach[most] != reach[least]
    among = (
        ""
        if n_ranked == n_cities
        else _(" (among the {ranked} entered plans of {n} cities)").format(ranked=n_ranked, n=n_cities)
    )
    said_in = {"least": least, "most": most, "k": reach[least], "m": reach[most], "n": n_ranked}
    if reach[least] == 0:
        if n_ranked < n_cities:
            text = _("No entered plan uses {least}").format(least=least)
        elif include_all:
            text = _("No city's actions use {least}").format(least=least)
        else:
            text = _("No city's plan uses {least}").format(least=least)
        if spread:
            if include_all:
                more = _("; {most} is in {m} of {n} cities' actions")
            else:
                more = _("; {most} is in {m} of {n} cities' plans")
            text += more.format(**said_in)
    elif not spread:
        if include_all:
            text = _("{least} is in {k} of {n} cities' actions").format(**said_in)
        else:
            text = _("{least} is in {k} of {n} cities' plans").format(**said_in)
    elif include_all:
        text = _("{least} is in only {k} of {n} cities' actions; {most} in {m}").format(**said_in)
    else:
        text = _("{least} is in only {k} of {n} cities' plans; {most} in {m}").format(**said_in)
    totals = ranked.groupby("city_name", sort=False)["actions"].sum()
    empty = list(totals[totals == 0].index)
    if len(empty) == 1:
        if include_all:
            text += _("; {city} has no action yet").format(city=empty[0])
        else:
            text += _("; {city} has no plan action yet").format(city=empty[0])
    elif 1 < len(empty) < n_ranked:
        if include_all:
            text += _("; {n} cities have no action yet").format(n=len(empty))
        else:
            text += _("; {n} cities have no plan action yet").format(n=len(empty))
    return text + among


def matrix_actions(actions: pd.DataFrame, intervention: str, city: str | None = None) -> pd.DataFrame:
    """The counted actions behind a city x intervention cell (every city when `city` is
    None), as a readable table sorted by city then title."""
    uses = actions["interventions"].map(lambda ids: intervention in ids).astype(bool)
    chosen = actions.loc[uses]
    if city is not None:
        chosen = chosen[chosen["city"] == city]
    return actions_table(_sort_by_city(chosen))


def shown_cities(tables: Tables, filters: Filters) -> pd.DataFrame:
    """The cities the city filter keeps (every city when it keeps all): what a view the
    filters apply to shows (analysis.shown, where a page's own choice is read too)."""
    return page_cities(tables, filters, filters_apply=True).cities
