"""Turning pydantic's validation errors into `field path: message` in plain words."""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError


def field_path(loc: tuple, prefix: str = "") -> str:
    """('indicators', 0, 'target') -> 'indicators[1].target' (lists counted from 1)."""
    path = prefix
    for part in loc:
        if isinstance(part, int):
            path += f"[{part + 1}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "(top level)"


def _shown(value) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _number(value) -> str:
    """0.0 -> '0', 2.5 -> '2.5': limits as a person would write them."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _count(number, thing: str) -> str:
    """(2, 'item') -> 'two items': how many a field needs, in words up to ten."""
    shown = _WORDS[number] if isinstance(number, int) and 0 <= number < len(_WORDS) else str(number)
    return f"{shown} {thing}" if number == 1 else f"{shown} {thing}s"


def plain_message(error: dict) -> str:
    """One pydantic error dict -> a sentence a policy officer understands."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return "is missing; add it (use null if it is unknown)"
    if kind == "extra_forbidden":
        return "is not a field this record can have; check the spelling against data/city-template.yaml"
    if kind == "string_type":
        if value is None:
            return "must not be empty"
        if isinstance(value, (dt.date, bool, int, float)):
            return f'must be text; put the value in quotes, like "{value}"'
        return f"must be text, not {_shown(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, not {_shown(value)}"
    if kind in ("float_type", "float_parsing", "finite_number"):
        return f"must be a number (no currency sign or spaces), not {_shown(value)}"
    if kind == "bool_type" or kind == "bool_parsing":
        return f"must be true or false, not {_shown(value)}"
    if kind == "greater_than_equal":
        return f"must be {_number(ctx.get('ge'))} or more, not {_shown(value)}"
    if kind == "greater_than":
        return f"must be more than {_number(ctx.get('gt'))}, not {_shown(value)}"
    if kind == "less_than_equal":
        return f"must be {_number(ctx.get('le'))} or less, not {_shown(value)}"
    if kind == "less_than":
        return f"must be less than {_number(ctx.get('lt'))}, not {_shown(value)}"
    if kind == "too_short":
        needed = ctx.get("min_length", 1)
        given = ctx.get("actual_length")
        shown = "" if given is None or needed == 1 else f", not {_count(given, 'item') if given else 'none'}"
        return f"must list at least {_count(needed, 'item')}{shown}"
    if kind == "string_too_short":
        return f"must have at least {_count(ctx.get('min_length', 1), 'character')}"
    if kind == "literal_error":
        return f"{_shown(value)} is not allowed here; use one of: {ctx.get('expected', '')}"
    if kind == "list_type":
        return f"must be a list, like [a, b], not {_shown(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"must be a group of 'name: value' fields, not {_shown(value)}"
    if kind.startswith("date_"):
        return f"must be a date written year-month-day, like 2026-11-24, not {_shown(value)}"
    if kind == "value_error":
        return str(ctx.get("error") or error["msg"]).removeprefix("Value error, ")
    return error["msg"]


def plain_errors(error: ValidationError, prefix: str = "") -> list[tuple[str, str]]:
    """All errors of one validation, as (field path, message) pairs."""
    return [(field_path(tuple(e["loc"]), prefix), plain_message(e)) for e in error.errors(include_url=False)]
