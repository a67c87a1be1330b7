"""One city against the model and the network: its gaps (or, for a plan not entered, the
cells not known), the peer actions in them, its focus areas and what is still to be entered.

Plain functions (no streamlit), used by the My city page, the city report and
`python -m models gaps`.

A city's plan covers a cell of a grid when one of its plan actions (kind `iap_action`)
sits there; coverage is defined once in `analysis.frames.coverage_cells`, gaps and peer
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


def focus_areas_named(vocab, noun: str = "focus areas") -> str:
    """ "the Baseline Study's seven focus areas" (where they come from, data/model.yaml's
    network.focus_areas_from), or "the three focus areas"."""
    n = number_word(len(vocab.ids("focus_areas")))
    origin = focus_areas_from(vocab)
    return f"the {origin}'s {n} {noun}" if origin else f"the {n} {noun}"


def focus_areas_from(vocab) -> str | None:
    """The document the focus areas come from: 'Baseline Study' (data/model.yaml)."""
    return vocab.network.focus_areas_from if vocab.network else None


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
            choice = "unknown"
        elif area in (emphasis or []):
            choice = "yes, with emphasis"
        else:
            choice = "yes" if area in chosen else "no"
        if not titles and not entered:
            status = "not known (plan not entered)"
        elif choice.startswith("yes") and not titles:
            status = "chosen, but no plan action there"
        elif choice.startswith("yes"):
            status = "chosen and covered"
        elif titles:
            status = "covered"
        else:
            status = "no plan action"
        rows.append(
            {
                "Focus area": labels[area],
                "Chosen by the city": choice,
                "Read on the model as": tables.vocabulary.focus_reading(area),
                "Plan actions": len(titles),
                "Which": "; ".join(titles),
                "Status": status,
            }
        )
    return pd.DataFrame(rows)


def focus_sentence(table: pd.DataFrame, city_name: str) -> str:
    if (table["Chosen by the city"] == "unknown").all():
        return (
            f"No source entered so far says which focus areas {city_name} chose; the table shows "
            "only where its plan actions sit."
        )
    unmet = list(table.loc[table["Status"] == "chosen, but no plan action there", "Focus area"])
    chosen = int(table["Chosen by the city"].str.startswith("yes").sum())
    if not unmet:
        return f"{city_name} chose {chosen} focus areas; each has at least one plan action."
    return f"{city_name} chose {chosen} focus areas; no plan action yet for: " + ", ".join(unmet) + "."


def completeness(tables: Tables, city: str) -> pd.DataFrame:
    """What is known of the city's plan and what to enter next, most useful first."""
    row = city_row(tables, city)
    actions = tables.actions[tables.actions["city"] == city]
    plan = plan_actions(actions)
    n = len(plan)
    origin = focus_areas_from(tables.vocabulary)

    def share(mask) -> str:
        return f"{int(mask.sum())} of {n} plan actions" if n else "no plan action yet"

    budget_known = plan["budget_eur"].notna()
    timing_known = plan["start_year"].notna()
    with_indicators = plan["indicators"].map(bool) if n else pd.Series(dtype=bool)
    with_lead = plan["lead"].map(lambda v: isinstance(v, str) and bool(v)) if n else pd.Series(dtype=bool)
    items = [
        (
            "IAP document",
            "entered" if row["iap_entered"] else "not entered",
            row["iap_entered"],
            "Enter the plan from the IAP document (title, every action, costs).",
        ),
        ("Plan actions", f"{n}", n > 0, "Add the plan's actions."),
        (
            "Budgets",
            share(budget_known),
            n > 0 and bool(budget_known.all()),
            "Enter each action's cost and funding source from the plan's 'Costs and fundings'.",
        ),
        (
            "Timing",
            share(timing_known),
            n > 0 and bool(timing_known.all()),
            "Enter when each action starts and ends.",
        ),
        (
            "Indicators",
            share(with_indicators),
            n > 0 and bool(with_indicators.all()),
            "Enter each action's monitoring indicators and targets.",
        ),
        (
            "Lead organisation",
            share(with_lead),
            n > 0 and bool(with_lead.all()),
            "Enter who leads each action.",
        ),
        (
            "Focus areas",
            "entered" if isinstance(row["focus_areas"], list) else "not known",
            isinstance(row["focus_areas"], list),
            f"Enter the focus areas the city chose ({origin + ' or IAP' if origin else 'from its IAP'}).",
        ),
        (
            "Plan period",
            _period(row),
            not _missing(row["plan_start"]) and not _missing(row["plan_end"]),
            "Enter the years the plan covers.",
        ),
        (
            "Population",
            inhabitants(row["population"], row.get("population_approximate")),
            not _missing(row["population"]),
            "Enter the population with its year and source (used for budgets per inhabitant).",
        ),
    ]
    return pd.DataFrame(
        [
            {"What": what, "Known": known, "Complete": bool(done), "Next step": "" if done else step}
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
        return "unknown"
    return f"{int(start)}–{int(end)}" if not _missing(end) else f"from {int(start)}, end unknown"


def next_steps(table: pd.DataFrame) -> list[str]:
    return [s for s in table["Next step"] if s]


def completeness_sentence(table: pd.DataFrame, city_name: str) -> str:
    done = int(table["Complete"].sum())
    return f"{city_name}: {done} of {len(table)} parts of the plan are complete in the data."
