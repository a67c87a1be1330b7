"""Small helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import sys

from models.loader import DATA_DIR_VARIABLE, load_network
from words.i18n import SOURCE_LANGUAGE, _, languages

DATA_HELP = f"the data folder (default: ${DATA_DIR_VARIABLE}, else data/)"


def add_data_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", metavar="DIR", help=DATA_HELP)


def add_language_argument(parser: argparse.ArgumentParser) -> None:
    """`--lang CODE`: the language of the words the command writes (every language with a
    catalog in locale/; English by default). cli.main runs the command inside it."""
    offered = languages()
    parser.add_argument(
        "--lang",
        metavar="LANG",
        choices=offered,
        default=SOURCE_LANGUAGE,
        help=f"the language of the words written, one of: {', '.join(offered)} (default: {SOURCE_LANGUAGE})",
    )


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def city_tables(args):
    """The network's tables for a command about one city (`args.city`), or an exit code.

    Data problems go to standard error (the rest still loads); an unknown city exits 2,
    naming the known ones; a city whose data file has a problem exits 1, naming the file
    and the problem; a vocabulary that does not load exits 1.
    """
    # Deferred: pandas, plotly and python-pptx load only for the commands that need them,
    # so `python -m models validate` and the other data commands start quickly.
    from analysis.frames import build_tables
    from analysis.gaps import BrokenCityFile, UnknownCity, loaded_city_row

    network = load_network(args.data)
    for problem in network.problems:
        print(problem, file=sys.stderr)
    if network.vocabulary is None:
        print(
            _("The model's vocabulary (model.yaml) did not load: nothing can be computed."), file=sys.stderr
        )
        return 1
    tables = build_tables(network)
    try:
        loaded_city_row(tables, args.city)
    except UnknownCity as error:
        print(error, file=sys.stderr)
        return 2
    except BrokenCityFile as error:
        print(
            _(
                "The data file of '{city}' ({file}) has a problem, so nothing can be said "
                "of its plan until it is fixed: {problem}"
            ).format(city=error.city, file=error.file, problem=error.problem),
            file=sys.stderr,
        )
        return 1
    return tables
