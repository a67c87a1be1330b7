"""`python -m models template [--write | --check] [--file PATH]`: the action part of
data/city-template.yaml, written from the schema's field registry (models.template).

    python -m models template            # prints the template as the registry writes it
    python -m models template --write    # rewrites the file's action part (make template)
    python -m models template --check    # exit 1 when the file is not what the registry writes
"""

from __future__ import annotations

import sys
from pathlib import Path

from models.template import rewrite, with_actions

NAME = "template"
HELP = "write data/city-template.yaml's action part from the schema's fields (--write), or check it"
TEMPLATE = Path(__file__).resolve().parents[2] / "data" / "city-template.yaml"


def add_arguments(parser) -> None:
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--write", action="store_true", help="rewrite the file's action part")
    what.add_argument("--check", action="store_true", help="exit 1 when the file is out of date")
    parser.add_argument("--file", type=Path, default=TEMPLATE, help=f"the template (default {TEMPLATE})")


def run(args) -> int:
    if args.write:
        changed = rewrite(args.file)
        print(f"{args.file}: {'action part rewritten from the schema' if changed else 'already up to date'}.")
        return 0
    text = args.file.read_text(encoding="utf-8")
    if args.check:
        if with_actions(text) != text:
            print(
                f"{args.file} is not what the schema's fields write; run `make template` "
                "(python -m models template --write).",
                file=sys.stderr,
            )
            return 1
        print(f"{args.file}: up to date with the schema.")
        return 0
    sys.stdout.write(with_actions(text))
    return 0
