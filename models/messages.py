"""Turning pydantic's validation errors into `field path: message` in plain words."""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError

from words.i18n import N_, Said, said


def field_path(loc: tuple, prefix: str = "") -> str:
    """('indicators', 0, 'target') -> 'indicators[1].target' (lists counted from 1)."""
    path = prefix
    for part in loc:
        if isinstance(part, int):
            path += f"[{part + 1}]"
        else:
            path += f".{part}" if path else str(part)
    return path or said(N_("(top level)"))


def _shown(value) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _number(value) -> str:
    """0.0 -> '0', 2.5 -> '2.5': limits as a person would write them."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def plain_message(error: dict) -> str:
    """One pydantic error dict -> a sentence a policy officer understands."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return said(N_("is missing; add it (use null if it is unknown)"))
    if kind == "extra_forbidden":
        return said(
            N_("is not a field this record can have; check the spelling against data/city-template.yaml")
        )
    if kind == "string_type":
        if value is None:
            return said(N_("must not be empty"))
        if isinstance(value, (dt.date, bool, int, float)):
            return said(N_('must be text; put the value in quotes, like "{value}"'), value=value)
        return said(N_("must be text, not {value}"), value=_shown(value), given=value)
    number_or_choice = ("int_type", "int_parsing", "float_type", "float_parsing", "bool_type", "bool_parsing")
    if kind in number_or_choice and (value is None or (isinstance(value, str) and not value.strip())):
        return said(N_("must not be empty"))  # never "not None" (Python's word) or "not ''"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return said(N_("must be a whole number, not {value}"), value=_shown(value), given=value)
    if kind in ("float_type", "float_parsing", "finite_number"):
        return said(
            N_("must be a number (no currency sign or spaces), not {value}"), value=_shown(value), given=value
        )
    if kind == "bool_type" or kind == "bool_parsing":
        return said(N_("must be true or false, not {value}"), value=_shown(value), given=value)
    if kind == "greater_than_equal":
        return said(
            N_("must be {limit} or more, not {value}"),
            limit=_number(ctx.get("ge")),
            value=_shown(value),
            given=value,
        )
    if kind == "greater_than":
        return said(
            N_("must be more than {limit}, not {value}"),
            limit=_number(ctx.get("gt")),
            value=_shown(value),
            given=value,
        )
    if kind == "less_than_equal":
        return said(
            N_("must be {limit} or less, not {value}"),
            limit=_number(ctx.get("le")),
            value=_shown(value),
            given=value,
        )
    if kind == "less_than":
        return said(
            N_("must be less than {limit}, not {value}"),
            limit=_number(ctx.get("lt")),
            value=_shown(value),
            given=value,
        )
    if kind == "too_short":
        needed = ctx.get("min_length", 1)
        given = ctx.get("actual_length")
        if needed == 1:
            return said(N_("must list at least one item"))
        if given is None:
            return said(N_("must list at least {needed} items"), needed=needed)
        if given == 0:
            return said(N_("must list at least {needed} items; it lists none"), needed=needed)
        return said(N_("must list at least {needed} items, not {given}"), needed=needed, given=given)
    if kind == "string_too_short":
        needed = ctx.get("min_length", 1)
        if needed == 1:
            return said(N_("must have at least one character"))
        return said(N_("must have at least {needed} characters"), needed=needed)
    if kind == "literal_error":
        return said(
            N_("{value} is not allowed here; use one of: {expected}"),
            value=_shown(value),
            given=value,
            expected=ctx.get("expected", ""),
        )
    if kind == "list_type":
        return said(N_("must be a list, like [a, b], not {value}"), value=_shown(value), given=value)
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return said(
            N_("must be a group of 'name: value' fields, not {value}"), value=_shown(value), given=value
        )
    if kind.startswith("date_"):
        return said(
            N_("must be a date written year-month-day, like 2026-11-24, not {value}"),
            value=_shown(value),
            given=value,
        )
    if kind == "value_error":
        raised = ctx.get("error")
        if isinstance(raised, Exception) and raised.args and isinstance(raised.args[0], Said):
            return raised.args[0]  # a sentence kept with its values (a vocabulary check's)
        return str(raised or error["msg"]).removeprefix("Value error, ")
    return error["msg"]


def plain_errors(error: ValidationError, prefix: str = "") -> list[tuple[str, str]]:
    """All errors of one validation, as (field path, message) pairs."""
    return [(field_path(tuple(e["loc"]), prefix), plain_message(e)) for e in error.errors(include_url=False)]
