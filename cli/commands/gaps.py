"""`python -m models gaps CITY_ID --format json [--data DIR] [--lang LANG]`: the cells a city's plan leaves
empty, each with the other cities' actions that sit there. For a plan not entered it lists
no gaps: `plan_entered` is false, a `note` says why, and `not_known` lists the cells its
known actions do not reach. The fields are the same in every language; with --lang, their
texts (labels, the note) are in that language."""

from __future__ import annotations

import json
import sys

from .common import add_data_argument, add_language_argument, city_tables

NAME = "gaps"
HELP = "list the model cells a city's plan actions leave empty, with peer actions that fill them"


def add_arguments(parser) -> None:
    parser.add_argument("city", metavar="CITY_ID", help="the city's id, e.g. isernia")
    parser.add_argument("--format", choices=("json",), default="json")
    add_data_argument(parser)
    add_language_argument(parser)


def run(args) -> int:
    # Deferred: pandas, plotly and python-pptx load only for the commands that need them,
    # so `python -m models validate` and the other data commands start quickly.
    from analysis.gaps import gaps_json

    tables = city_tables(args)
    if isinstance(tables, int):
        return tables
    sys.stdout.write(json.dumps(gaps_json(tables, args.city), ensure_ascii=False, indent=2) + "\n")
    return 0
