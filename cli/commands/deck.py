"""`python -m models deck --out FILE.pptx [--city ID ...] [--data DIR] [--lang LANG]`: the presentation
sequence as a PowerPoint deck (network views, then one slide per city)."""

from __future__ import annotations

import sys
from pathlib import Path

from models.loader import load_network
from words.i18n import _, ngettext

from .common import add_data_argument, add_language_argument

NAME = "deck"
HELP = "write the presentation as a PowerPoint deck (.pptx)"


def add_arguments(parser) -> None:
    parser.add_argument("--out", metavar="FILE.pptx", required=True, help="where to write the deck")
    parser.add_argument(
        "--city",
        metavar="ID",
        action="append",
        default=None,
        help="a city to give a slide (its file name without .yaml); repeat for more; default: every city",
    )
    parser.add_argument(
        "--views",
        metavar="LIST",
        default=None,
        help="network views to include, comma-separated, from: glance, coverage, gaps, budgets, "
        "transfers, progress (default: all)",
    )
    add_data_argument(parser)
    add_language_argument(parser)


def run(args) -> int:
    # Deferred: pandas, plotly and python-pptx load only for the commands that need them,
    # so `python -m models validate` and the other data commands start quickly.
    from pptx import Presentation

    from analysis import presentation
    from analysis.frames import build_tables
    from analysis.stamp import data_date, stamp_text
    from outputs import deck

    out = Path(args.out)
    if out.suffix.lower() != ".pptx":
        print(
            _("The deck is a PowerPoint file: give a name ending in .pptx (not {name}).").format(
                name=out.name
            ),
            file=sys.stderr,
        )
        return 2
    network = load_network(args.data)
    for problem in network.problems:
        print(problem, file=sys.stderr)
    if network.vocabulary is None:
        print(_("No deck: the model's vocabulary (model.yaml) did not load."), file=sys.stderr)
        return 1
    tables = build_tables(network)
    known = list(tables.cities["id"])
    cities = args.city if args.city else known
    unknown = [c for c in cities if c not in known]
    if unknown:
        print(
            _("No city with the id {ids} in {folder}. Known ids: {known}.").format(
                ids=", ".join(unknown), folder=f"{network.data_dir}/cities", known=", ".join(known)
            ),
            file=sys.stderr,
        )
        return 2
    views = list(presentation.VIEWS) if args.views is None else [v.strip() for v in args.views.split(",")]
    wrong = [v for v in views if v not in presentation.VIEWS]
    if wrong:
        print(
            _("Unknown view {views}: choose from {known}.").format(
                views=", ".join(wrong), known=", ".join(presentation.VIEWS)
            ),
            file=sys.stderr,
        )
        return 2
    steps = presentation.steps(views, cities, tables)
    stamp = stamp_text(data_date(network.data_dir), tables.cities)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(deck.deck_bytes(tables, steps, stamp))
    except OSError as error:
        print(
            _("Could not write {file}: {problem}.").format(file=out, problem=error.strerror), file=sys.stderr
        )
        return 1
    count = len(Presentation(str(out)).slides)
    print(
        ngettext("Wrote {file}: {n} slide.", "Wrote {file}: {n} slides.", count).format(file=out, n=count),
        f"{stamp}.",
    )
    return 0
