"""Importing a workbook (formats.workbook) back into the city files, all or nothing.

`plan_import` reads the workbook and the current files (remembering each file's version),
builds every city's new file text, and checks the result with the loader's own rules in a
scratch copy of the data folder. Only if the workbook holds no problem at all does the
plan carry changes; `apply` then hands them all to the one write path (workspace.changes),
which writes every changed file or none, as one commit.

Unchanged values keep the exact form they have in the file (a number written 9800.0 stays
9800.0, a field left out stays out), so exporting and importing back without changes
rewrites nothing and leaves every file byte-identical.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from models import fields
from models.files import WHOLE_FILE, read_yaml
from models.loader import load_network, resolve_data_dir
from words.i18n import N_, _, said
from workspace import changes, store, yaml_format

from . import upload_limits
from .workbook import (
    CITY_FIELD_COLUMNS,
    CellProblem,
    Row,
    action_field_columns,
    read_workbook,
    read_workbook_isolated,
    yes_no_value,
)

NEW_CITY_HEADER = "{name}'s plan, entered from a spreadsheet (python -m models import)."


@dataclass
class FileChange:
    path: Path  # the city file
    city: str
    old_text: str | None  # None: a new file
    new_text: str
    version: str  # the version read before the import
    summary: list[str] = field(default_factory=list)  # what changes, in words
    name: str = ""  # the city's name, as the workbook gives it

    @property
    def is_new(self) -> bool:
        return self.old_text is None


@dataclass
class ImportPlan:
    data_dir: Path
    problems: list[str] = field(default_factory=list)  # `sheet, row, column: message`
    changes: list[FileChange] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # city ids
    left_out: list[str] = field(default_factory=list)  # cities with a file but no row

    @property
    def ok(self) -> bool:
        return not self.problems


# --- building the city data from the rows --------------------------------------------------------


def _group(values: dict, **parts) -> dict | None:
    """A nested record from columns; None (unknown) when every column is empty."""
    record = {name: values[column] for name, column in parts.items()}
    return record if any(v not in (None, []) for v in record.values()) else None


def _population(v: dict) -> dict | None:
    """The population group; `approximate` only when the cell says yes or no (as the file
    leaves it out when it is not approximate)."""
    record = _group(
        v,
        value="population",
        year="population_year",
        source="population_source",
        approximate="population_approximate",
    )
    if record is not None:
        flag = yes_no_value(record.pop("approximate"))
        if flag is not None:
            record["approximate"] = flag
    return record


def _city_data(row: Row) -> dict:
    v = row.values
    focus = _group(v, areas="focus_areas", emphasis="focus_emphasis", source="focus_source")
    if focus is not None:
        focus["areas"] = focus["areas"] or []
        focus["emphasis"] = focus["emphasis"] or []
    return {
        "id": v["id"],
        "name": v["name"],
        "country": v["country"],
        "role": v["role"],
        "location": _group(v, lat="lat", lon="lon", source="location_source"),
        "population": _population(v),
        "plan_period": _group(v, start="plan_start", end="plan_end", source="plan_source"),
        "iap_document": _group(v, title="iap_title", source="iap_source"),
        "focus_areas": focus,
        "summary": v["summary"],
        "sources": v["sources"] or [],
    }


def _action_data(row: Row, partners: list, indicators: list, inspirations: list) -> dict:
    """An Actions row (and its rows in the other sheets) as the city file holds the action,
    field by field from the registry (models.fields), in the schema's order; a group whose
    columns are all empty is unknown (null)."""
    v = row.values
    from_sheets = {"Partners": partners, "Indicators": indicators, "Inspirations": inspirations}
    data: dict = {}
    for one in fields.in_file_order():
        sheet = one.described.sheet
        value = v[one.name] if sheet == "Actions" else from_sheets[sheet]
        if one.group is None:
            data[one.path[0]] = (value or []) if one.described.kind == "list" else value
        else:
            data.setdefault(one.group, {})[one.path[-1]] = value
    for group in fields.groups():
        values = data[group]
        if all(value in (None, []) for value in values.values()):
            data[group] = None
        else:
            for one in fields.in_file_order():
                if one.group == group and one.described.kind == "list":
                    values[one.path[-1]] = values[one.path[-1]] or []
    return data


def _indicator(v: dict) -> dict:
    """An Indicators row as the file holds it: the numeric target's fields only when given."""
    item = {"id": v.get("id")} if v.get("id") else {}
    item |= {"indicator": v["indicator"], "target": v["target"]}
    item |= {k: v.get(k) for k in ("target_value", "unit", "period") if v.get(k) is not None}
    return item


