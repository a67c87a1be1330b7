"""Command line: `python -m models validate|export [--data DIR]`."""

from __future__ import annotations

import argparse
import sys

from .export import to_csv, to_json
from .loader import DATA_DIR_VARIABLE, load_network


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m models",
        description="Check or export the cities' action plans.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    data_help = f"the data folder (default: ${DATA_DIR_VARIABLE}, else data/)"
    validate = commands.add_parser("validate", help="check every data file and list every problem")
    validate.add_argument("--data", metavar="DIR", help=data_help)
    export = commands.add_parser("export", help="write all valid data to standard output")
    export.add_argument("--format", choices=("json", "csv"), required=True)
    export.add_argument("--data", metavar="DIR", help=data_help)
    return parser


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _summary(network) -> str:
    actions = network.all_actions()
    kinds = [a.kind for _, a in actions]
    return (
        f"{len(network.cities)} cities, {kinds.count('iap_action')} plan actions, "
        f"{kinds.count('testing_action')} testing actions, {_count(kinds.count('idea'), 'idea')}, "
        f"{len(network.practices)} practices, {len(network.sources)} sources"
    )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    network = load_network(args.data)

    if args.command == "validate":
        if network.problems:
            for problem in network.problems:
                print(problem)
            count = len(network.problems)
            print(f"\n{count} problem{'s' if count != 1 else ''} found in {network.data_dir}")
            return 1
        print(f"All data is valid: {_summary(network)} ({network.data_dir}).")
        return 0

    text = to_json(network) if args.format == "json" else to_csv(network)
    if args.format == "csv":
        # A byte-order mark makes Excel read the file as UTF-8 (Škofja Loka, Tønder).
        sys.stdout.buffer.write(("\ufeff" + text).encode("utf-8"))
        sys.stdout.flush()
    else:
        sys.stdout.write(text + "\n")
    for problem in network.problems:
        print(problem, file=sys.stderr)
    return 1 if network.problems else 0


if __name__ == "__main__":
    sys.exit(main())
