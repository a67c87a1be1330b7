"""The action part of data/city-template.yaml, written from the field registry.

The city part of the template (its rules and the city's own fields) is written by hand; from
the line `actions:` on, the file is what `action_template()` returns, so a new field of an
action appears in the template once it is on the schema (`python -m models template --write`,
or `make template`). Each field shows its registry example (`Described.example`) as its value
and its note (or, failing that, its help) as its comment; a group (budget, timing,
testing_origin) and a list of records (indicators, inspired_by) are null or empty, with a
commented example below that validates once uncommented.
"""

from __future__ import annotations

import json
import textwrap
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel

from . import fields, schema

START = "actions:\n"
GENERATED = (
    "# The action part below is written from the schema (models/schema.py) by\n"
    "# `python -m models template --write` (or `make template`): change a field there, not here.\n"
)
COMMENT_AT = 33  # the column the comments start at, as in the city part
WIDTH = 100
INDENT = "    "  # an action's fields, under `  - `


def _scalar(value) -> str:
    """A value as YAML writes it plainly, quoted where YAML would read it as something else
    (a number, a date, yes/no) or where it holds YAML's own marks."""
    if not isinstance(value, str):
        return json.dumps(value)
    plain = value and not any(mark in value for mark in (": ", " #", "[", "]", "{", "}", ",", '"'))
    if plain and not value.startswith(("-", "&", "*", "!", "|", ">", "'", "%", "@", "`")):
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def _value(described: schema.Described) -> str:
    """The template's value of a field: its example, or null / [] when it has none."""
    if described.example is None:
        return "[]" if described.kind == "list" else "null"
    if described.kind == "list":
        return "[" + ", ".join(_scalar(part.strip()) for part in described.example.split(",")) + "]"
    if described.kind in ("number", "whole"):
        return described.example
    return _scalar(described.example)


def _comment(described: schema.Described) -> str:
    # The workbook's help speaks of cells, where unknown is empty; in YAML unknown is null.
    said = described.note or described.help.replace("{ids}", "one of data/model.yaml's ids")
    return said.replace("or empty", "or null")


def _line(key: str, value: str, comment: str, indent: str, at: int = COMMENT_AT) -> list[str]:
    """`key: value` with its comment from column `at` on, wrapped under itself."""
    head = f"{indent}{key}: {value}".rstrip()
    if not comment:
        return [head]
    first = head.ljust(at - 1) + " " if len(head) < at - 1 else head + "  "
    parts = textwrap.wrap(comment, max(WIDTH - len(first) - 2, 30))
    rest = textwrap.wrap(" ".join(parts[1:]), max(WIDTH - at - 2, 30))
    return [f"{first}# {parts[0]}", *(" " * at + f"# {part}" for part in rest)]


def _folded(key: str, text: str, comment: str, indent: str) -> list[str]:
    """A long text as a folded block (`>-`), as a person writes a description."""
    lines = _line(key, ">-", comment, indent)
    lines += [f"{indent}  {part}" for part in textwrap.wrap(text, WIDTH - len(indent) - 2)]
    return lines


def _commented(lines: list[str]) -> list[str]:
    """Lines written two columns in from INDENT turned into a commented example: `# ` takes
    those two columns, so the comments stay in their column."""
    return [f"{INDENT}# {line[len(INDENT) + 2 :]}" for line in lines]


def _group_lines(name: str, model: type[BaseModel], members: list[fields.ActionField]) -> list[str]:
    note = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
    lines = _line(name, "null", f"{note} Or:".strip(), INDENT)
    example = [f"{INDENT}  {name}:"]
    for field in members:
        example += _line(
            field.path[-1],
            _value(field.described),
            _comment(field.described),
            INDENT + "    ",
        )
    return lines + _commented(example)


def _record_fields(model: type[BaseModel]) -> list[str]:
    """A record of a list (an indicator, an inspiration) as one list item, from its fields'
    descriptions and examples."""
    lines = []
    for i, (name, info) in enumerate(model.model_fields.items()):
        example = info.examples[0] if info.examples else None
        value = "null" if example is None else _scalar(example)
        lines += _line(
            name,
            value,
            info.description or "",
            INDENT + ("    - " if i == 0 else "      "),
        )
    return lines


def _list_item_model(annotation) -> type[BaseModel] | None:
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
    return None


def action_template(model: type[BaseModel] | None = None) -> str:
    """The template's text from `actions:` on: one example action, every field commented."""
    model = model or schema.Action
    registry = fields.in_file_order(model)
    lines = [*GENERATED.rstrip().splitlines(), START.rstrip()]
    opening = len(lines)  # the action's first line opens the list item
    for name, info in model.model_fields.items():
        members = [f for f in registry if f.path[0] == name]
        if not members:
            raise ValueError(f"the action's field {name} has no Described in the schema")
        if members[0].group is not None:
            lines += _group_lines(name, fields.group_model(info.annotation), members)
        elif (item := _list_item_model(info.annotation)) is not None:
            described = members[0].described
            lines += _line(name, "[]", f"{_comment(described)}; or:", INDENT)
            lines += _commented([f"{INDENT}  {name}:", *_record_fields(item)])
        else:
            described = members[0].described
            value = _value(described)
            if described.kind == "text" and described.example and len(described.example) > 40:
                lines += _folded(name, described.example, _comment(described), INDENT)
            else:
                lines += _line(name, value, _comment(described), INDENT)
    lines[opening] = "  - " + lines[opening][len(INDENT) :]
    return "\n".join(lines) + "\n"


def with_actions(text: str, model: type[BaseModel] | None = None) -> str:
    """A template's text with its action part (from the generated note on, else from
    `actions:` on) replaced by the registry's."""
    for mark in (GENERATED, START):
        if ("\n" + mark) in text:
            return text[: text.index("\n" + mark) + 1] + action_template(model)
    return text.rstrip("\n") + "\n\n" + action_template(model)


def rewrite(path: Path, model: type[BaseModel] | None = None) -> bool:
    """Writes the registry's action part into the template at `path`; True when it changed."""
    text = path.read_text(encoding="utf-8")
    new = with_actions(text, model)
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True
