"""Editing a city's plan: open its file, check a changed version, save it, read its history.

No streamlit here: the editing page (pages/edit.py) calls these, and tests call them
directly. Saves go through the one write path (workspace.changes.save): checked with exactly
the rules and messages of `python -m models validate` in a scratch copy, written whole or
not at all, refused when the file changed since it was opened, recorded as one git commit
by the person who saved, with a message in words. Only what changed is rewritten: the
file's comments, key order and quoting stay (workspace.yaml_format.updated_text).
"""

from __future__ import annotations

import copy
import difflib
import re
import typing
from dataclasses import dataclass
from pathlib import Path

import yaml

import words
from models import schema
from models.fields import FIELD_WORDS, field_at
from models.fields import changes as field_changes
from models.files import Problem, plain_yaml, read_yaml
from models.schema import Action, City, Source
from words.i18n import N_, _, said

from . import changes, history, store, yaml_format
from .changes import Author, EditError, Refused, command_line_author, problems_with

__all__ = ["Author", "EditError", "Refused", "problems_with"]


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
            said(
                N_("{file} does not exist any more. Reload the page to see the cities as they are now."),
                file=shown_as,
            )
        )
    data, problem = read_yaml(path, shown_as)
    if problem is not None:
        raise EditError(
            said(
                N_(
                    "{problem} – fix the file by hand (or restore an earlier version) before editing it here."
                ),
                problem=said(
                    "{file}: {path}: {message}", file=problem.file, path=problem.path, message=problem.message
                ),
            )
        )
    return Opened(city_id, path, shown_as, text, version, data)


def candidate_text(data: dict, opened_text: str) -> str:
    """The text a changed plan is saved as: the file as it was with only what changed
    rewritten (comments, key order and quoting kept); canonical form for a new file."""
    canonical = yaml_format.city_yaml(data, header=yaml_format.leading_comment(opened_text or ""))
    return yaml_format.updated_text(opened_text, yaml_format.ordered_city(data), canonical)


def save_city(
    data_dir: Path,
    opened: Opened,
    data: dict,
    before: list[Problem] | None = None,
    author: Author | None = None,
) -> Opened:
    """Check and save a changed plan as one commit; return the file as now saved (to go on
    editing).

    Raises Refused (problems, nothing written), store.ChangedOnDisk (someone else saved
    first, nothing written), changes.NotAllowed or EditError (the disk refused the write;
    the old file is whole).
    """
    text = candidate_text(data, opened.text)
    message = change_message(_name_of(data, opened), opened.data, data)
    return _save_checked(data_dir, opened, text, before, author, message)


def _name_of(data, opened: Opened) -> str:
    for record in (data, opened.data):
        if isinstance(record, dict) and record.get("name"):
            return str(record["name"])
    return opened.city_id


def _save_checked(
    data_dir: Path,
    opened: Opened,
    text: str,
    before: list[Problem] | None,
    author: Author | None,
    message: str,
) -> Opened:
    version = changes.save_one(
        data_dir,
        opened.shown_as,
        text,
        opened.version,
        author or command_line_author(),
        message,
        before=before,
    )
    return Opened(opened.city_id, opened.path, opened.shown_as, text, version, plain_yaml(text))


def restore_version(
    data_dir: Path,
    opened: Opened,
    commit: str,
    before: list[Problem] | None = None,
    author: Author | None = None,
) -> Opened:
    """Put the city file back as commit `commit` left it, as a new commit (checked like any save)."""
    changes.restore(
        data_dir, commit, [opened.shown_as], author or command_line_author(), _name_of(None, opened), before
    )
    return open_city(data_dir, opened.city_id)


# --- values written by hand in another form ---------------------------------------------------

_LISTS = {
    "city": ("sources",),
    "focus_areas": ("areas", "emphasis"),
    "action": ("interventions", "beneficiaries", "target_groups", "partners", "sources"),
    "budget": ("funding_sources",),
}
_TEXTS = ("number", "title", "description", "model_reason", "lead", "notes")


def _repair_lists(record: dict, names, done: list[str], where: str) -> None:
    for name in names:
        value = record.get(name)
        if isinstance(value, str):
            record[name] = [value]
            done.append(said(N_("{where}{field}: one value made into a list"), where=where, field=name))
        elif isinstance(value, list) and len(set(map(repr, value))) < len(value):
            record[name] = list({repr(v): v for v in value}.values())
            done.append(said(N_("{where}{field}: repeated values listed once"), where=where, field=name))


def repair_shapes(data: dict) -> list[str]:
    """Put values written by hand in a nearly right form into the form the schema wants, in place:
    one id where a list belongs becomes a list, a repeated id is listed once, a number given for a
    text (like `number: 3`) becomes text. Returns what was done, to show before saving."""
    done: list[str] = []
    if not isinstance(data, dict):
        return done
    # Where each repair was made: the field's path, as the file names it (the words around it
    # are said in the reader's language where they are shown).
    _repair_lists(data, _LISTS["city"], done, "")
    if isinstance(data.get("focus_areas"), dict):
        _repair_lists(data["focus_areas"], _LISTS["focus_areas"], done, "focus_areas.")
    for action in data.get("actions") or []:
        if not isinstance(action, dict):
            continue
        where = f"actions[{action.get('id')}]."
        _repair_lists(action, _LISTS["action"], done, where)
        if isinstance(action.get("budget"), dict):
            _repair_lists(action["budget"], _LISTS["budget"], done, where + "budget.")
        for name in _TEXTS:
            value = action.get(name)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                action[name] = str(whole_number(value))
                done.append(said(N_("{where}{field}: the number made into text"), where=where, field=name))
    return done


