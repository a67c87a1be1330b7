"""Cities' self-assessments: one file per city in data/assessments/<city>.yaml.

A self-assessment is the city's own rating of each cell of the model's two grids
(covered, partly, not covered, not relevant, with a comment). It is self-reported and
always shown apart from the mapping of the plan's actions. Files are read with the same
safe reader and plain messages as the rest of the data, and saved through the one write
path, models.changes (checked, atomic, one commit, refused if the file changed since it
was read).
"""

from __future__ import annotations

import datetime
from pathlib import Path

from pydantic import ValidationError

from words.i18n import N_

from .files import Problem, city_file_problem, read_yaml, read_yaml_text
from .messages import plain_errors
from .schema import CellRating, SelfAssessment
from .store import canonical_yaml, read_with_version, updated_text

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


def read_for_editing(data_dir: Path, city: str) -> tuple[dict | None, str]:
    """The city's saved self-assessment as plain data (None if there is none yet), and the
    file's version, to pass back to `save` so that a newer file is never overwritten."""

    path = assessment_path(data_dir, city)
    text, version = read_with_version(path)
    if not text or not text.strip():
        return None, version
    # The strict reader of every data file: an alias bomb is refused in words, never expanded.
    data, problem = read_yaml_text(text, f"{FOLDER}/{path.name}")
    if problem is not None:
        raise ValueError(f"{problem}; fix the file before changing the self-assessment here")
    return data, version


def save(
    data_dir: Path,
    city: str,
    assessed_by: str,
    ratings: list[dict],
    expected_version: str,
    context: dict,
    date: datetime.date | None = None,
    author=None,
) -> tuple[SelfAssessment, str]:
    """Validate and save a self-assessment; return it and the file's new version.

    Raises pydantic's ValidationError (nothing written) or store.ChangedOnDisk.
    Cells rated nothing are left out; their comments with them.
    """
    kept = [r for r in ratings if r.get("rating")]
    assessment = SelfAssessment.model_validate(
        {
            "city": city,
            "assessed_by": assessed_by,
            "date": (date or datetime.date.today()).isoformat(),
            "ratings": kept,
        },
        context=context,
    )
    data = assessment.model_dump(mode="json", exclude_none=True)
    # Deferred: breaks the import cycle loader -> assessments -> changes -> loader (changes
    # loads the network to check a change before writing it).
    from . import changes

    path = assessment_path(data_dir, city)
    old_text, _ = read_with_version(path)
    canonical = canonical_yaml(data, HEADER)
    new_text = updated_text(old_text, data, canonical) if old_text else canonical
    version = changes.save_one(
        data_dir,
        f"{FOLDER}/{path.name}",
        new_text,
        expected_version,
        author or changes.command_line_author(),
        f"{city}: self-assessment saved ({len(kept)} cells rated, by {assessed_by})",
    )
    return assessment, version


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


__all__ = ["CellRating", "RATINGS", "RATING_LABELS", "SelfAssessment", "load_assessments", "save"]


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
