"""Writing the loaded network as one JSON document or as a CSV of actions."""

from __future__ import annotations

import csv
import io
import json

from models.assessments import rating_records
from models.loader import Network
from models.records import (
    action_fields,
    action_records,
    city_records,
    parallel_testing_records,
    practice_records,
    transfer_records,
)


def csv_columns() -> tuple[str, ...]:
    """The CSV's columns: the action record's fields, in the field registry's order."""
    return action_fields()


def to_json(network: Network) -> str:
    document = {
        "cities": city_records(network),
        "actions": action_records(network),
        "practices": practice_records(network),
        "transfers": transfer_records(network),
        "parallel_testing": parallel_testing_records(network),
        # self-reported, one row per rated cell (models.assessments)
        "self_assessments": rating_records(network.assessments),
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _cell(value) -> str | float | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() else value
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict) and "indicator" in item:
                parts.append(
                    f"{item['indicator']}: {item['target']}" if item.get("target") else item["indicator"]
                )
            elif isinstance(item, dict):
                parts.append(f"{item.get('title')} ({item.get('address') or 'no address'})")
            else:
                parts.append(str(item))
        value = "; ".join(parts)
    return str(value)


def csv_rows(records: list[dict]) -> list[dict]:
    """One row per record, in csv_columns(): lists joined, yes/no for true/false, whole numbers
    whole, and text exactly as typed - also when it starts with = + - @. CSV has no cell
    types: the Excel downloads write such text as a text cell (outputs.downloads.text_cells)."""
    columns = csv_columns()
    return [{column: _cell(record.get(column)) for column in columns} for record in records]


def to_csv(network: Network) -> str:
    """CSV text, one row per action; Excel-friendly (comma, quoted, CRLF lines)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_columns(), quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    writer.writerows(csv_rows(action_records(network)))
    return buffer.getvalue()