def whole_number(value):
    """3.0 -> 3: a form's number as the file holds it."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


# --- new records ---------------------------------------------------------------------------


def create_city(
    data_dir: Path, record: dict, before: list[Problem] | None = None, author: Author | None = None
) -> Opened:
    """A new city file from its first fields (id, name, country, role, sources), checked like
    any save; refused when a file of that name exists (nothing is overwritten)."""
    city = {}
    for name in ("id", "name", "country", "role", "sources"):
        if name in record:
            set_field(city, City, name, record[name])
    city["actions"] = []
    city_id = str(city.get("id") or "")
    if not schema.ID_PATTERN.match(city_id):
        raise Refused(
            [
                Problem(
                    "cities/",
                    "id",
                    said(N_("must be lower-case letters, digits and single hyphens, like 'skofja-loka'")),
                )
            ]
        )
    path, shown_as = city_file(data_dir, city_id)
    if path.exists():
        raise Refused(
            [
                Problem(
                    shown_as,
                    "id",
                    said(N_("a city with the id '{id}' exists already; choose it in the list"), id=city_id),
                )
            ]
        )
    text = yaml_format.city_yaml(
        city, header=f"{city.get('name') or city_id}, entered in the dashboard's editing page."
    )
    opened = Opened(city_id, path, shown_as, "", store.MISSING, {})
    message = f"{city.get('name') or city_id}: new city added"
    return _save_checked(data_dir, opened, text, before, author, message)


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


ID_LENGTH = 60  # a record id made from a title has at most this many characters


def slug(text: str) -> str:
    """A record id from a title: 'Jumilla news, 2025' -> 'jumilla-news-2025'."""
    return words.slug(text, limit=ID_LENGTH)


def add_source(
    data_dir: Path, source: dict, before: list[Problem] | None = None, author: Author | None = None
) -> str:
    """Add a source document to sources.yaml (checked, atomic, one commit); return its id."""
    path = Path(data_dir) / "sources.yaml"
    text, version = store.read_with_version(path)
    if text is None:
        raise EditError(said(N_("sources.yaml does not exist, so no source can be added to it.")))
    data, problem = read_yaml(path, "sources.yaml")
    if problem is not None:
        raise EditError(
            said(
                N_("{problem} – fix the file by hand before adding sources here."),
                problem=said(
                    "{file}: {path}: {message}", file=problem.file, path=problem.path, message=problem.message
                ),
            )
        )
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
                    said(
                        N_("the id '{id}' is already used by another source; choose another"),
                        id=record.get("id"),
                    ),
                )
            ]
        )
    new_text = _appended(text, data, "sources", record)
    message = f"Sources: added '{record.get('title') or record.get('id')}'"
    changes.save_one(
        data_dir, "sources.yaml", new_text, version, author or command_line_author(), message, before=before
    )
    return record["id"]


def _appended(text: str, data: dict, key: str, record: dict) -> str:
    """`text` with `record` added at the end of its list `key`: the lines already there stay as
    they are (a one-record diff), when the list is the file's last part; else the whole file
    in canonical form."""
    item = yaml_format.canonical_yaml({key: [record]}).split("\n", 1)[1]
    candidate = text.rstrip("\n") + "\n" + item
    expected = {**data, key: [*(data.get(key) or []), record]}
    try:
        if plain_yaml(candidate) == expected:
            return candidate
    except yaml.YAMLError:
        pass
    return yaml_format.canonical_yaml(expected, header=yaml_format.leading_comment(text))


# --- what changed ----------------------------------------------------------------------------


def _action_name(action: dict) -> str:
    title = action.get("title")
    return f"{action.get('id')} ({title})" if title else str(action.get("id"))


def _fields(old: dict, new: dict, order) -> list[str]:
    keys = [k for k in order if k in old or k in new] + sorted((set(old) | set(new)) - set(order))
    return [k for k in keys if old.get(k) != new.get(k)]


def _field_words(names: list[str]) -> str:
    """Fields by the page's words; a field added to the schema since, by its registry label."""
    said = []
    for name in names:
        if name in FIELD_WORDS:
            said.append(_(FIELD_WORDS[name]))
        elif (field := field_at(name)) is not None:
            said.append(_(field.label).lower())
        else:
            said.append(name)
    return ", ".join(said)


