"""How the data files are written as YAML: one canonical text per data structure, and a
changed file saved as its author wrote it (comments, key order and quoting kept).

Apart from the store (workspace.store), which only decides *when* and *how safely* bytes reach
the disk: this module decides *what* text a save writes, so a diff shows just the change.
"""

from __future__ import annotations

import io
import typing

import yaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from models.files import plain_yaml
from models.schema import Action, City

# The round-trip writer never re-wraps a line it keeps (a long plain sentence stays as it was
# written); new long text is folded as the canonical writer folds it.
WIDTH = 4096


# --- canonical YAML ------------------------------------------------------------------------


class _CanonicalDumper(yaml.SafeDumper):
    """Block style, keys in the order given, lists indented under their key."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str):
    # Long or multi-line text as a literal block: readable, and diffs show whole sentences.
    if "\n" in value or len(value) > 80:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else ">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_CanonicalDumper.add_representer(str, _text)


def canonical_yaml(data: dict, header: str = "") -> str:
    """The one text a data structure is saved as: same data, same bytes.

    Keys keep the order given (the schema's order when the data comes from a model's
    `model_dump`), text is UTF-8 (Škofja Loka, not escapes), `header` becomes leading
    `#` comment lines.
    """
    body = yaml.dump(
        data,
        Dumper=_CanonicalDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
        indent=2,
    )
    comments = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines()) if header else ""
    return comments + ("\n" if comments else "") + body


# --- a city's file in canonical form ----------------------------------------------------------


def _ordered(value, model):
    """`value` (parsed YAML) with the keys of mappings in the order of the pydantic `model`'s
    fields, recursively; keys the model does not know keep their place at the end (the
    validator reports them)."""

    if not isinstance(value, dict):
        return value
    fields = model.model_fields if model is not None else {}
    ordered = {key: value[key] for key in fields if key in value}
    ordered.update({key: item for key, item in value.items() if key not in ordered})
    for key, item in ordered.items():
        inner = None
        if key in fields:
            annotation = fields[key].annotation
            for candidate in (annotation, *typing.get_args(annotation)):
                for arg in (candidate, *typing.get_args(candidate)):
                    if isinstance(arg, type) and issubclass(arg, BaseModel):
                        inner = arg
        if isinstance(item, list):
            ordered[key] = [_ordered(element, inner) for element in item]
        else:
            ordered[key] = _ordered(item, inner)
    return ordered


def leading_comment(text: str) -> str:
    """The comment block at the top of a data file, without the '#' marks."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].removeprefix(" "))
    return "\n".join(lines)


def ordered_city(data: dict) -> dict:
    """A city's data with the city's fields in the schema's order, then its actions, each
    with its fields in the schema's order."""

    city = _ordered({k: v for k, v in data.items() if k != "actions"}, City)
    if "actions" in data:
        actions = data["actions"]
        city["actions"] = [_ordered(a, Action) for a in actions] if isinstance(actions, list) else actions
    return city


def city_yaml(data: dict, header: str = "") -> str:
    """A city's file in canonical form (see ordered_city)."""
    return canonical_yaml(ordered_city(data), header)


# --- saving a changed file as its author wrote it (comments, key order and quoting kept) -------


def _round_trip():

    handler = YAML()  # round-trip mode: comments, key order, quotes and block styles kept
    handler.preserve_quotes = True
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.width = WIDTH
    handler.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return handler


def _merge(old, new):
    """`old` (ruamel's round-trip value) changed in place, where it can be, to equal `new`
    (plain data); returns the value to keep. What did not change keeps its comments."""

    if isinstance(old, CommentedMap) and isinstance(new, dict):
        for key in [k for k in old if k not in new]:
            del old[key]
        keys = list(new)
        for position, key in enumerate(keys):
            if key in old:
                old[key] = _merge(old[key], new[key])
            else:
                before = [k for k in keys[:position] if k in old]
                index = list(old).index(before[-1]) + 1 if before else 0
                old.insert(index, key, new[key])
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        by_id = {
            item.get("id"): item for item in old if isinstance(item, dict) and item.get("id") is not None
        }
        merged = []
        for position, item in enumerate(new):
            if isinstance(item, dict) and item.get("id") in by_id:
                merged.append(_merge(by_id.pop(item["id"]), item))
            elif not by_id and position < len(old) and not isinstance(item, dict):
                merged.append(_merge(old[position], item))
            else:
                merged.append(item)
        if [_plain(x) for x in old] != [_plain(x) for x in merged]:
            old[:] = merged
        return old
    if _plain(old) == _plain(new) and type(_plain(old)) is type(_plain(new)):
        return old  # same value: keep how it was written (quotes, 9800.0 ...)
    return _styled(new)


def _styled(value):
    """New text in the canonical style: multi-line as a literal block, long as a folded one."""

    if not isinstance(value, str):
        return value
    if "\n" in value:
        return LiteralScalarString(value)
    if len(value) > 80 and value == value.strip() and "  " not in value:
        folded = FoldedScalarString(value)
        folded.fold_pos = _fold_positions(value, 86)
        return folded
    return value


def _fold_positions(text: str, width: int) -> list[int]:
    """Where a folded block breaks its lines: at the last space before `width` characters."""
    positions, start = [], 0
    while len(text) - start > width:
        space = text.rfind(" ", start, start + width)
        if space <= start:
            break
        positions.append(space)
        start = space + 1
    return positions


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


def updated_text(old_text: str | None, new_data: dict, canonical: str) -> str:
    """The text of a changed file: `old_text` with only what differs in `new_data` rewritten,
    so comments, key order and quoting stay and a diff shows just the change. `canonical`
    (the file in canonical form) is used when there is no old text or it cannot be read."""

    if not old_text:
        return canonical
    # First the quick question (libyaml): most saves of a workbook leave most cities as they
    # were, and the round-trip reading below is the slow part.
    try:
        if plain_yaml(old_text) == new_data:
            return old_text
    except yaml.YAMLError:
        pass  # ruamel says what it makes of it
    handler = _round_trip()
    try:
        old = handler.load(old_text)
    except Exception:  # noqa: BLE001 - ruamel raises many kinds for a file it cannot read: write it whole, canonical
        return canonical
    if not isinstance(old, dict):
        return canonical
    merged = _merge(old, new_data)
    out = io.StringIO()
    handler.dump(merged, out)
    text = out.getvalue()
    try:
        if plain_yaml(text) != new_data:
            return canonical  # the merge did not give the data: never save what was not meant
    except yaml.YAMLError:
        return canonical
    return text


def round_trip(text: str) -> str:
    """`text` loaded and written again as saves write it (for checks that a file is in the
    form saves keep)."""

    handler = _round_trip()
    out = io.StringIO()
    handler.dump(handler.load(text), out)
    return out.getvalue()
