"""What a save that failed part way leaves true, read from the disk, in words.

A save can fail at any step: writing a file, recording the commit, reading the history
back. What the person is told must be what is now true, never a guess from where the error
came from. So after a failure the files are read again and compared with the versions the
save started from and the texts it meant to write, and the history with those texts:

    COMMITTED    every file holds the change and the last commit holds it too;
    SAVED        every file holds the change, the history does not (yet);
    NOT_SAVED    every file is as it was, and no interrupted change is waiting to be finished;
    PART_WAY     anything else (a change half put back, or one a crash journal will finish).
"""

from __future__ import annotations

import json
from pathlib import Path

from words.i18n import _

from . import history, store

COMMITTED, SAVED, NOT_SAVED, PART_WAY = "committed", "saved", "not saved", "part way"


def _pending(data_dir: Path) -> str | None:
    """The direction of an interrupted change's journal ('forward', 'back'), None without one."""
    try:
        recorded = json.loads((Path(data_dir) / store.JOURNAL_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return "unreadable"
    return recorded.get("direction", "forward") if isinstance(recorded, dict) else "unreadable"


def state(data_dir: Path, changed: dict[str, str | None], read: dict[str, str], record: bool) -> str:
    """Which of the four is true now for the change `changed` (file -> new text, None to
    remove) made on the versions `read`."""
    data_dir = Path(data_dir)
    on_disk = {p: store.read_with_version(data_dir / p) for p in changed}
    pending = _pending(data_dir)
    if all(on_disk[p][0] == text for p, text in changed.items()):
        if pending is not None and pending != "forward":
            return PART_WAY  # being put back: the next save or start finishes that
        if not record:
            return COMMITTED if pending is None else SAVED
        in_history = all(
            history.committed_bytes(data_dir, p) == (None if text is None else text.encode("utf-8"))
            for p, text in changed.items()
        )
        return COMMITTED if in_history and pending is None else SAVED
    if all(on_disk[p][1] == read.get(p, store.MISSING) for p in changed) and pending is None:
        return NOT_SAVED
    return PART_WAY


def reason(data_dir: Path, error: BaseException) -> str:
    """The error in a few words, without the server's own paths."""
    if isinstance(error, OSError) and error.strerror:
        said = error.strerror
    elif isinstance(error, history.HistoryError):
        return str(error)
    else:
        said = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    for path in {str(Path(data_dir).resolve()), str(Path(data_dir))}:
        said = said.replace(path + "/", "").replace(path, "the data folder")
    return said[:200]


def failed_words(data_dir: Path, changed: dict, read: dict, record: bool, error: BaseException) -> str:
    """What to tell the person whose save raised `error`, from what is on disk now."""
    why = reason(data_dir, error)
    try:
        now = state(data_dir, changed, read, record) if changed else NOT_SAVED
    except Exception:  # noqa: BLE001 - the disk cannot even be read back: say only what is known
        now = None
    if now == NOT_SAVED:
        said = _(
            "The change could not be written ({why}). Nothing was changed: the data is as it was "
            "before you pressed Save."
        )
    elif now == SAVED and _pending(data_dir) == "forward":
        said = _(
            "The change is saved in the data files, but it could not be recorded in the data's "
            "history yet ({why}). It will be recorded under your name with the next save or when "
            "the app next starts."
        )
    elif now == SAVED:
        said = _(
            "The change is saved in the data files, but it is not in the data's history ({why}). "
            "The history will hold it after the next save of the same file."
        )
    elif now in (PART_WAY, COMMITTED):
        said = _(
            "The save was interrupted part way ({why}). It will be finished or undone with the next "
            "save or when the app next starts; reload the page then to see the data as it is."
        )
    else:
        said = _(
            "The save failed ({why}) and what is on disk could not be read back. Reload the page to "
            "see the data as it is now before saving again."
        )
    return said.format(why=why)