# --- keeping the form of unchanged values -----------------------------------------------------------


def reconcile(old, new):
    """`new`, except that every part meaning the same as in `old` keeps `old`'s exact form."""
    if fields.meaning(old) == fields.meaning(new):
        return old
    if isinstance(old, dict) and isinstance(new, dict):
        merged = {}
        for key, value in new.items():
            if key in old:
                merged[key] = reconcile(old[key], value)
            elif fields.meaning(value) is not None:
                merged[key] = value
        return merged
    if isinstance(old, list) and isinstance(new, list):
        by_id = {item.get("id"): item for item in old if isinstance(item, dict) and item.get("id")}
        if by_id and all(isinstance(item, dict) for item in new):
            return [reconcile(by_id[i["id"]], i) if i.get("id") in by_id else i for i in new]
        return [reconcile(old[n], item) if n < len(old) else item for n, item in enumerate(new)]
    return new


# --- what changes, in words --------------------------------------------------------------------------


def _describe(city_id: str, old: dict | None, new: dict) -> list[str]:
    twice = [
        f"actions {first} and {second} are the same in every field but their id: remove one if it was entered twice"
        for first, second in fields.duplicates(new.get("actions") or [])
    ]
    if old is None:
        return [f"new city with {len(new.get('actions') or [])} actions", *twice]
    lines = []
    changed = [k for k in new if k != "actions" and fields.meaning(old.get(k)) != fields.meaning(new.get(k))]
    if changed:
        lines.append("city fields changed: " + ", ".join(changed))
    old_actions = {a.get("id"): a for a in old.get("actions") or [] if isinstance(a, dict)}
    new_actions = {a.get("id"): a for a in new.get("actions") or []}
    for action_id, action in new_actions.items():
        if action_id not in old_actions:
            lines.append(f"new action {action_id}: {action.get('title')}")
        elif said := fields.changes(old_actions[action_id], action):
            lines.append(f"action {action_id}: " + "; ".join(said))
    lines.extend(f"action {a} removed" for a in old_actions if a not in new_actions)
    if [a for a in new_actions if a in old_actions] != [a for a in old_actions if a in new_actions]:
        lines.append("actions put in a new order")
    return lines + twice


# --- placing a data problem in a cell --------------------------------------------------------------


_ACTION_PATH = re.compile(r"^actions\[([^\]]+)\]\.?(.*)$")
_CHILD_PATH = re.compile(r"^(partners|indicators|inspired_by)\[(\d+)\]\.?(.*)$")
_CHILD_COLUMNS = {"partners": "partner", "indicators": "indicator", "inspired_by": "practice"}


def _column_for(path: str, columns: dict[str, str], default: str) -> str:
    """The workbook column of a field path: 'population.value' -> 'population';
    'sources[2]' -> 'sources'."""
    bare = re.sub(r"\[\d+\]", "", path)
    while bare:
        if bare in columns:
            return columns[bare]
        if "." not in bare:
            return bare
        bare = bare.rsplit(".", 1)[0]
    return default


@dataclass
class _Places:
    """Where each city's and action's rows are in the workbook."""

    city_rows: dict[str, int] = field(default_factory=dict)  # file name -> Cities row
    action_rows: dict[tuple[str, str], int] = field(default_factory=dict)  # (file, id or n) -> row
    child_rows: dict[tuple[str, str, str, int], tuple[str, int]] = field(
        default_factory=dict
    )  # (file, action, kind, n)


