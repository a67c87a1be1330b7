"""A problem of the data said in the words of the form a person filled in.

The validator speaks to whoever edits the files: 'cities/fot.yaml: actions[fot-a3].support_level:
is missing; add it (use null if it is unknown)'. Someone who pressed Save on a page never saw
the file, the path or 'null': they saw "Support level" on the action they were writing. So a
refused save says the action by its title, the field by its label in the field registry
(models.fields), and the message in the form's terms.
"""

from __future__ import annotations

import re

from words.i18n import N_, Said, _, in_language

from . import fields
from .fields import FIELD_WORDS
from .files import Problem

_ACTION = re.compile(r"^actions\[(?P<action>[^\]]+)\](?:\.(?P<rest>.*))?$")
_INDEX = re.compile(r"\[[^\]]*\]")

# A group of an action's fields by the name the action table gives it.
GROUP_WORDS = {"budget": N_("Budget"), "timing": N_("Timing"), "testing_origin": N_("First tested as")}

# Messages written for someone editing the file, and what they mean on a form.
FORM_MESSAGES = {
    "is missing; add it (use null if it is unknown)": N_("is empty; fill it in or choose one"),
}


def field_label(path: str) -> str | None:
    """The label of an action's field at a validator's path ('budget.funding_sources[2]'), in
    the language in use; None for a path that names no field of an action."""
    bare = _INDEX.sub("", path)
    while bare:
        if (field := fields.field_at(bare)) is not None:
            return _(field.label)
        if bare in GROUP_WORDS:
            return _(GROUP_WORDS[bare])
        bare = bare.rpartition(".")[0]
    return None


def _city_label(path: str) -> str | None:
    top = _INDEX.sub("", path).split(".")[0]
    words = FIELD_WORDS.get(top)
    return _(words)[:1].upper() + _(words)[1:] if words else None


def form_order(problem: Problem) -> int:
    """Where the problem's field sits on the form (the registry's order): to list a refusal's
    problems as the person meets the fields, not in the file's alphabetical paths."""
    found = _ACTION.match(problem.path)
    bare = _INDEX.sub("", found["rest"] or "") if found else ""
    while bare:
        if (field := fields.field_at(bare)) is not None:
            return field.described.order
        bare = bare.rpartition(".")[0]
    return 0


def _choices(problem: Problem, values: dict) -> str | None:
    """The vocabulary kind of data/model.yaml the problem's field takes its values from."""
    if values.get("choices"):
        return values["choices"]
    found = _ACTION.match(problem.path)
    bare = _INDEX.sub("", found["rest"] or "") if found else ""
    field = fields.field_at(bare) if bare else None
    return field.described.choices if field else None


def _typed(value, labels: dict[str, str]) -> str:
    """A value as the form shows it: a choice by its label, text in quotes, a list as its
    items; never Python's own way of writing it (['targeted'], 'x')."""
    if isinstance(value, (list, tuple)):
        return ", ".join(_typed(v, labels) for v in value) or _("nothing")
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_typed(v, labels)}" for k, v in value.items())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        text = labels.get(value, value)
        return f"“{text if len(text) <= 60 else text[:57] + '...'}”"
    return str(value)


# A value of the wrong shape, said for a form: a list where one value is asked for.
LIST_FOR_ONE = N_("must be one value, not a list ({value})")


def message(problem: Problem, vocabulary=None) -> str:
    """The problem's message, with the file's terms put in the form's: a value as the form
    shows it (a choice by its label, with `vocabulary`: models.vocabulary.Vocabulary)."""
    for written, on_a_form in FORM_MESSAGES.items():
        if str(problem.message) == written:
            return _(on_a_form)
    text = problem.message
    if isinstance(text, Said) and "given" in text.values:
        kind = _choices(problem, text.values)
        labels = vocabulary.labels(kind) if vocabulary is not None and kind in vocabulary.terms else {}
        given = text.values["given"]
        shown = _typed(given, labels)
        quoted = "'{value}'" in text.template  # the sentence puts the value in quotes itself
        values = {**text.values, "value": shown.strip("“”") if quoted else shown}
        if labels and "allowed" in values:
            values["allowed"] = ", ".join(labels.values())
        template = (
            LIST_FOR_ONE
            if isinstance(given, list) and text.template.startswith("must be text")
            else text.template
        )
        return in_language(Said(template, **values))
    return problem.said()


def in_form_words(problem: Problem, action_titles: dict[str, str] | None = None, vocabulary=None) -> str:
    """'Action “Café”, Support level: is empty; fill it in or choose one' for a problem of an
    action; 'Population: ...' for one of the city; the message alone when the place is not
    a field the form shows. `action_titles`: action id -> title, as the form has them now;
    `vocabulary`: to name a choice by its label."""
    said = message(problem, vocabulary)
    found = _ACTION.match(problem.path)
    if found:
        action = found["action"]
        title = (action_titles or {}).get(action) or action
        label = field_label(found["rest"] or "")
        where = (
            _("Action “{action}”, {field}").format(action=title, field=label)
            if label
            else _("Action “{action}”").format(action=title)
        )
        return _("{where}: {problem}").format(where=where, problem=said)
    if problem.file.startswith("cities/") and (label := _city_label(problem.path)):
        return _("{where}: {problem}").format(where=label, problem=said)
    if problem.path and not problem.path.startswith("("):
        # another record (a source): its field's name as a word, never the file's path
        name = _INDEX.sub("", problem.path).rpartition(".")[2].replace("_", " ")
        return _("{where}: {problem}").format(where=name[:1].upper() + name[1:], problem=said)
    return said


def _shown(value) -> str:
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_shown(v)}" for k, v in value.items() if v not in (None, [], ""))
    return "" if value is None else str(value)


def typed_values(old: dict | None, new: dict | None) -> list[str]:
    """What differs between a city as opened and as typed, one 'where, label: value' line per
    changed field, in the form's words: to keep on screen what could not be saved."""
    old = old if isinstance(old, dict) else {}
    new = new if isinstance(new, dict) else {}
    lines = []
    for key, value in new.items():
        if key != "actions" and old.get(key) != value and (label := _city_label(key)):
            lines.append(f"{label}: {_shown(value)}")
    before = {a.get("id"): a for a in old.get("actions") or [] if isinstance(a, dict)}
    for action in new.get("actions") or []:
        if not isinstance(action, dict) or before.get(action.get("id")) == action:
            continue
        earlier = before.get(action.get("id")) or {}
        title = action.get("title") or action.get("id")
        for field in fields.action_fields():
            value = fields.value_at(action, field.path)
            if value != fields.value_at(earlier, field.path) and value not in (None, [], ""):
                where = _("Action “{action}”, {field}").format(action=title, field=_(field.label))
                lines.append(f"{where}: {_shown(value)}")
    return lines
