"""Editing a city's plan: open its file, check a changed version, save it, read its history.

No streamlit here: the editing page (pages/edit.py) calls these, and tests call them
directly. A save is checked with exactly the rules and messages of `python -m models
validate` (the candidate text is put into a temporary copy of the data folder and the
whole network loaded), then written by models.store.save_text: canonical form, atomic,
the previous version kept, refused when the file changed since it was opened.
"""

from __future__ import annotations

import copy
import difflib
import re
import shutil
import tempfile
import typing
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import store
from .files import Problem, read_yaml
from .loader import load_network
from .schema import Action, City, Source


class EditError(Exception):
    """Something the person can act on, in words (a file missing, unreadable, not writable)."""


class Refused(Exception):
    """The changed plan has problems: nothing was written."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) to fix before saving")
        self.problems = problems


@dataclass(frozen=True)
class Opened:
    """A city file as the editor read it: its text, its version (to refuse lost updates), its data."""

    city_id: str
    path: Path
    shown_as: str  # cities/<id>.yaml, as problems name it
    text: str
    version: str
    data: dict

    def working_copy(self) -> dict:
        return copy.deepcopy(self.data)


def city_file(data_dir: Path, city_id: str) -> tuple[Path, str]:
    shown_as = f"cities/{city_id}.yaml"
    return Path(data_dir) / shown_as, shown_as


def open_city(data_dir: Path, city_id: str) -> Opened:
    """Read a city's file for editing (EditError, in words, when it cannot be edited)."""
    path, shown_as = city_file(data_dir, city_id)
    text, version = store.read_with_version(path)
    if text is None:
        raise EditError(
            f"{shown_as} does not exist any more. Reload the page to see the cities as they are now."
        )
    data, problem = read_yaml(path, shown_as)
    if problem is not None:
        raise EditError(
            f"{problem} - fix the file by hand (or restore an earlier version) before editing it here."
        )
    return Opened(city_id, path, shown_as, text, version, data)


def candidate_text(data: dict, opened_text: str) -> str:
    """The text a changed plan is saved as: canonical form, the file's header comment kept."""
    return store.city_yaml(data, header=store.leading_comment(opened_text or ""))


def _copy_of_data(data_dir: Path, into: Path) -> Path:
    target = into / "data"
    shutil.copytree(data_dir, target, ignore=shutil.ignore_patterns(store.HISTORY_DIR, ".*.lock", ".*.tmp"))
    return target


def problems_with(
    data_dir: Path, changes: dict[str, str], before: list[Problem] | None = None
) -> list[Problem]:
    """The problems that saving `changes` ({'cities/x.yaml': text, ...}) would leave.

    Every problem in a changed file counts, and any new problem elsewhere (an action
    removed that a practice still names, say). Problems other files already had do not
    block a save (`before`: the problems of the data as it is; read when not given).
    """
    data_dir = Path(data_dir)
    if before is None:
        before = load_network(data_dir).problems
    with tempfile.TemporaryDirectory(prefix="iap-check-") as temporary:
        copy_dir = _copy_of_data(data_dir, Path(temporary))
        for shown_as, text in changes.items():
            (copy_dir / shown_as).parent.mkdir(parents=True, exist_ok=True)
            (copy_dir / shown_as).write_text(text, encoding="utf-8")
        after = load_network(copy_dir).problems
    known = set(before)
    return [p for p in after if p.file in changes or p not in known]


def save_city(data_dir: Path, opened: Opened, data: dict, before: list[Problem] | None = None) -> Opened:
    """Check and save a changed plan; return the file as now saved (to go on editing).

    Raises Refused (problems, nothing written), store.ChangedOnDisk (someone else saved
    first, nothing written) or EditError (the disk refused the write; the old file is whole).
    """
    text = candidate_text(data, opened.text)
    return _save_checked(data_dir, opened, text, before)


def _save_checked(data_dir: Path, opened: Opened, text: str, before: list[Problem] | None) -> Opened:
    problems = problems_with(data_dir, {opened.shown_as: text}, before)
    if problems:
        raise Refused(problems)
    try:
        version = store.save_text(data_dir, opened.path, text, opened.version)
    except OSError as error:
        raise EditError(
            f"{opened.shown_as} could not be written ({error.strerror or error}). Nothing was changed: "
            "the file is as it was before you pressed Save."
        ) from error
    return Opened(opened.city_id, opened.path, opened.shown_as, text, version, yaml.safe_load(text))


def restore_version(
    data_dir: Path, opened: Opened, version: store.Version, before: list[Problem] | None = None
) -> Opened:
    """Put an earlier version back, checked like any save; the current one goes into the history."""
    return _save_checked(data_dir, opened, version.path.read_text(encoding="utf-8"), before)


# --- new records ---------------------------------------------------------------------------


def next_action_id(city_id: str, taken) -> str:
    """'fot-a4' after fot-a1..fot-a3: the pattern the bundled data uses for plan actions."""
    numbers = [int(m.group(1)) for t in taken if (m := re.fullmatch(rf"{re.escape(city_id)}-a(\d+)", str(t)))]
    number = max(numbers, default=0) + 1
    while f"{city_id}-a{number}" in set(map(str, taken)):
        number += 1
    return f"{city_id}-a{number}"


def new_action(city_id: str, taken, sources: list[str]) -> dict:
    """A blank plan action: the person fills in what the plan says; validation names what is missing."""
    return {
        "id": next_action_id(city_id, taken),
        "title": "",
        "kind": "iap_action",
        "description": "",
        "interventions": [],
        "beneficiaries": [],
        "model_reason": "",
        "sources": list(sources[:1]),
    }


