"""Known, not known, and gap: what a view of some cities can claim about their plans.

A cell of the model is, for a set of cities:

- `covered` when at least one counted action of theirs falls there;
- a `gap` when none does and every one of their plans is entered: then "no plan action
  sits here" is a fact about the plans;
- `not known` when none does and some plan is not entered (or its file is broken): the
  missing plan may well hold an action there, so nothing is claimed.

`Basis` is the set of cities a finding rests on; findings say it ("rests on 1 entered plan
of 10"), and rankings of plan content between cities are made only among entered plans.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from models.knowledge import BROKEN, KNOWLEDGE_LABELS, KNOWLEDGE_MEANING, KNOWLEDGE_STATES, PLAN_ENTERED
from words import and_list, number
from words.i18n import N_, _, ngettext

COVERED, GAP, NOT_KNOWN = "covered", "gap", "not_known"

CELL_STATES = (COVERED, GAP, NOT_KNOWN)

# Written at import: marked for the catalog, shown through `_()`.
CELL_WORDS = {COVERED: N_("covered"), GAP: N_("gap"), NOT_KNOWN: N_("not known")}

# What a reader is told about an empty cell, for legends and captions.
CELL_MEANING = {
    COVERED: N_("at least one action falls in the cell"),
    GAP: N_("no action of an entered plan falls in the cell"),
    NOT_KNOWN: N_("no known action falls in the cell, and a plan is not entered: the cell is not known yet"),
}

# The key under every grid, short enough for a slide (shown through `_()`).
CELL_KEY = N_(
    "“gap”: an entered plan has no action in the cell; "
    "“not known”: no known action there, and the plan is not entered."
)

MIN_TO_RANK = 2  # plans needed before cities are ranked against each other


def cell_state(actions: int, all_entered: bool) -> str:
    if actions:
        return COVERED
    return GAP if all_entered else NOT_KNOWN


def _plans(n: int) -> str:
    return ngettext("{n} entered plan", "{n} entered plans", n).format(n=number(n))


@dataclass(frozen=True)
class Basis:
    """The cities a view shows, with what is known about each (id -> state, id -> name)."""

    knowledge: tuple[tuple[str, str], ...]
    names: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, cities: pd.DataFrame, ids=None) -> Basis:
        """The basis of the given city ids (every row of `cities` when None)."""
        rows = cities if ids is None else cities[cities["id"].isin(list(ids))]
        return cls(
            knowledge=tuple(zip(rows["id"], rows["knowledge"], strict=True)),
            names=tuple(zip(rows["id"], rows["name"], strict=True)),
        )

    def _ids(self, wanted) -> list[str]:
        return [city for city, state in self.knowledge if state in wanted]

    def name(self, city: str) -> str:
        return dict(self.names).get(city, city)

    @property
    def size(self) -> int:
        return len(self.knowledge)

    @property
    def entered(self) -> list[str]:
        return self._ids({PLAN_ENTERED})

    @property
    def entered_names(self) -> list[str]:
        return [self.name(c) for c in self.entered]

    @property
    def not_entered(self) -> list[str]:
        return [c for c, state in self.knowledge if state != PLAN_ENTERED]

    @property
    def broken(self) -> list[str]:
        return self._ids({BROKEN})

    @property
    def all_entered(self) -> bool:
        return bool(self.knowledge) and not self.not_entered

    @property
    def can_rank(self) -> bool:
        return len(self.entered) >= MIN_TO_RANK

    def state(self, actions: int) -> str:
        return cell_state(actions, self.all_entered)

    def rests_on(self) -> str:
        """'Based on 1 entered plan (Isernia) of 10 cities; for the other 9 only the actions
        named in the network's articles are known.' - said beside every network finding."""
        n, total = len(self.entered), self.size
        if total == 0:
            return _("No city is shown.")
        if n == total:
            return _("Based on {plans}: every shown city's plan is entered.").format(plans=_plans(n))
        named = f" ({and_list(self.entered_names)})" if 0 < n <= 3 else ""
        rest = total - n
        broken = len(self.broken)
        tail = (
            ngettext(
                "; {n} of them has a data file with a problem",
                "; {n} of them have a data file with a problem",
                broken,
            ).format(n=broken)
            if broken
            else ""
        )
        if n == 0:
            return _(
                "No shown city's plan is entered yet: this rests only on the actions named in the "
                "network's articles{tail}."
            ).format(tail=tail)
        if rest == 1:
            said = _(
                "Based on {plans}{named} of {total} cities; for the other city only the actions "
                "named in the network's articles are known{tail}."
            )
        else:
            said = _(
                "Based on {plans}{named} of {total} cities; for the other {rest} only the actions "
                "named in the network's articles are known{tail}."
            )
        return said.format(plans=_plans(n), named=named, total=total, rest=rest, tail=tail)

    def ranking_note(self) -> str:
        """Why cities are or are not ranked here."""
        if self.can_rank:
            return _("Compared among the {n} cities whose plans are entered.").format(n=len(self.entered))
        if len(self.entered) == 1:
            return _("Too little is known to compare cities: only one plan ({city}) is entered.").format(
                city=self.entered_names[0]
            )
        return _("Too little is known to compare cities: no plan is entered yet.")


def legend_rows(cities: pd.DataFrame) -> pd.DataFrame:
    """What is known about each city, as a small table for a legend: state, meaning, cities."""
    rows = []
    for state in KNOWLEDGE_STATES:
        names = list(cities.loc[cities["knowledge"] == state, "name"])
        if names:
            rows.append(
                {
                    "What is known": _(KNOWLEDGE_LABELS[state]),
                    "Cities": ", ".join(names),
                    "What it means": _(KNOWLEDGE_MEANING[state]),
                }
            )
    # The headers stay English (the page translates them where it shows the table).
    return pd.DataFrame(rows, columns=[N_("What is known"), N_("Cities"), N_("What it means")])


def legend_sentence(cities: pd.DataFrame) -> str:
    """'Plan entered: Isernia. Partly known: Agen, Fót, ... Its data file has a problem: Serres.'"""
    parts = []
    for state in KNOWLEDGE_STATES:
        names = list(cities.loc[cities["knowledge"] == state, "name"])
        if names:
            label = _(KNOWLEDGE_LABELS[state]).split(" (")[0]
            parts.append(_("{label}: {cities}.").format(label=label, cities=", ".join(names)))
    return " ".join(parts)
