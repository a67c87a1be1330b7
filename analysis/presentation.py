"""The sequence a presenter shows at a Transnational Meeting: the network at a glance,
coverage, gaps, budgets, transfers, then one view per city: the steps, their sentences and
sources. figures/presentation.py builds each view (finding, figure, numbers, sentences,
sources); the presentation page, the PowerPoint deck and the HTML report all show them.

A sequence is written as steps: "glance", "coverage", "gaps", "budgets", "transfers" and
"city:<id>" (e.g. "city:fot"); the page keeps the chosen views and cities in its address.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from analysis.frames import Tables
from analysis.known import CELL_KEY
from words import euros, number
from words.i18n import N_, _, ngettext

# Written at import: the views' headings, marked for the catalog and shown through `_()`
# (`step_label`; the keys are the ids an address and the deck command use).
VIEWS = {
    "glance": N_("The network at a glance"),
    "coverage": N_("Coverage of the model"),
    "gaps": N_("Coverage per city: gaps and what is not known"),
    "budgets": N_("Budgets"),
    "transfers": N_("Transfers of practice"),
    "progress": N_("Progress against targets"),
}

CITY_PREFIX = "city:"


def steps(
    views: list[str] | tuple[str, ...], cities: list[str] | tuple[str, ...], tables: Tables
) -> list[str]:
    """The sequence for the chosen views (in the model order above) and cities (in their
    given order); unknown names are left out, so an old address still opens."""
    known = set(tables.cities["id"])
    chosen = [v for v in VIEWS if v in set(views)]
    return chosen + [CITY_PREFIX + c for c in dict.fromkeys(cities) if c in known]


def city_of(step: str) -> str | None:
    return step[len(CITY_PREFIX) :] if step.startswith(CITY_PREFIX) else None


def step_label(step: str, tables: Tables) -> str:
    """'Coverage of the model', or the city's name."""
    city = city_of(step)
    if city is None:
        return _(VIEWS[step])
    return _names(tables).get(city, city)


def _names(tables: Tables) -> dict[str, str]:
    return dict(zip(tables.cities["id"], tables.cities["name"], strict=False))


def cell_key_sentence() -> str:
    """What "gap" and "not known" mean, said under every grid."""
    return _(CELL_KEY)


def budget_words(by_city: pd.DataFrame, entered: bool = True) -> list[str]:
    """A city's money in one sentence: known, partly known or unknown (never €0); for a plan
    not entered, that its budget is not known."""
    lines = []
    for row in by_city.itertuples():
        if row.status == "known":
            lines.append(
                _("Plan budget: {amount}, known for every plan action.").format(
                    amount=euros(float(row.total))
                )
            )
        elif row.status == "partly known":
            lines.append(
                _(
                    "Plan budget: {amount} known for {known} of {total} plan actions; the others are unknown."
                ).format(amount=euros(float(row.total)), known=row.known, total=row.plan_actions)
            )
        elif row.status == "unknown":
            n = int(row.plan_actions)
            lines.append(
                ngettext(
                    "Plan budget unknown ({n} plan action).", "Plan budget unknown ({n} plan actions).", n
                ).format(n=number(n))
            )
        elif entered:
            lines.append(_("No plan action recorded."))
        else:
            lines.append(_("Plan budget not known: the plan is not entered."))
    return lines


def cited(actions: pd.DataFrame, moved: pd.DataFrame) -> list[dict]:
    """The sources the given actions and transfers cite, deduplicated, most cited first."""
    return cited_sources(actions, moved)


def sources_text(sources: list[dict]) -> str:
    """Sources as plain lines for slide notes: 'Title — address'."""
    if not sources:
        return _("Sources: none (nothing is shown).")
    lines = [_("Sources:")]
    for source in sources:
        address = source.get("address") or _("address not recorded")
        lines.append(f"- {source['title']} — {address}")
    return "\n".join(lines)


def _plain(text) -> str:
    return " ".join(str(text or "").replace("<br>", " ").split())


def cited_sources(actions: pd.DataFrame, moved: pd.DataFrame) -> list[dict]:
    """[{id, title, address, citations}] of the sources cited by the actions and transfers,
    deduplicated, most cited first (then by title)."""
    counts: Counter = Counter()
    known: dict[str, dict] = {}
    for source in [s for cited in actions["sources"] for s in cited] + list(moved["source"]):
        if not source:
            continue
        key = source.get("id") or source.get("address") or source.get("title")
        counts[key] += 1
        known.setdefault(key, source)
    ordered = sorted(counts, key=lambda k: (-counts[k], str(known[k].get("title") or k).casefold()))
    return [
        {
            "id": key,
            "title": str(known[key].get("title") or key),
            "address": known[key].get("address") or "",
            "citations": counts[key],
        }
        for key in ordered
    ]
