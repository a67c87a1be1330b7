"""One city against the model and the network: its gaps (or, for a plan not entered, the
cells not known), the peer actions in them, its focus areas and what is still to be entered.

Plain functions (no streamlit), used by the My city page, the city report and
`python -m models gaps`.

A city's plan covers a cell of a grid when one of its plan actions (kind `iap_action`)
falls there; coverage is defined once in `analysis.frames.coverage_cells`, gaps and peer
actions once in `analysis.gaps`.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.frames import Tables, plan_actions
from analysis.gaps import (
    city_row,
)
from words import inhabitants, number_word
from words import parts as words_parts
from words.i18n import N_, _, ngettext, pgettext


def _actions_in_area(plan: pd.DataFrame, vocab, area: str) -> list[str]:
    """The titles of the plan actions in a focus area, read on the model as data/model.yaml's
    crosswalk says (the focus area's `cells`): none when the area is not read on the model."""
    cells = vocab.focus_cells(area)
    if plan.empty or cells is None:
        return []
    if cells.with_partners:
        chosen = plan[plan["partners"].map(lambda p: bool(p))]
    else:
        wanted = {
            "interventions": cells.interventions,
            "support_level": cells.support_levels,
            "beneficiaries": cells.beneficiaries,
        }
        keep = pd.Series(True, index=plan.index)
        for column, ids in wanted.items():
            if ids is not None:
                keep &= plan[column].map(
                    lambda v, ids=ids: bool(set(v if isinstance(v, list) else [v]) & set(ids))
                )
        chosen = plan[keep]
    return list(chosen["title"])


def focus_areas_named(vocab, noun: str | None = None) -> str:
    """ "the Baseline Study's seven focus areas" (where they come from, data/model.yaml's
    network.focus_areas_from), or "the three focus areas"."""
    n = number_word(len(vocab.ids("focus_areas")))
    origin = focus_areas_from(vocab)
    noun = _("focus areas") if noun is None else noun
    if origin:
        return _("the {origin}'s {n} {noun}").format(origin=origin, n=n, noun=noun)
    return _("the {n} {noun}").format(n=n, noun=noun)


def focus_areas_from(vocab) -> str | None:
    """The document the focus areas come from: 'Baseline Study' (data/model.yaml)."""
    return vocab.network.focus_areas_from if vocab.network else None


# A focus area the city chose with no plan action there (a status focus_sentence looks for).
CHOSEN_UNMET = N_("chosen, but no plan action there")


def focus_table(tables: Tables, city: str) -> pd.DataFrame:
    """The focus areas: whether the city chose each (unknown when no source says),
    how the area is read on the model, and the city's plan actions there."""
    row = city_row(tables, city)
    chosen, emphasis = row["focus_areas"], row["focus_emphasis"]
    known = isinstance(chosen, list)
    entered = bool(row["iap_entered"])
    plan = plan_actions(tables.actions).loc[lambda rows: rows["city"] == city]
    labels = tables.vocabulary.labels("focus_areas")
    rows = []
    for area in tables.vocabulary.ids("focus_areas"):
        titles = _actions_in_area(plan, tables.vocabulary, area)
        if not known:
            choice = _("unknown")
        elif area in (emphasis or []):
            choice = _("yes, with emphasis")
        else:
            choice = _("yes") if area in chosen else _("no")
        is_chosen = known and (area in (emphasis or []) or area in chosen)
        if not titles and not entered:
            status = _("not known (plan not entered)")
        elif is_chosen and not titles:
            status = _(CHOSEN_UNMET)
        elif is_chosen:
            status = _("chosen and covered")
        elif titles:
            # A focus area (masculine in French), not a cell of the grid (feminine).
            status = pgettext("focus area", "covered")
        else:
            status = _("no plan action")
        # Headers in English (focus_sentence and the pages read them), marked for the catalog.
        rows.append(
            {
                N_("Focus area"): labels[area],
                N_("Chosen by the city"): choice,
                N_("Where it falls on the model"): tables.vocabulary.focus_reading(area),
                N_("Plan actions"): len(titles),
                N_("Actions concerned"): words_parts(titles),
                N_("Status"): status,
            }
        )
    return pd.DataFrame(rows)


def focus_sentence(table: pd.DataFrame, city_name: str) -> str:
    if (table["Chosen by the city"] == _("unknown")).all():
        return _(
            "No source entered so far says which focus areas {city} chose; the table shows "
            "only where its plan actions fall."
        ).format(city=city_name)
    unmet = list(table.loc[table["Status"] == _(CHOSEN_UNMET), "Focus area"])
    chosen = int(table["Chosen by the city"].isin([_("yes"), _("yes, with emphasis")]).sum())
    if not unmet:
        return ngettext(
            "{city} chose {n} focus area; it has at least one plan action.",
            "{city} chose {n} focus areas; each has at least one plan action.",
            chosen,
        ).format(city=city_name, n=chosen)
    return ngettext(
        "{city} chose {n} focus area; no plan action yet for: {areas}.",
        "{city} chose {n} focus areas; no plan action yet for: {areas}.",
        chosen,
    ).format(city=city_name, n=chosen, areas=", ".join(unmet))


def completeness(tables: Tables, city: str) -> pd.DataFrame:
    """What is known of the city's plan and what to enter next, most useful first."""
    row = city_row(tables, city)
    actions = tables.actions[tables.actions["city"] == city]
    plan = plan_actions(actions)
    n = len(plan)
    origin = focus_areas_from(tables.vocabulary)

    def share(mask) -> str:
        if not n:
            return _("no plan action yet")
        return _("{known} of {total} plan actions").format(known=int(mask.sum()), total=n)

    budget_known = plan["budget_eur"].notna()
    timing_known = plan["start_year"].notna()
    with_indicators = plan["indicators"].map(bool) if n else pd.Series(dtype=bool)
    with_lead = plan["lead"].map(lambda v: isinstance(v, str) and bool(v)) if n else pd.Series(dtype=bool)
    items = [
        (
            _("IAP document"),
            _("entered") if row["iap_entered"] else _("not entered"),
            row["iap_entered"],
            _("Enter the plan from the IAP document (title, every action, costs)."),
        ),
        (_("Plan actions"), f"{n}", n > 0, _("Add the plan's actions.")),
        (
            _("Budgets"),
            share(budget_known),
            n > 0 and bool(budget_known.all()),
            _("Enter each action's cost and funding source from the plan's 'Costs and fundings'."),
        ),
        (
            _("Timing"),
            share(timing_known),
            n > 0 and bool(timing_known.all()),
            _("Enter when each action starts and ends."),
        ),
        (
            _("Indicators"),
            share(with_indicators),
            n > 0 and bool(with_indicators.all()),
            _("Enter each action's monitoring indicators and targets."),
        ),
        (
            _("Lead organisation"),
            share(with_lead),
            n > 0 and bool(with_lead.all()),
            _("Enter who leads each action."),
        ),
        (
            _("Focus areas"),
            # An item of the city's data, not a cell of the grid (a cell is "not known" too).
            _("entered") if isinstance(row["focus_areas"], list) else pgettext("item of data", "not known"),
            isinstance(row["focus_areas"], list),
            _("Enter the focus areas the city chose ({origin} or IAP).").format(origin=origin)
            if origin
            else _("Enter the focus areas the city chose (from its IAP)."),
        ),
        (
            _("Plan period"),
            _period(row),
            not _missing(row["plan_start"]) and not _missing(row["plan_end"]),
            _("Enter the years the plan covers."),
        ),
        (
            _("Population"),
            inhabitants(row["population"], row.get("population_approximate")),
            not _missing(row["population"]),
            _("Enter the population with its year and source (used for budgets per inhabitant)."),
        ),
    ]
    # Headers in English (next_steps and the pages read them), marked for the catalog.
    return pd.DataFrame(
        [
            {
                N_("Item"): what,
                N_("In the data"): known,
                N_("Complete?"): bool(done),
                N_("Next step"): "" if done else step,
            }
            for what, known, done, step in items
        ]
    )


def _missing(value) -> bool:
    if value is None or value is pd.NA:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def _period(row) -> str:
    start, end = row["plan_start"], row["plan_end"]
    if _missing(start):
        return _("unknown")
    if _missing(end):
        return _("from {start}, end unknown").format(start=int(start))
    return f"{int(start)}–{int(end)}"


def next_steps(table: pd.DataFrame) -> list[str]:
    return [s for s in table["Next step"] if s]


def completeness_sentence(table: pd.DataFrame, city_name: str) -> str:
    done = int(table["Complete?"].sum())
    return _("{city}: {done} of {total} parts of the plan are complete in the data.").format(
        city=city_name, done=done, total=len(table)
    )
