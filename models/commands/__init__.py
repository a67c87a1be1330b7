"""The subcommands of `python -m models`, one module each.

A module exposes `NAME`, `HELP`, `add_arguments(parser)` and `run(args) -> int` (the exit
code). Add a command by writing its module and listing it in `COMMANDS`.
"""

from __future__ import annotations

from . import deck, export, html_report, validate

COMMANDS = [validate, export, deck, html_report]
