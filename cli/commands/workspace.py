"""`python -m models workspace init|status|sync [--data DIR]`: the data folder's history.

`init` makes the data folder a git repository with a first commit (the app does it on the
first save too); `status` says where the history stands; `sync` pulls from and pushes to the
backup remote ($IAP_DATA_REMOTE), merging when the files do not clash.
"""

from __future__ import annotations

from models.loader import resolve_data_dir

from .common import add_data_argument

NAME = "workspace"
HELP = "the data's history in git: init, status, sync with the backup remote"


def add_arguments(parser) -> None:
    parser.add_argument("action", choices=["init", "status", "sync"])
    add_data_argument(parser)


def run(args) -> int:
    # heavy: the data history (dulwich) is loaded only by this command
    from workspace import changes, history, store

    data_dir = resolve_data_dir(args.data)
    if not data_dir.is_dir():
        print(f"{data_dir}: there is no data folder here.")
        return 2
    changes.recover(data_dir)
    if args.action == "init":
        with store.locked(data_dir):
            made = history.ensure_repository(data_dir)
        print(f"{data_dir}: {'history started' if made else 'already has its history'}.")
        return 0
    if args.action == "status":
        try:
            entries = history.log(data_dir, limit=5)
        except history.HistoryError as error:
            print(f"{data_dir}: {error}")
            return 1
        if not entries:
            print(f"{data_dir}: no history yet (it starts with the first save, or `workspace init`).")
            return 0
        print(f"{data_dir}: last changes")
        for entry in entries:
            print(f"  {entry.when:%Y-%m-%d %H:%M} UTC  {entry.author}: {entry.message}")
        remote = history.remote_of()
        print(f"Backup remote: {remote or 'none (set IAP_DATA_REMOTE)'}")
        return 0
    remote = history.remote_of()
    if remote is None:
        print("No backup remote: set IAP_DATA_REMOTE to an address or the path of a bare repository.")
        return 2
    pulled = history.pull_on_start(data_dir)
    print(pulled.message if pulled else "")
    if pulled is not None and not pulled.ok:
        return 1
    pushed = history.push(data_dir, remote)  # takes the data's lock itself, only to merge
    # The push's words are a save's ("The change was also copied..."): here no change was made.
    print("The backup holds the whole history now." if pushed.ok else pushed.message)
    return 0 if pushed.ok else 1
