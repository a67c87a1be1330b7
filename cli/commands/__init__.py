"""The subcommands of `python -m models`, one module each.

A module exposes `NAME`, `HELP`, `add_arguments(parser)` and `run(args) -> int` (the exit
code). Add a command by writing its module and listing it in `COMMANDS`.
"""

from __future__ import annotations

from . import (
    accounts,
    deck,
    export,
    gaps,
    html_report,
    import_iap,
    import_xlsx,
    progress_sheet,
    report,
    template,
    validate,
    workspace,
)

COMMANDS = [
    validate,
    export,
    import_xlsx,
    import_iap,
    gaps,
    report,
    progress_sheet.Template,
    progress_sheet.Import,
    deck,
    html_report,
    accounts,
    workspace,
    template,
]
