"""Progress reports: values reported for the actions' indicators, one file per city in
data/progress/<city>.yaml.

Reports are only ever added: a later report never replaces an earlier one (the newest by
date counts as the latest value; the others stay as the history). Files are read with the
same safe reader and plain messages as the rest of the data, and new reports are
added by the workspace (workspace.progress), never here.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from words.i18n import N_, said

from .files import Problem, city_file_problem, read_yaml
from .messages import plain_errors
from .schema import ProgressFile, ProgressReport

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
