"""Recording progress: new reports added to a city's file in data/progress/<city>.yaml.

Reports are only ever added: a later report never replaces an earlier one. Saved through the
one write path, workspace.changes (checked, atomic, one commit, refused if the file changed since
it was read). Reading the reports is the read side's (models.progress).
"""

from __future__ import annotations

from pathlib import Path

from models.files import read_yaml_text
from models.progress import FOLDER, HEADER, progress_path
from models.schema import ProgressReport
from words.i18n import N_, said

from . import changes
from .store import MISSING, ChangedOnDisk, read_with_version
from .yaml_format import canonical_yaml, updated_text


def add_report(
    data_dir: Path, city: str, report: dict, context: dict, expected_version: str | None = None, author=None
) -> str:
    """Validate one new report and add it to the city's file (see add_reports)."""
    return add_reports(data_dir, city, [report], context, expected_version, author)


def _with_reports(data_dir: Path, city: str, reports: list[dict], context: dict, expected_version):
    """(file, new text, version read, the new reports) for adding `reports` to a city's file."""
    new = [ProgressReport.model_validate(report, context=context) for report in reports]
    path = progress_path(data_dir, city)
    text, version = read_with_version(path)
    if expected_version is not None and expected_version != version:
        raise ChangedOnDisk(
            said(
                N_(
                    "{name} was changed by someone else since you opened it. "
                    "Nothing was saved: reload to see their reports, then add yours again."
                ),
                name=path.name,
            )
        )
    # The strict reader of every data file: a hand-edited file with an alias bomb (or any
    # other unreadable text) is refused in words at once, never expanded.
    data, problem = read_yaml_text(text, f"{FOLDER}/{path.name}") if text and text.strip() else (None, None)
    if problem is not None:
        raise ValueError(
            f"{problem.file} cannot be read as reports ({problem.message}); fix it before adding to it"
        )
    if not isinstance(data, dict):
        data = {"city": city, "reports": []}
    kept = list(data.get("reports") or [])
    kept.extend(report.model_dump(mode="json", exclude_none=True) for report in new)
    data = {"city": city, "reports": kept}
    canonical = canonical_yaml(data, HEADER)
    new_text = updated_text(text, data, canonical) if text is not None else canonical
    return f"{FOLDER}/{path.name}", new_text, version if text is not None else MISSING, new


def _said(city: str, new) -> str:
    noun = "value" if len(new) == 1 else "values"
    listed = ", ".join(f"{r.indicator} of {r.action}" for r in new)
    return f"{city}: reported {len(new)} progress {noun} ({listed[:200]})"


def add_reports(
    data_dir: Path,
    city: str,
    reports: list[dict],
    context: dict,
    expected_version: str | None = None,
    author=None,
) -> str:
    """Validate new reports and add them to the city's file in one save; earlier reports
    are kept as they are.

    `expected_version` is the file's version when the person opened the form; when given,
    the save is refused (store.ChangedOnDisk) if someone saved in between. Raises
    pydantic's ValidationError (nothing written). Returns the file's new version.
    """
    shown_as, text, version, new = _with_reports(data_dir, city, reports, context, expected_version)
    return changes.save_one(
        data_dir, shown_as, text, version, author or changes.command_line_author(), _said(city, new)
    )


def add_reports_of_cities(data_dir: Path, reports: dict[str, list[dict]], context: dict, author=None) -> None:
    """Add the reports of several cities ({city: [report, ...]}) in one change: every file or none."""
    texts, versions, said = {}, {}, []
    for city, listed in reports.items():
        shown_as, text, version, new = _with_reports(data_dir, city, listed, context, None)
        texts[shown_as], versions[shown_as] = text, version
        said.append(_said(city, new))
    if texts:
        changes.save(data_dir, texts, versions, author or changes.command_line_author(), " | ".join(said))
