"""Small helpers shared by the subcommands."""

from __future__ import annotations

import argparse

from ..loader import DATA_DIR_VARIABLE

DATA_HELP = f"the data folder (default: ${DATA_DIR_VARIABLE}, else data/)"


def add_data_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", metavar="DIR", help=DATA_HELP)


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