def describe_changes(old: dict | None, new: dict | None, vocabulary=None) -> list[str]:
    """What differs between two versions of a city file, in short sentences in the language in
    use (shown on the editing page, which calls it for the person reading); with `vocabulary`,
    a choice is said by its label, as the form shows it."""
    old = old if isinstance(old, dict) else {}
    new = new if isinstance(new, dict) else {}
    out = []
    profile = _fields(
        {k: v for k, v in old.items() if k != "actions"},
        {k: v for k, v in new.items() if k != "actions"},
        City.model_fields,
    )
    if profile:
        out.append(_("city: {fields} changed").format(fields=_field_words(profile)))
    old_actions = [a for a in old.get("actions") or [] if isinstance(a, dict)]
    new_actions = [a for a in new.get("actions") or [] if isinstance(a, dict)]
    before = {a.get("id"): a for a in old_actions}
    after = {a.get("id"): a for a in new_actions}
    for action in new_actions:
        if action.get("id") not in before:
            out.append(_("action {action} added").format(action=_action_name(action)))
    for action in old_actions:
        if action.get("id") not in after:
            out.append(_("action {action} removed").format(action=_action_name(action)))
    for action in new_actions:
        earlier = before.get(action.get("id"))
        if earlier is not None and earlier != action:
            # Each field by the form's label with its old and new value, as the workbook says it;
            # a change of form only (a space typed after a text) is still named, by the field's words.
            if said := field_changes(earlier, action, Action, vocabulary):
                out.append(
                    _("action {action}: {changes}").format(
                        action=_action_name(action), changes="; ".join(said)
                    )
                )
            else:
                fields = _field_words(_fields(earlier, action, Action.model_fields))
                out.append(
                    _("action {action}: {fields} changed").format(action=_action_name(action), fields=fields)
                )
    kept_order = [a for a in after if a in before]
    if not out and [a for a in before if a in after] != kept_order:
        out.append(_("actions put in another order"))
    if not out and old != new:
        out.append(_("layout or comments changed"))
    return out


def text_diff(old_text: str, new_text: str, limit: int = 200) -> str:
    lines = list(
        difflib.unified_diff(
            old_text.splitlines(), new_text.splitlines(), "before", "after", lineterm="", n=1
        )
    )
    if len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more lines)"]
    return "\n".join(lines)


def _money(value) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return words.euros(value, cents=not float(value).is_integer())
    return words.UNKNOWN


def _title(action: dict) -> str:
    return str(action.get("title") or action.get("id"))


def change_message(city_name: str, old: dict | None, new: dict | None) -> str:
    """What a save of a city file changed, in words, for the history:
    "Fót: added action 'Library chat corner'; budget of fot-a2 set to €4,000"."""
    old = old if isinstance(old, dict) else {}
    new = new if isinstance(new, dict) else {}
    said = []
    profile = _fields(
        {k: v for k, v in old.items() if k != "actions"},
        {k: v for k, v in new.items() if k != "actions"},
        City.model_fields,
    )
    if profile:
        said.append("profile: " + ", ".join(f.replace("_", " ") for f in profile) + " changed")
    old_actions = {a.get("id"): a for a in old.get("actions") or [] if isinstance(a, dict)}
    new_actions = [a for a in new.get("actions") or [] if isinstance(a, dict)]
    new_ids = {a.get("id") for a in new_actions}
    added = [f"added action '{_title(a)}'" for a in new_actions if a.get("id") not in old_actions]
    changed = []
    for action in new_actions:
        earlier = old_actions.get(action.get("id"))
        if earlier is None:
            continue
        fields = _fields(earlier, action, Action.model_fields)
        if "budget" in fields:
            was = earlier.get("budget") if isinstance(earlier.get("budget"), dict) else {}
            now = action.get("budget") if isinstance(action.get("budget"), dict) else {}
            if was.get("amount_eur") != now.get("amount_eur"):
                changed.append(f"budget of {action.get('id')} set to {_money(now.get('amount_eur'))}")
                fields.remove("budget")
        if fields:
            changed.append(
                f"{action.get('id')}: " + ", ".join(f.replace("_", " ") for f in fields) + " changed"
            )
    removed = [f"removed action '{_title(a)}'" for i, a in old_actions.items() if i not in new_ids]
    said += added + changed + removed
    if not said:
        said.append("actions put in another order" if old != new else "layout or comments changed")
    return f"{city_name}: " + "; ".join(said)


@dataclass(frozen=True)
class HistoryEntry:
    """One saved version of a file: the commit that made it, and its change to the file."""

    entry: history.Entry
    diff: str  # from the version before it

    @property
    def commit(self) -> str:
        return self.entry.commit


def history_entries(data_dir: Path, shown_as: str, limit: int = 30) -> list[HistoryEntry]:
    """The commits that changed one file, newest first, each with its diff of that file."""
    entries = history.log(data_dir, [shown_as], limit=limit + 1)
    found = []
    for number, entry in enumerate(entries[:limit]):
        older = entries[number + 1].commit if number + 1 < len(entries) else None
        before = history.file_at(data_dir, older, shown_as) if older else ""
        after = history.file_at(data_dir, entry.commit, shown_as) or ""
        found.append(HistoryEntry(entry, text_diff(before or "", after)))
    return found
