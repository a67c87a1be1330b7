"""Command line: `python -m models COMMAND ...`; the commands live in cli/commands/."""

from __future__ import annotations

import argparse
import sys

from cli.commands import COMMANDS


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m models",
        description="Check, export and report on the cities' action plans.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_arguments(commands.add_parser(command.NAME, help=command.HELP))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    by_name = {c.NAME: c for c in COMMANDS}
    return by_name[args.command].run(args)


if __name__ == "__main__":
    sys.exit(main())
