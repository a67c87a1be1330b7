"""`python -m models progress-template --out FILE.xlsx` and
`python -m models import-progress FILE.xlsx`: progress reports through a spreadsheet."""

from __future__ import annotations

import sys
from pathlib import Path

from models.loader import load_network

from .common import add_data_argument


class Template:
    NAME = "progress-template"
    HELP = "write a workbook with one row per indicator, to fill in progress values"

    @staticmethod
    def add_arguments(parser) -> None:
        parser.add_argument("--out", metavar="FILE.xlsx", required=True)
        add_data_argument(parser)

    @staticmethod
    def run(args) -> int:
        # Deferred: openpyxl loads only for the commands that need it, so
        # `python -m models validate` and the other data commands start quickly.
        from formats.progress_sheet import template_bytes

        network = load_network(args.data)
        for problem in network.problems:
            print(problem, file=sys.stderr)
        Path(args.out).write_bytes(template_bytes(network))
        print(f"Wrote {args.out}: fill in Value, Date and Reported by, then run import-progress.")
        return 0


class Import:
    NAME = "import-progress"
    HELP = "add the progress values filled in a workbook (all or nothing)"

    @staticmethod
    def add_arguments(parser) -> None:
        parser.add_argument("file", metavar="FILE.xlsx")
        add_data_argument(parser)

    @staticmethod
    def run(args) -> int:
        # Deferred: openpyxl loads only for the commands that need it, so
        # `python -m models validate` and the other data commands start quickly.
        from formats.progress_sheet import import_workbook

        network = load_network(args.data)
        if network.vocabulary is None:
            print("The model's vocabulary (model.yaml) did not load; nothing was imported.", file=sys.stderr)
            return 1
        if not Path(args.file).is_file():
            print(f"No file {args.file}; nothing was imported.", file=sys.stderr)
            return 1
        reading = import_workbook(args.file, network, network.data_dir, isolated=True)
        if reading.problems:
            for problem in reading.problems:
                print(problem, file=sys.stderr)
            n = len(reading.problems)
            print(
                f"\nNothing was imported: {n} problem{'' if n == 1 else 's'} to fix first.", file=sys.stderr
            )
            return 1
        if not reading.count:
            print("No filled-in row: nothing to import.")
            return 0
        cities = ", ".join(f"{city} ({len(r)})" for city, r in reading.reports.items())
        print(f"Added {reading.count} progress report{'' if reading.count == 1 else 's'}: {cities}.")
        return 0
