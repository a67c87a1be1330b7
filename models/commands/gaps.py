"""`python -m models gaps CITY_ID --format json [--data DIR]`: the cells a city's plan leaves
empty, each with the other cities' actions that sit there."""

from __future__ import annotations

import json
import sys

from ..loader import load_network
from .common import add_data_argument

NAME = "gaps"
HELP = "list the model cells a city's plan actions leave empty, with peer actions that fill them"


def add_arguments(parser) -> None:
    parser.add_argument("city", metavar="CITY_ID", help="the city's id, e.g. isernia")
    parser.add_argument("--format", choices=("json",), default="json")
    add_data_argument(parser)


def run(args) -> int:
    from insights.frames import build_tables
    from insights.mycity import UnknownCity, gaps_json

    network = load_network(args.data)
    for problem in network.problems:
        print(problem, file=sys.stderr)
    if network.vocabulary is None:
        print("The model's vocabulary (model.yaml) did not load: no gaps can be computed.", file=sys.stderr)
        return 1
    try:
        result = gaps_json(build_tables(network), args.city)
    except UnknownCity as error:
        print(error, file=sys.stderr)
        return 2
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return 0