def set_field(record: dict, model: type, name: str, value) -> None:
    """Put a form's value into a record as the file should hold it.

    Empty values of optional fields are left out (the file stays short); a field that
    must be given but may be unknown is written as null; a required field left empty is
    kept empty so that validation names it.
    """
    info = model.model_fields[name]
    empty = value is None or value == "" or value == []
    if not empty:
        record[name] = value
        return
    nullable = type(None) in typing.get_args(info.annotation)
    if not info.is_required():
        record.pop(name, None)
    elif nullable:
        record[name] = None
    elif value is None:
        record.pop(name, None)  # reported as "is missing"
    else:
        record[name] = value  # "" or []: reported as empty


def slug(text: str) -> str:
    """A record id from a title: 'Jumilla news, 2025' -> 'jumilla-news-2025'."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words)[:60].strip("-")


def add_source(data_dir: Path, source: dict, before: list[Problem] | None = None) -> str:
    """Add a source document to sources.yaml (checked, atomic, kept in the history); return its id."""
    path = Path(data_dir) / "sources.yaml"
    text, version = store.read_with_version(path)
    if text is None:
        raise EditError("sources.yaml does not exist, so no source can be added to it.")
    data, problem = read_yaml(path, "sources.yaml")
    if problem is not None:
        raise EditError(f"{problem} - fix the file by hand before adding sources here.")
    record = {}
    for name in Source.model_fields:
        if name in source:
            set_field(record, Source, name, source[name])
    record.setdefault("address", None)
    listed = list(data.get("sources") or [])
    if any(isinstance(s, dict) and s.get("id") == record.get("id") for s in listed):
        raise Refused(
            [
                Problem(
                    "sources.yaml",
                    f"sources[{record.get('id')}].id",
                    f"the id '{record.get('id')}' is already used by another source; choose another",
                )
            ]
        )
    new_text = _appended(text, data, "sources", record)
    problems = problems_with(data_dir, {"sources.yaml": new_text}, before)
    if problems:
        raise Refused(problems)
    try:
        store.save_text(data_dir, path, new_text, version)
    except OSError as error:
        raise EditError(
            f"sources.yaml could not be written ({error.strerror or error}); nothing was changed."
        ) from error
    return record["id"]


def _appended(text: str, data: dict, key: str, record: dict) -> str:
    """`text` with `record` added at the end of its list `key`: the lines already there stay as
    they are (a one-record diff), when the list is the file's last part; else the whole file
    in canonical form."""
    item = store.canonical_yaml({key: [record]}).split("\n", 1)[1]
    candidate = text.rstrip("\n") + "\n" + item
    expected = {**data, key: [*(data.get(key) or []), record]}
    try:
        if yaml.safe_load(candidate) == expected:
            return candidate
    except yaml.YAMLError:
        pass
    return store.canonical_yaml(expected, header=store.leading_comment(text))


# --- what changed ----------------------------------------------------------------------------


def _action_name(action: dict) -> str:
    title = action.get("title")
    return f"{action.get('id')} ({title})" if title else str(action.get("id"))


def _fields(old: dict, new: dict, order) -> list[str]:
    keys = [k for k in order if k in old or k in new] + sorted((set(old) | set(new)) - set(order))
    return [k for k in keys if old.get(k) != new.get(k)]


def describe_changes(old: dict | None, new: dict | None) -> list[str]:
    """What differs between two versions of a city file, in short sentences."""
    old = old if isinstance(old, dict) else {}
    new = new if isinstance(new, dict) else {}
    said = []
    profile = _fields(
        {k: v for k, v in old.items() if k != "actions"},
        {k: v for k, v in new.items() if k != "actions"},
        City.model_fields,
    )
    if profile:
        said.append("city: " + ", ".join(profile) + " changed")
    old_actions = [a for a in old.get("actions") or [] if isinstance(a, dict)]
    new_actions = [a for a in new.get("actions") or [] if isinstance(a, dict)]
    before = {a.get("id"): a for a in old_actions}
    after = {a.get("id"): a for a in new_actions}
    for action in new_actions:
        if action.get("id") not in before:
            said.append(f"action {_action_name(action)} added")
    for action in old_actions:
        if action.get("id") not in after:
            said.append(f"action {_action_name(action)} removed")
    for action in new_actions:
        earlier = before.get(action.get("id"))
        if earlier is not None and earlier != action:
            said.append(
                f"action {_action_name(action)}: "
                + ", ".join(_fields(earlier, action, Action.model_fields))
                + " changed"
            )
    kept_order = [a for a in after if a in before]
    if not said and [a for a in before if a in after] != kept_order:
        said.append("actions put in another order")
    if not said and old != new:
        said.append("layout or comments changed")
    return said


def text_diff(old_text: str, new_text: str, limit: int = 200) -> str:
    lines = list(
        difflib.unified_diff(
            old_text.splitlines(), new_text.splitlines(), "before", "after", lineterm="", n=1
        )
    )
    if len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more lines)"]
    return "\n".join(lines)


@dataclass(frozen=True)
class HistoryEntry:
    version: store.Version
    changes: list[str]  # what the save that replaced this version changed
    diff: str


def _parsed(text: str):
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None


def history_entries(data_dir: Path, path: Path, current_text: str, limit: int = 30) -> list[HistoryEntry]:
    """Earlier versions of a file, newest first, each with what the save that replaced it changed."""
    versions = store.history(data_dir, path)[:limit]
    newer_text = current_text
    entries = []
    for version in versions:
        text = version.path.read_text(encoding="utf-8")
        entries.append(
            HistoryEntry(
                version, describe_changes(_parsed(text), _parsed(newer_text)), text_diff(text, newer_text)
            )
        )
        newer_text = text
    return entries
