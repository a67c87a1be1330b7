"""`python -m models export --format json|csv|xlsx [--out FILE] [--data DIR]`.

json and csv go to standard output (or --out); xlsx, a workbook to edit and import back
with `python -m models import`, needs --out.
"""

from __future__ import annotations

import sys
from pathlib import Path

from formats.export import to_csv, to_json
from models.loader import load_network

from .common import add_data_argument

NAME = "export"
HELP = "write all valid data to standard output, or the data as a workbook (xlsx) to a file"


def add_arguments(parser) -> None:
    parser.add_argument("--format", choices=("json", "csv", "xlsx"), required=True)
    parser.add_argument("--out", metavar="FILE", help="write to this file (required for xlsx)")
    add_data_argument(parser)


def run(args) -> int:
    network = load_network(args.data)
    out = getattr(args, "out", None)
    if args.format == "xlsx":
        if not out:
            print(
                "export --format xlsx needs --out FILE.xlsx (a workbook is not written to the terminal)",
                file=sys.stderr,
            )
            return 2
        # heavy: openpyxl is loaded only for a workbook
        from formats.workbook import build_workbook

        Path(out).write_bytes(build_workbook(network.data_dir, network.vocabulary))
        print(f"Wrote {out}: {len(network.cities)} cities. Edit it, then: python -m models import {out}")
    elif args.format == "csv":
        # A byte-order mark makes Excel read the file as UTF-8 (Škofja Loka, Tønder).
        data = ("\ufeff" + to_csv(network)).encode("utf-8")
        if out:
            Path(out).write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
    else:
        if out:
            Path(out).write_text(to_json(network) + "\n", encoding="utf-8")
        else:
            sys.stdout.write(to_json(network) + "\n")
    for problem in network.problems:
        print(problem, file=sys.stderr)
    return 1 if network.problems else 0
