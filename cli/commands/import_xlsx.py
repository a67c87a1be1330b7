"""`python -m models import FILE.xlsx [--data DIR] [--check]`: a workbook back into the city files.

A workbook with any problem is refused whole: every problem is listed as
`sheet, row, column: message` and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from .common import add_data_argument, count

NAME = "import"
HELP = "read a workbook made by 'export --format xlsx' back into the city files (all or nothing)"


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="FILE.xlsx")
    parser.add_argument("--check", action="store_true", help="only say what would change; write nothing")
    add_data_argument(parser)


def run(args) -> int:
    # heavy: openpyxl and the data history (dulwich) are loaded only by this command
    from formats.spreadsheet import apply, plan_import
    from workspace.changes import EditError, Refused
    from workspace.store import ChangedOnDisk

    path = Path(args.file)
    try:
        content = path.read_bytes()
    except OSError as error:
        print(f"{path}: cannot be read ({error.strerror or error})")
        return 2
    plan = plan_import(content, args.data, isolated=True)
    if not plan.ok:
        for problem in plan.problems:
            print(problem)
        print(f"\n{count(len(plan.problems), 'problem')} in {path.name}. Nothing was saved.")
        return 1
    if not plan.changes:
        print(f"{path.name} holds no change: no file was rewritten.")
        return 0
    for change in plan.changes:
        print(f"{'new file' if change.is_new else 'changed'} cities/{change.path.name}")
        for line in change.summary:
            print(f"  - {line}")
    if plan.left_out:
        print(f"Not in the workbook, left as they are: {', '.join(plan.left_out)}")
    if args.check:
        print("Checked only (--check): nothing was saved.")
        return 0
    try:
        written = apply(plan)
    except (ChangedOnDisk, Refused, EditError) as error:
        print(error)
        for problem in getattr(error, "problems", []):
            print(problem)
        return 1
    print(
        f"Saved {count(len(written), 'file')} as one change in the data's history "
        "(`python -m models workspace status` lists it)."
    )
    return 0
