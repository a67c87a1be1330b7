"""The field registry: every field of an action once, read off the schema.

Each field of `schema.Action` (and of its groups budget, timing and testing_origin) carries a
`schema.Described`: its label, its place, its column names, its help. This module walks the
schema and lists them, so the CSV and Excel columns, the records, the workbook and its
import, the edit form and the action table are made from one list. A new optional field of
an action is its line in the schema; everything here follows.

The model is passed in (default `schema.Action`, looked up at each call), so a test can add a
field to a copy of the schema and find it everywhere.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass

from pydantic import BaseModel

from words.i18n import N_, _

from . import schema


@dataclass(frozen=True)
class ActionField:
    """One field of an action as the outputs and the form name it."""

    path: tuple[str, ...]  # where the file holds it: ("budget", "funding_note")
    described: schema.Described
    required: bool  # must be given whenever its group is (a top-level field: always)

    @property
    def name(self) -> str:
        """The workbook's column (and the default record name)."""
        return self.described.column or self.path[-1]

    @property
    def record(self) -> str:
        """The name in the records, the JSON export and the CSV."""
        return self.described.record or self.name

    @property
    def group(self) -> str | None:
        """The group the field belongs to (budget, timing, testing_origin), None at the top."""
        return self.path[0] if len(self.path) > 1 else None

    @property
    def label(self) -> str:
        """The label as marked for the catalog (English); translate where it is shown."""
        return self.described.label

    @property
    def dotted(self) -> str:
        """The path as the validator writes it: 'budget.funding_note'."""
        return ".".join(self.path)


def group_model(annotation) -> type[BaseModel] | None:
    """The model of a group field (`Budget | None` -> Budget), None for a plain field."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                return arg
    return None


def _described(info) -> schema.Described | None:
    return next((m for m in info.metadata if isinstance(m, schema.Described)), None)


def _walk(model: type[BaseModel], prefix: tuple[str, ...]) -> list[ActionField]:
    found = []
    for name, info in model.model_fields.items():
        described = _described(info)
        if described is not None:
            found.append(ActionField((*prefix, name), described, info.is_required()))
        elif (group := group_model(info.annotation)) is not None:
            found.extend(_walk(group, (*prefix, name)))
    return found


def action_fields(model: type[BaseModel] | None = None) -> list[ActionField]:
    """Every described field of an action, in the registry's order."""
    return sorted(_walk(model or schema.Action, ()), key=lambda f: f.described.order)


def in_file_order(model: type[BaseModel] | None = None) -> list[ActionField]:
    """Every described field in the schema's own order (the order a city file is written in)."""
    return _walk(model or schema.Action, ())


def sheet_fields(sheet: str = "Actions", model: type[BaseModel] | None = None) -> list[ActionField]:
    """The fields one sheet of the workbook holds as columns (the Actions sheet by default)."""
    return [f for f in action_fields(model) if f.described.sheet == sheet]


def field_at(path: str | tuple[str, ...], model: type[BaseModel] | None = None) -> ActionField | None:
    """The field at a dotted path ('budget.funding_note'), None when no field is there."""
    wanted = tuple(path.split(".")) if isinstance(path, str) else tuple(path)
    return next((f for f in action_fields(model) if f.path == wanted), None)


def groups(model: type[BaseModel] | None = None) -> list[str]:
    """The groups of fields, in the registry's order: ['budget', 'timing', 'testing_origin']."""
    seen: list[str] = []
    for field in action_fields(model):
        if field.group and field.group not in seen:
            seen.append(field.group)
    return seen


def duplicates(actions: list) -> list[tuple[str, str]]:
    """Pairs of actions (their ids) with the same value in every field of an action's own
    (the Actions sheet's), but for their id and number: an action entered twice, to flag before
    it is saved."""
    compared = [f for f in sheet_fields("Actions") if f.path not in (("id",), ("number",))]
    seen: dict[str, str] = {}
    pairs = []
    for action in actions:
        if not isinstance(action, dict):
            continue
        key = repr([value_at(action, f.path) for f in compared])
        if key in seen:
            pairs.append((seen[key], str(action.get("id"))))
        else:
            seen[key] = str(action.get("id"))
    return pairs


