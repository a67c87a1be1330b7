"""A city's self-assessment beside the mapping of its plan and the network's median.

Plain functions (no streamlit). The self-assessment is what the city says of itself;
the mapping is what its plan actions cover on the model (analysis.frames.coverage_cells);
the network's median is the middle of the other cities' own ratings of the same cell
(covered = 2, partly = 1, not covered = 0; "not relevant" is left out).
"""

from __future__ import annotations

import statistics

import pandas as pd

from analysis.coverage import AXIS_KIND, AXIS_TITLE
from analysis.frames import Tables, coverage_cells, plan_actions
from analysis.gaps import GRIDS
from models.assessments import RATING_LABELS, RATING_SCORES
from words import number
from words import parts as words_parts
from words.i18n import N_, _, ngettext

SELF_REPORTED = N_("self-reported")

# Written at import: marked for the catalog, shown through `_()`.
_SCORE_LABELS = {0: N_("Not covered"), 1: N_("Partly covered"), 2: N_("Covered")}


def median_label(scores: list[int]) -> str:
    """The median of ordinal scores in words; a median between two steps says so."""
    if not scores:
        return _("no rating yet")
    middle = statistics.median(scores)
    if middle in _SCORE_LABELS:
        return _(_SCORE_LABELS[int(middle)])
    low, high = int(middle - 0.5), int(middle + 0.5)
    return _("between {low} and {high}").format(
        low=_(_SCORE_LABELS[low]).lower(), high=_(_SCORE_LABELS[high]).lower()
    )


def _plan_counts(tables: Tables, city: str) -> dict[tuple[str, str, str], list[str]]:
    cells = coverage_cells(plan_actions(tables.actions).loc[lambda rows: rows["city"] == city])
    found: dict[tuple[str, str, str], list[str]] = {}
    for grid in GRIDS:
        for intervention, cell, title in zip(cells["intervention"], cells[grid], cells["title"], strict=True):
            titles = found.setdefault((grid, intervention, cell), [])
            if title not in titles:
                titles.append(title)
    return found


def assessment_rows(tables: Tables, city: str) -> pd.DataFrame:
    """One row per cell of both grids, in the model's order: the mapping from the plan
    (`plan_actions`, titles), the city's own rating and comment (None when not rated),
    and the peer cities' median rating with how many rated the cell."""
    vocab = tables.vocabulary
    labels = vocab.labels("interventions")
    plan = _plan_counts(tables, city)
    entered = bool(tables.cities.loc[tables.cities["id"] == city, "iap_entered"].any())
    empty = _("gap") if entered else _("not known (plan not entered)")
    ratings = tables.ratings
    mine = ratings[ratings["city"] == city]
    own = {(r.grid, r.intervention, r.cell): (r.rating, r.comment) for r in mine.itertuples()}
    others: dict[tuple[str, str, str], list[int]] = {}
    for r in ratings[ratings["city"] != city].itertuples():
        if r.rating in RATING_SCORES:
            others.setdefault((r.grid, r.intervention, r.cell), []).append(RATING_SCORES[r.rating])
    rows = []
    for grid in GRIDS:
        cell_labels = vocab.labels(AXIS_KIND[grid])
        for intervention in vocab.ids("interventions"):
            for cell in vocab.ids(AXIS_KIND[grid]):
                key = (grid, intervention, cell)
                rating, comment = own.get(key, (None, None))
                scores = others.get(key, [])
                titles = plan.get(key, [])
                rows.append(
                    {
                        "grid": grid,
                        "intervention": intervention,
                        "cell": cell,
                        "Grid": _(AXIS_TITLE[grid]),
                        "Intervention": labels[intervention],
                        "Cell": cell_labels[cell],
                        "plan_actions": len(titles),
                        "From the plan": ngettext("{n} plan action", "{n} plan actions", len(titles)).format(
                            n=number(len(titles))
                        )
                        if titles
                        else empty,
                        "Plan actions there": words_parts(titles),
                        "rating": rating,
                        # The rating's label from models.assessments, in the language in use
                        # when the catalog has it.
                        "Own rating (self-reported)": _(RATING_LABELS[rating])
                        if rating in RATING_LABELS
                        else _("not rated"),
                        "Comment": comment or "",
                        "Network median (self-reported)": median_label(scores),
                        "Cities rating it": len(scores),
                    }
                )
    return pd.DataFrame(rows)


def disagreements(rows: pd.DataFrame) -> pd.DataFrame:
    """Cells where the city's own rating and the mapping of its plan point different ways:
    rated covered/partly with no plan action there, or not covered with plan actions."""
    said_yes = rows["rating"].isin(["covered", "partly"]) & (rows["plan_actions"] == 0)
    said_no = rows["rating"].eq("not_covered") & (rows["plan_actions"] > 0)
    return rows[said_yes | said_no]


def assessment_summary(rows: pd.DataFrame, city_name: str) -> str:
    rated = rows["rating"].notna()
    if not rated.any():
        return _("{city} has not assessed itself yet.").format(city=city_name)
    odd = disagreements(rows)
    said = {"city": city_name, "rated": int(rated.sum()), "total": len(rows), "self": _(SELF_REPORTED)}
    if odd.empty:
        return _(
            "{city} rated {rated} of {total} cells ({self}); its ratings agree with where its plan actions fall."
        ).format(**said)
    return _(
        "{city} rated {rated} of {total} cells ({self}); in {differ} of them its rating and the mapping of its plan differ."
    ).format(**said, differ=len(odd))


# Headers in English (other code reads them), marked for the catalog: the page translates
# them where it shows the table.
EXPORT_COLUMNS = [
    N_("Grid"),
    N_("Intervention"),
    N_("Cell"),
    N_("From the plan"),
    N_("Plan actions there"),
    N_("Own rating (self-reported)"),
    N_("Comment"),
    N_("Network median (self-reported)"),
    N_("Cities rating it"),
]


def export_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The readable columns, for the table on screen and the CSV/Excel downloads."""
    return rows[EXPORT_COLUMNS].reset_index(drop=True)
