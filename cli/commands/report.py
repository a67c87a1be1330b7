"""`python -m models report CITY_ID --out FILE.html [--data DIR] [--lang LANG]`: a city's printable report."""

from __future__ import annotations

import sys
from pathlib import Path

from models.loader import resolve_data_dir
from words.i18n import _

from .common import add_data_argument, add_language_argument, city_tables

NAME = "report"
HELP = (
    "write a city's report (grids, gaps with peer practices, budget, completeness, sources) as one HTML page"
)


def add_arguments(parser) -> None:
    parser.add_argument("city", metavar="CITY_ID", help="the city's id, e.g. isernia")
    parser.add_argument("--out", metavar="FILE.html", required=True, help="where to write the report")
    add_data_argument(parser)
    add_language_argument(parser)


def run(args) -> int:
    # Deferred: pandas, plotly and python-pptx load only for the commands that need them,
    # so `python -m models validate` and the other data commands start quickly.
    from analysis.stamp import data_date
    from outputs.report import city_report_html

    tables = city_tables(args)
    if isinstance(tables, int):
        return tables
    text = city_report_html(tables, args.city, data_date(resolve_data_dir(args.data)))
    out = Path(args.out)
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        print(
            _("Could not write {file}: {problem}").format(file=out, problem=error.strerror), file=sys.stderr
        )
        return 1
    print(_("Wrote {file} ({size} kB).").format(file=out, size=len(text.encode("utf-8")) // 1024))
    return 0