def _place(problem, places: _Places) -> CellProblem:
    if problem.message.endswith(", not None"):  # one column of a group left empty
        problem = type(problem)(
            problem.file,
            problem.path,
            "is empty; fill it in (the columns next to it are filled, so it is needed too)",
        )
    if problem.file not in places.city_rows:  # another data file, e.g. practices.yaml
        return CellProblem(problem.file, "-", problem.path, problem.message)
    match = _ACTION_PATH.match(problem.path)
    if not match:
        column = _column_for(problem.path, CITY_FIELD_COLUMNS, "id")
        return CellProblem("Cities", places.city_rows[problem.file], column, problem.message)
    action, rest = match.groups()
    row = places.action_rows.get((problem.file, action))
    child = _CHILD_PATH.match(rest)
    if child:
        kind, index, inner = child.groups()
        sheet, child_row = places.child_rows.get((problem.file, action, kind, int(index)), (None, None))
        if sheet:
            return CellProblem(sheet, child_row, inner or _CHILD_COLUMNS[kind], problem.message)
    column = _column_for(rest, action_field_columns(), "id")
    return CellProblem("Actions", row if row else "-", column, problem.message)


# --- the plan ------------------------------------------------------------------------------------------


def plan_import(content: bytes, data_dir: str | Path | None = None, *, isolated: bool = False) -> ImportPlan:
    """Everything the workbook would change, or every problem it has (the first
    upload_limits.MAX_PROBLEMS, then a count of the rest). Writes nothing. `isolated`: parse
    the file in a process of its own with a time and memory limit (for an uploaded file)."""
    root = resolve_data_dir(data_dir)
    before = load_network(root)
    plan = ImportPlan(root)
    reader = read_workbook_isolated if isolated else read_workbook
    sheets, problems = reader(content, before.vocabulary)
    if not sheets:
        plan.problems = upload_limits.capped(problems)
        return plan

    # Cities and the rows that belong to each.
    places = _Places()
    cities: dict[str, dict] = {}
    for row in sheets.get("Cities", []):
        city_id = row.values["id"]
        if city_id is None:
            continue
        if city_id in cities:
            problems.append(
                CellProblem(
                    "Cities",
                    row.number,
                    "id",
                    _("the city '{city}' has a second row; keep one").format(city=city_id),
                )
            )
            continue
        cities[city_id] = _city_data(row) | {"actions": []}
        places.city_rows[f"cities/{city_id}.yaml"] = row.number

    children: dict[str, dict[str, list]] = {}
    action_city: dict[str, str] = {}
    for row in sheets.get("Actions", []):
        action_id, city_id = row.values["id"], row.values["city"]
        if action_id is None or city_id is None:
            continue
        if city_id not in cities:
            problems.append(
                CellProblem(
                    "Actions",
                    row.number,
                    "city",
                    _("'{city}' is not a city of the Cities sheet").format(city=city_id),
                )
            )
            continue
        if action_id in action_city:
            problems.append(
                CellProblem(
                    "Actions",
                    row.number,
                    "id",
                    _(
                        "the id '{action}' is used by another action too; every action needs its own id"
                    ).format(action=action_id),
                )
            )
            continue
        action_city[action_id] = city_id
        children[action_id] = {"partners": [], "indicators": [], "inspired_by": [], "row": row}
        file = f"cities/{city_id}.yaml"
        places.action_rows[(file, action_id)] = row.number
        places.action_rows[(file, str(sum(1 for a in action_city.values() if a == city_id)))] = row.number

    for sheet, kind, make in (
        ("Partners", "partners", lambda v: v["partner"]),
        ("Indicators", "indicators", _indicator),
        ("Inspirations", "inspired_by", lambda v: {"practice": v["practice"], "source": v["source"]}),
    ):
        for row in sheets.get(sheet, []):
            action_id = row.values["action"]
            if action_id is None:
                continue
            if action_id not in children:
                problems.append(
                    CellProblem(
                        sheet,
                        row.number,
                        "action",
                        _("'{action}' is not an action of the Actions sheet").format(action=action_id),
                    )
                )
                continue
            items = children[action_id][kind]
            items.append(make(row.values))
            file = f"cities/{action_city[action_id]}.yaml"
            places.child_rows[(file, action_id, kind, len(items))] = (sheet, row.number)

    for action_id, parts in children.items():
        data = _action_data(parts["row"], parts["partners"], parts["indicators"], parts["inspired_by"])
        cities[action_city[action_id]]["actions"].append(data)

    # New texts, keeping the form of what did not change.
    texts: dict[Path, tuple[str | None, str, str, dict | None, dict]] = {}
    for city_id, new in cities.items():
        path = root / "cities" / f"{city_id}.yaml"
        old_text, version = store.read_with_version(path)
        old = None
        if old_text is not None:
            old, problem = read_yaml(path, f"cities/{path.name}")
            if problem is not None:
                old = None
        if old is not None:
            data = reconcile(old, new)
            header = yaml_format.leading_comment(old_text)
        else:
            data = new
            header = NEW_CITY_HEADER.format(name=new.get("name") or city_id)
        canonical = yaml_format.city_yaml(data, header)
        new_text = (
            yaml_format.updated_text(old_text, yaml_format.ordered_city(data), canonical)
            if old is not None
            else canonical
        )
        texts[path] = (old_text, new_text, version, old, data)

    known = {p.stem for p in (root / "cities").glob("*.yaml")}
    plan.left_out = sorted(known - set(cities))

    # Check the result with the loader's own rules, in a scratch copy of the data folder. A cell
    # that already has a problem is not reported twice (an unreadable amount is also "missing").
    marked = {(p.sheet, p.row, p.column) for p in problems}
    marked_rows = {(p.sheet, p.row) for p in problems}
    for problem in _check(root, texts, places, before):
        if (problem.sheet, problem.row, problem.column) in marked:
            continue
        if problem.message.startswith("is missing") and (problem.sheet, problem.row) in marked_rows:
            continue
        problems.append(problem)
    plan.problems = upload_limits.capped(list(dict.fromkeys(str(p) for p in sorted(problems, key=_order))))
    if plan.problems:
        return plan
    for path, (old_text, new_text, version, old, data) in texts.items():
        city_id = path.stem
        if old_text == new_text or (old is not None and fields.meaning(old) == fields.meaning(data)):
            # Same data: the file keeps its bytes, even one not (yet) in canonical form.
            plan.unchanged.append(city_id)
            continue
        plan.changes.append(
            FileChange(
                path,
                city_id,
                old_text,
                new_text,
                version,
                _describe(city_id, old, data),
                str(data.get("name") or city_id),
            )
        )
    return plan


