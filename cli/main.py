"""Command line: `python -m models COMMAND ...`; the commands live in cli/commands/."""

from __future__ import annotations

import argparse
import sys
import tempfile
import traceback

from cli.commands import COMMANDS
from models.loader import resolve_data_dir
from words.i18n import use_language
from workspace.store import JOURNAL_NAME


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m models",
        description="Check, export and report on the cities' action plans.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_arguments(commands.add_parser(command.NAME, help=command.HELP))
    return parser


def _finish_interrupted(args) -> None:
    """Before a command reads the data: finish (or undo) a save a crash or Ctrl-C interrupted,
    and say so, so that no command ever sees half a change."""
    if not hasattr(args, "data"):
        return
    data_dir = resolve_data_dir(args.data)
    if not (data_dir / JOURNAL_NAME).exists():
        return
    # Deferred: the write path (git, accounts) loads only when there is a save to finish.
    from workspace import changes

    recovered = changes.recover(data_dir)
    if recovered is not None:
        note = recovered.note
        what = f"{note.get('message', 'a save')}"[:120]
        who = str(note.get("author", "")).split("<", 1)[0].strip() or "someone"
        when = note.get("when", "an unknown time")
        print(
            f"A save of {when} UTC by {who} ({what}) had been interrupted; it was {recovered.outcome} "
            "before this command read the data.",
            file=sys.stderr,
        )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    by_name = {c.NAME: c for c in COMMANDS}
    # A command with --lang runs wholly inside its language: the tables are built there
    # (their labels are read in it) and so is every text written; the others in English.
    try:
        _finish_interrupted(args)
        with use_language(getattr(args, "lang", None)):
            return by_name[args.command].run(args)
    except KeyboardInterrupt:
        print(
            "\nStopped. A save it had begun is finished or undone, whole, before the data is next read.",
            file=sys.stderr,
        )
        return 130
    except Exception as error:  # noqa: BLE001 - a person reads words; the details go to a file
        with tempfile.NamedTemporaryFile("w", prefix="iap-error-", suffix=".txt", delete=False) as details:
            traceback.print_exc(file=details)
        said = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
        print(
            f"The command could not finish: {said}. The details for whoever maintains the dashboard "
            f"are in {details.name}.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
