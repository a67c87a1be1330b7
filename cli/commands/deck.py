"""`python -m models deck --out FILE.pptx [--city ID ...] [--data DIR]`: the presentation
sequence as a PowerPoint deck (network views, then one slide per city)."""

from __future__ import annotations

import sys
from pathlib import Path

from models.loader import load_network

from .common import add_data_argument

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
            f"The deck is a PowerPoint file: give a name ending in .pptx (not {out.name}).", file=sys.stderr
        )
        return 2
    network = load_network(args.data)
    for problem in network.problems:
        print(problem, file=sys.stderr)
    if network.vocabulary is None:
        print("No deck: the model's vocabulary (model.yaml) did not load.", file=sys.stderr)
        return 1
    tables = build_tables(network)
    known = list(tables.cities["id"])
    cities = args.city if args.city else known
    unknown = [c for c in cities if c not in known]
    if unknown:
        print(
            f"No city with the id {', '.join(unknown)} in {network.data_dir}/cities. "
            f"Known ids: {', '.join(known)}.",
            file=sys.stderr,
        )
        return 2
    views = list(presentation.VIEWS) if args.views is None else [v.strip() for v in args.views.split(",")]
    wrong = [v for v in views if v not in presentation.VIEWS]
    if wrong:
        print(
            f"Unknown view {', '.join(wrong)}: choose from {', '.join(presentation.VIEWS)}.", file=sys.stderr
        )
        return 2
    steps = presentation.steps(views, cities, tables)
    stamp = stamp_text(data_date(network.data_dir), tables.cities)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(deck.deck_bytes(tables, steps, stamp))
    except OSError as error:
        print(f"Could not write {out}: {error.strerror}.", file=sys.stderr)
        return 1
    count = len(Presentation(str(out)).slides)
    print(f"Wrote {out}: {count} slides. {stamp}.")
    return 0
