"""`python -m models export --format json|csv [--data DIR]`: all valid data to standard output."""

from __future__ import annotations

import sys

from ..export import to_csv, to_json
from ..loader import load_network
from .common import add_data_argument

NAME = "export"
HELP = "write all valid data to standard output"


def add_arguments(parser) -> None:
    parser.add_argument("--format", choices=("json", "csv"), required=True)
    add_data_argument(parser)


def run(args) -> int:
    network = load_network(args.data)
    if args.format == "csv":
        # A byte-order mark makes Excel read the file as UTF-8 (Škofja Loka, Tønder).
        sys.stdout.buffer.write(("\ufeff" + to_csv(network)).encode("utf-8"))
        sys.stdout.flush()
    else:
        sys.stdout.write(to_json(network) + "\n")
    for problem in network.problems:
        print(problem, file=sys.stderr)
    return 1 if network.problems else 0
