"""Progress reports: values reported for the actions' indicators, one file per city in
data/progress/<city>.yaml.

Reports are only ever added: a later report never replaces an earlier one (the newest by
date counts as the latest value; the others stay as the history). Files are read with the
same safe reader and plain messages as the rest of the data, and saved through the one
write path, models.changes (checked, atomic, one commit, refused if the file changed since
it was read).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from words.i18n import N_, said

from .files import Problem, city_file_problem, read_yaml, read_yaml_text
from .messages import plain_errors
from .schema import ProgressFile, ProgressReport
from .store import MISSING, ChangedOnDisk, canonical_yaml, read_with_version, updated_text

FOLDER = "progress"
HEADER = (
    "Progress reports: values reported for the city's indicators. Reports are only ever added;\n"
    "written by the dashboard's Progress page (or by hand, then checked with `python -m models validate`)."
)


def progress_path(data_dir: Path, city: str) -> Path:
    return Path(data_dir) / FOLDER / f"{city}.yaml"


def indicator_index(cities) -> dict[str, dict[str, object]]:
    """action id -> {indicator id -> Indicator} for every loaded city plan."""
    return {
        action.id: {i.id: i for i in action.indicators if i.id} for plan in cities for action in plan.actions
    }


def load_progress(
    root: Path, context: dict, cities, problems: list[Problem]
) -> dict[str, list[ProgressReport]]:
    """Every valid report by city id; problems name the file and the report."""
    folder = Path(root) / FOLDER
    found: dict[str, list[ProgressReport]] = {}
    if not folder.is_dir():
        return found
    city_ids = {plan.city.id for plan in cities}
    city_of_action = {action.id: plan.city.id for plan in cities for action in plan.actions}
    indicators = indicator_index(cities)
    for path in sorted(folder.glob("*.yaml")):
        shown_as = f"{FOLDER}/{path.name}"
        data, problem = read_yaml(path, shown_as)
        if problem:
            problems.append(problem)
            continue
        raw_reports = data.get("reports") if isinstance(data, dict) else None
        try:
            header = ProgressFile.model_validate({**data, "reports": []}, context=context)
        except ValidationError as error:
            problems.extend(Problem(shown_as, p, m) for p, m in plain_errors(error))
            continue
        wrong = city_file_problem(shown_as, path, header.city, city_ids)
        if wrong:
            problems.append(wrong)
            continue
        if raw_reports is None:
            raw_reports = []
        if not isinstance(raw_reports, list):
            problems.append(
                Problem(
                    shown_as, "reports", said(N_("must be a list of reports, each starting with '- action:'"))
                )
            )
            continue
        kept = []
        for number, item in enumerate(raw_reports, start=1):
            label = f"reports[{number}]"
            try:
                report = ProgressReport.model_validate(item, context=context)
            except ValidationError as error:
                problems.extend(Problem(shown_as, p, m) for p, m in plain_errors(error, label))
                continue
            if city_of_action.get(report.action) != header.city:
                problems.append(
                    Problem(
                        shown_as,
                        f"{label}.action",
                        said(
                            N_("'{action}' is not an action of {city}"),
                            action=report.action,
                            city=header.city,
                        ),
                    )
                )
                continue
            if report.indicator not in indicators.get(report.action, {}):
                known = ", ".join(indicators.get(report.action, {})) or said(N_("none with an id"))
                problems.append(
                    Problem(
                        shown_as,
                        f"{label}.indicator",
                        said(
                            N_("'{indicator}' is not an indicator of {action} (its indicators: {known})"),
                            indicator=report.indicator,
                            action=report.action,
                            known=known,
                        ),
                    )
                )
                continue
            kept.append(report)
        found[header.city] = kept
    return found


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
    # Deferred: breaks the import cycle loader -> progress -> changes -> loader (changes
    # loads the network to check a change before writing it).
    from . import changes

    shown_as, text, version, new = _with_reports(data_dir, city, reports, context, expected_version)
    return changes.save_one(
        data_dir, shown_as, text, version, author or changes.command_line_author(), _said(city, new)
    )


def add_reports_of_cities(data_dir: Path, reports: dict[str, list[dict]], context: dict, author=None) -> None:
    """Add the reports of several cities ({city: [report, ...]}) in one change: every file or none."""
    # Deferred: breaks the import cycle loader -> progress -> changes -> loader (changes
    # loads the network to check a change before writing it).
    from . import changes

    texts, versions, said = {}, {}, []
    for city, listed in reports.items():
        shown_as, text, version, new = _with_reports(data_dir, city, listed, context, None)
        texts[shown_as], versions[shown_as] = text, version
        said.append(_said(city, new))
    if texts:
        changes.save(data_dir, texts, versions, author or changes.command_line_author(), " | ".join(said))
