"""`python -m models html-report --out FILE.html [--data DIR] [--lang LANG]`: the whole network as one
HTML file with interactive charts that works offline (nothing loaded from outside)."""

from __future__ import annotations

import sys
from pathlib import Path

from models.loader import load_network
from words.i18n import _

from .common import add_data_argument, add_language_argument

NAME = "html-report"
HELP = "write the whole network as one offline HTML report"


def add_arguments(parser) -> None:
    parser.add_argument("--out", metavar="FILE.html", required=True, help="where to write the report")
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument(
        "--city",
        metavar="CITY_ID",
        action="append",
        help="give this city a section of its own (repeat for several); by default every city of a "
        "network of at most 30 cities, and 30 of a larger one (those whose plan is entered first)",
    )
    chosen.add_argument("--all-cities", action="store_true", help="a section for every city, however many")
    add_data_argument(parser)
    add_language_argument(parser)


def run(args) -> int:
    # Deferred: pandas, plotly and python-pptx load only for the commands that need them,
    # so `python -m models validate` and the other data commands start quickly.
    from analysis.frames import build_tables
    from analysis.stamp import data_date, stamp_text
    from outputs.report_html import report_for

    out = Path(args.out)
    if out.suffix.lower() not in (".html", ".htm"):
        print(
            _("The report is a web page: give a name ending in .html (not {name}).").format(name=out.name),
            file=sys.stderr,
        )
        return 2
    network = load_network(args.data)
    for problem in network.problems:
        print(problem, file=sys.stderr)
    if network.vocabulary is None:
        print(_("No report: the model's vocabulary (model.yaml) did not load."), file=sys.stderr)
        return 1
    tables = build_tables(network)
    stamp = stamp_text(data_date(network.data_dir), tables.cities)
    cities = list(tables.cities["id"]) if args.all_cities else args.city
    unknown = [c for c in cities or [] if c not in set(tables.cities["id"])]
    if unknown:
        print(_("No city with the id {ids} in the data.").format(ids=", ".join(unknown)), file=sys.stderr)
        return 2
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(report_for(tables, stamp, cities))
    except OSError as error:
        print(
            _("Could not write {file}: {problem}.").format(file=out, problem=error.strerror), file=sys.stderr
        )
        return 1
    print(_("Wrote {file} ({size} kB).").format(file=out, size=out.stat().st_size // 1024), f"{stamp}.")
    return 0
