"""Command line: `python -m models COMMAND ...`; the commands live in cli/commands/."""

from __future__ import annotations

import argparse
import sys

from cli.commands import COMMANDS
from words.i18n import use_language


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
    # A command with --lang runs wholly inside its language: the tables are built there
    # (their labels are read in it) and so is every text written; the others in English.
    with use_language(getattr(args, "lang", None)):
        return by_name[args.command].run(args)


if __name__ == "__main__":
    sys.exit(main())