def _order(problem: CellProblem):
    sheets = ["(file)", "Cities", "Actions", "Partners", "Indicators", "Inspirations"]
    rank = sheets.index(problem.sheet) if problem.sheet in sheets else len(sheets)
    return (rank, problem.sheet, problem.row if isinstance(problem.row, int) else 0, problem.column)


def _check(root: Path, texts: dict, places: _Places, before) -> list[CellProblem]:
    baseline = {str(p) for p in before.problems}
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(root, copy, ignore=shutil.ignore_patterns(*store.NOT_DATA))
        for path, (_, new_text, *_rest) in texts.items():
            (copy / "cities" / path.name).write_text(new_text, encoding="utf-8")
        after = load_network(copy)
    new_problems = [p for p in after.problems if str(p) not in baseline]
    # "left out until the other problems are fixed" adds nothing to the cell's own message.
    new_problems = [p for p in new_problems if p.path != WHOLE_FILE]
    return [_place(p, places) for p in new_problems]


def apply(plan: ImportPlan, author=None) -> list[Path]:
    """Write every change of a problem-free plan, all files or none, as one commit; returns
    the files written. Refused (ChangedOnDisk, nothing written) when any file is no longer
    the version the plan read."""

    if not plan.ok:
        raise ValueError("a workbook with problems is never imported")
    if not plan.changes:
        return []
    texts = {f"cities/{c.path.name}": c.new_text for c in plan.changes}
    versions = {f"cities/{c.path.name}": c.version for c in plan.changes}
    parts = [f"{c.name or c.city}: " + ("; ".join(c.summary) or "changed") for c in plan.changes]
    message = "Spreadsheet import. " + " | ".join(parts)
    try:
        changes.save(plan.data_dir, texts, versions, author or changes.command_line_author(), message)
    except store.ChangedOnDisk as error:
        raise store.ChangedOnDisk(
            said(
                N_(
                    "A city file was changed by someone else since the workbook was checked. "
                    "Nothing was saved: export a fresh workbook and make your changes again."
                )
            )
        ) from error
    return [c.path for c in plan.changes]
