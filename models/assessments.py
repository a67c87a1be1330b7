"""Cities' self-assessments: one file per city in data/assessments/<city>.yaml.

A self-assessment is the city's own rating of each cell of the model's two grids
(covered, partly, not covered, not relevant, with a comment). It is self-reported and
always shown apart from the mapping of the plan's actions. Files are read with the same
safe reader and plain messages as the rest of the data; saving one is the workspace's
(workspace.assessments), never here.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from words.i18n import N_

from .files import Problem, city_file_problem, read_yaml
from .messages import plain_errors
from .schema import CellRating, SelfAssessment

FOLDER = "assessments"
RATINGS = ("covered", "partly", "not_covered", "not_relevant")
# Marked for the catalog; translated where they are shown.
RATING_LABELS = {
    "covered": N_("Covered"),
    "partly": N_("Partly covered"),
    "not_covered": N_("Not covered"),
    "not_relevant": N_("Not relevant"),
}
# For the network's median: an ordinal score; "not relevant" is left out of it.
RATING_SCORES = {"not_covered": 0, "partly": 1, "covered": 2}
HEADER = (
    "Self-assessment: the city's own rating of each cell of the intervention model.\n"
    "Self-reported; written by the dashboard's My city page. Ratings: covered, partly,\n"
    "not_covered, not_relevant."
)


def assessment_path(data_dir: Path, city: str) -> Path:
    return Path(data_dir) / FOLDER / f"{city}.yaml"


def load_assessments(root: Path, context: dict, city_ids: set[str], problems: list[Problem]) -> dict:
    """Every valid self-assessment by city id; problems for the rest (the rest still load)."""
    folder = Path(root) / FOLDER
    found: dict[str, SelfAssessment] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.yaml")):
        shown_as = f"{FOLDER}/{path.name}"
        data, problem = read_yaml(path, shown_as)
        if problem:
            problems.append(problem)
            continue
        try:
            assessment = SelfAssessment.model_validate(data, context=context)
        except ValidationError as error:
            problems.extend(Problem(shown_as, p, m) for p, m in plain_errors(error))
            continue
        wrong = city_file_problem(shown_as, path, assessment.city, city_ids)
        if wrong:
            problems.append(wrong)
            continue
        found[assessment.city] = assessment
    return found


def rating_records(assessments: dict[str, SelfAssessment]) -> list[dict]:
    """One flat row per rated cell, for tables and exports."""
    rows = []
    for city, assessment in sorted(assessments.items()):
        for r in assessment.ratings:
            grid, intervention, cell = r.cell
            rows.append(
                {
                    "city": city,
                    "grid": grid,
                    "intervention": intervention,
                    "cell": cell,
                    "rating": r.rating,
                    "comment": r.comment,
                    "assessed_by": assessment.assessed_by,
                    "date": assessment.date.isoformat(),
                }
            )
    return rows


__all__ = ["CellRating", "RATINGS", "RATING_LABELS", "SelfAssessment", "load_assessments"]


def ratings_by_cell(saved: dict | None) -> dict[tuple[str, str, str], dict]:
    """A saved self-assessment (plain data, as read_for_editing gives it) by
    (grid, intervention, cell), grid being 'beneficiary' or 'support_level'."""
    found = {}
    for rating in (saved or {}).get("ratings") or []:
        if not isinstance(rating, dict):
            continue
        grid = "beneficiary" if rating.get("beneficiary") else "support_level"
        found[(grid, rating.get("intervention"), rating.get(grid))] = rating
    return found
