"""Saving a city's self-assessment in data/assessments/<city>.yaml, through the one write
path, workspace.changes (checked, atomic, one commit, refused if the file changed since it was
read). Reading the self-assessments is the read side's (models.assessments).
"""

from __future__ import annotations

import datetime
from pathlib import Path

from models.assessments import FOLDER, HEADER, assessment_path
from models.files import read_yaml_text
from models.schema import SelfAssessment

from . import changes
from .store import read_with_version
from .yaml_format import canonical_yaml, updated_text


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