def value_at(data, path: tuple[str, ...]):
    """The value at `path` in an action (a dict from a file or a validated model); None when
    it or its group is not there."""
    for key in path:
        if data is None:
            return None
        data = data.get(key) if isinstance(data, dict) else getattr(data, key, None)
    return data


def meaning(value):
    """The meaning of a value, without its form: empty things are None, numbers are floats
    (a workbook's cell and a form's box give 2500 and 2500.0, ' ' and None, for the same)."""
    if isinstance(value, dict):
        inner = {k: meaning(v) for k, v in value.items()}
        inner = {k: v for k, v in inner.items() if v is not None}
        return inner or None
    if isinstance(value, list):
        return [meaning(v) for v in value] or None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        return value.strip() or None  # a cell keeps no leading or trailing spaces
    return value


def value_text(value, labels: dict[str, str] | None = None) -> str:
    """A value as a change list shows it: short, 'empty' (in the language in use) for nothing,
    a whole number without its '.0', a choice by its label when `labels` (id -> label) has it."""
    if meaning(value) is None:
        return _("empty")
    if isinstance(value, list):
        text = ", ".join(value_text(v, labels) for v in value)
    elif isinstance(value, dict):
        text = ", ".join(value_text(v, labels) for v in value.values() if meaning(v) is not None)
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = (labels or {}).get(value, str(value)) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def changes(old: dict, new: dict, model: type[BaseModel] | None = None, vocabulary=None) -> list[str]:
    """Each changed field of an action by its label (translated), with its old and new value:
    'Amount (EUR): 2000 -> 2500'. The workbook's change list and the edit page's both say it so;
    with `vocabulary` (models.vocabulary.Vocabulary) a choice is said by its label, as the
    form shows it ('Support level: Targeted support -> Universal support')."""
    said = []
    for one in action_fields(model):
        before, after = value_at(old, one.path), value_at(new, one.path)
        if meaning(before) != meaning(after):
            kind = one.described.choices
            labels = vocabulary.labels(kind) if vocabulary is not None and kind in vocabulary.terms else None
            said.append(f"{_(one.label)}: {value_text(before, labels)} -> {value_text(after, labels)}")
    described = {one.path[0] for one in action_fields(model)}
    said += [
        f"{key}: {value_text(old.get(key))} -> {value_text(new.get(key))}"
        for key in new
        if key not in described and meaning(old.get(key)) != meaning(new.get(key))
    ]
    return said


# The fields of a city and of an action by the words the editing page uses for them (marked
# for the catalog): what changed is said with these, never with the file's keys.
FIELD_WORDS = {
    "id": N_("id"),
    "name": N_("name"),
    "country": N_("country"),
    "role": N_("role"),
    "location": N_("location"),
    "population": N_("population"),
    "plan_period": N_("plan period"),
    "iap_document": N_("IAP document"),
    "focus_areas": N_("focus areas"),
    "summary": N_("summary"),
    "sources": N_("sources"),
    "number": N_("number"),
    "title": N_("title"),
    "kind": N_("kind"),
    "description": N_("description"),
    "testing_origin": N_("testing action it came from"),
    "interventions": N_("interventions"),
    "support_level": N_("support level"),
    "beneficiaries": N_("beneficiary groups"),
    "target_groups": N_("target groups"),
    "model_reason": N_("why it is placed there"),
    "budget": N_("budget"),
    "timing": N_("timing"),
    "lead": N_("lead"),
    "partners": N_("partners"),
    "indicators": N_("indicators"),
    "inspired_by": N_("inspirations"),
    "notes": N_("notes"),
}
