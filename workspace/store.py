"""Writing data files safely: versions, one lock, all the files of a change or none.

This is the lowest layer of the one write path (workspace.changes builds on it):

- `read_with_version` gives a file's text with a fingerprint of its bytes; a change made
  against a version that is no longer on disk is refused (`ChangedOnDisk`), so a save never
  overwrites data it has not seen;
- `locked(data_dir)` is one cross-platform lock per data folder (filelock), kept outside
  the folder (`lock_path`): two sessions or processes saving at once cannot interleave
  their check and their write;
- `write_files` writes every file of a change, or none, even across a crash:

    1. each new text goes to a hidden file beside its target (`.fot.yaml.new`), and a copy of
       the file as it is to another (`.fot.yaml.old`), both flushed to disk;
    2. a journal (`.change.json`) naming every target is written and renamed into place:
       this rename is the moment the change happens;
    3. each hidden file is renamed over its target (a removed file is deleted);
    4. `finish` runs (workspace.changes records the commit), then the journal goes.

  A crash before step 2 leaves the data as it was (the hidden files are swept away later);
  a crash after it is completed by `recover`, which every write and the app's start run
  first. An error in step 3 or 4 (a full disk, a failed commit) turns the journal round and
  puts every file back from its copy. The data ends exactly as before or exactly as after,
  never in between.

No fcntl, no platform-specific calls: the app runs on Linux, macOS and Windows.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

from words.i18n import N_, in_language, said

logger = logging.getLogger(__name__)

MISSING = "missing"  # the version of a file that does not exist (yet)
LOCK_NAME = ".write.lock"  # where the lock was kept before it moved out of the data folder
LOCK_DIR_VARIABLE = "IAP_LOCK_DIR"
JOURNAL_NAME = ".change.json"
NEW_SUFFIX = ".new"
OLD_SUFFIX = ".old"
LOCK_TIMEOUT_S = 120
# What is not data in a data folder: a scratch copy or a fingerprint leaves these out.
NOT_DATA = (".git", ".*.lock", ".*.tmp", ".*.new", ".*.old", JOURNAL_NAME, ".history")


class ChangedOnDisk(Exception):
    """The file changed since it was read: saving would overwrite someone else's work. Its
    message is said in the language of whoever reads it (`str(error)`)."""

    def __str__(self) -> str:
        return in_language(self.args[0]) if self.args else ""


def version_of(path: Path) -> str:
    """A fingerprint of the file's bytes (MISSING when there is no file)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except FileNotFoundError:
        return MISSING


def read_with_version(path: Path) -> tuple[str | None, str]:
    """The file's text and its version, read together (None text when missing)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return None, MISSING
    return data.decode("utf-8"), hashlib.sha256(data).hexdigest()


def changed_on_disk(name: str) -> ChangedOnDisk:
    return ChangedOnDisk(
        said(
            N_(
                "{name} was changed by someone else since you opened it. "
                "Nothing was saved: reload to see their changes, then make yours again."
            ),
            name=name,
        )
    )


def lock_path(data_dir: Path, environ=None) -> Path:
    """Where the data folder's write lock lives: outside the folder (in IAP_LOCK_DIR, or the
    system's temporary folder), named after the folder's full path, so that a person's own
    git of the data never sees a lock file, and every process saving to one folder meets the
    same lock."""
    environ = environ if environ is not None else os.environ
    folder = Path(environ.get(LOCK_DIR_VARIABLE) or Path(tempfile.gettempdir()) / "breaking-isolation-locks")
    key = hashlib.sha256(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:24]
    return folder / f"{key}.lock"


@contextlib.contextmanager
def locked(data_dir: Path):
    """Hold the data folder's write lock (waits for another save to finish)."""
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    lock = lock_path(data_dir)
    lock.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(lock), timeout=LOCK_TIMEOUT_S):
        yield


def _write_bytes(path: Path, data: bytes) -> None:
    """Write and flush `data` to `path` (a hidden file of ours: never a target itself)."""
    with open(path, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _sync_folder(folder: Path) -> None:
    # Makes a rename durable on POSIX; folders cannot be opened this way on Windows.
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _hidden(target: Path) -> Path:
    return target.with_name(f".{target.name}{NEW_SUFFIX}")


def _kept(target: Path) -> Path:
    return target.with_name(f".{target.name}{OLD_SUFFIX}")


def _journal(data_dir: Path) -> Path:
    return Path(data_dir) / JOURNAL_NAME


def _write_journal(data_dir: Path, recorded: dict) -> None:
    pending = Path(data_dir) / f"{JOURNAL_NAME}.tmp"
    _write_bytes(pending, json.dumps(recorded).encode("utf-8"))
    os.replace(pending, _journal(data_dir))


def write_files(
    data_dir: Path,
    texts: Mapping[Path, str | None],
    note: dict | None = None,
    finish: Callable[[dict], None] | None = None,
    undo: Callable[[dict], None] | None = None,
    expected: Mapping[Path, str] | None = None,
) -> None:
    """Write every file of `texts` (path -> new text; None removes the file), or none.

    `expected` (path -> version) are the versions the change was made on: checked again at
    the last moment before the change happens, so a file edited by hand meanwhile (outside
    the lock) raises ChangedOnDisk and nothing is written.

    Call it holding `locked(data_dir)`. `finish(note)` runs once the files are in place
    (workspace.changes records the commit there); when it or a rename fails, every file is put
    back as it was and `undo(note)` runs, then the error is raised. A crash (the process
    killed) at any point is completed or undone by the next `recover`.
    """
    data_dir = Path(data_dir)
    targets = {Path(p): t for p, t in texts.items()}
    made: list[Path] = []
    try:
        for target, text in targets.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                made.append(_kept(target))
                _write_bytes(_kept(target), target.read_bytes())
            if text is not None:
                made.append(_hidden(target))
                _write_bytes(_hidden(target), text.encode("utf-8"))
        recorded = {
            "direction": "forward",
            "files": [
                {
                    "target": str(t.resolve().relative_to(data_dir.resolve())),
                    "remove": text is None,
                    "existed": t.exists(),
                }
                for t, text in targets.items()
            ],
            "note": note or {},
        }
        made.append(data_dir / f"{JOURNAL_NAME}.tmp")
        for target, version in (expected or {}).items():
            if version_of(target) != version:
                raise changed_on_disk(Path(target).resolve().relative_to(data_dir.resolve()).as_posix())
        _write_journal(data_dir, recorded)  # the change happens here
    except Exception:
        for path in made:
            with contextlib.suppress(OSError):
                os.unlink(path)
        raise
    try:
        _complete(data_dir, finish)
    except Exception:
        # Not a crash but an error (a full disk, a failed commit): put everything back, so that
        # "nothing was saved" is true. If even that fails, the journal stays for `recover`.
        try:
            recorded["direction"] = "back"
            _write_journal(data_dir, recorded)
            _complete(data_dir, finish, undo)
        except Exception as failed:  # noqa: BLE001 - the first error is the one raised; this one is logged
            # What is on disk now decides what the person is told (workspace.outcome); the journal
            # left behind is finished by the next save or start.
            logger.error("A failed change could not be put back at once: %r", failed)
        raise


def _put_back(target: Path, existed: bool) -> None:
    """`target` as it was before the change (from its kept copy), by an atomic rename."""
    if not existed:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target)
        return
    back = target.with_name(f".{target.name}.back.tmp")
    _write_bytes(back, _kept(target).read_bytes())
    os.replace(back, target)


def _complete(
    data_dir: Path, finish: Callable[[dict], None] | None, undo: Callable[[dict], None] | None = None
) -> None:
    """Carry out the journal's change to its end, forward or back; then forget the journal.
    Every step can run again after a crash with the same result."""
    journal = _journal(data_dir)
    recorded = json.loads(journal.read_text(encoding="utf-8"))
    forward = recorded.get("direction", "forward") == "forward"
    folders = set()
    for entry in recorded["files"]:
        target = data_dir / entry["target"]
        folders.add(target.parent)
        if not forward:
            # Only a target that was replaced or removed needs its old text back.
            touched = not target.exists() if entry["remove"] else not _hidden(target).exists()
            if touched:
                _put_back(target, entry.get("existed", True))
        elif entry["remove"]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
        elif _hidden(target).exists():
            os.replace(_hidden(target), target)
    for folder in folders:
        _sync_folder(folder)
    if forward and finish is not None:
        finish(recorded.get("note") or {})
    if not forward and undo is not None:
        undo(recorded.get("note") or {})
    os.unlink(journal)
    _sync_folder(data_dir)
    for entry in recorded["files"]:
        target = data_dir / entry["target"]
        for leftover in (_hidden(target), _kept(target)):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(leftover)


@dataclass(frozen=True)
class Recovered:
    """A change a crash interrupted, finished by `recover`: 'completed' or 'undone', and the
    note its save recorded (who, when, what)."""

    outcome: str
    note: dict


def recover(
    data_dir: Path,
    finish: Callable[[dict], None] | None = None,
    undo: Callable[[dict], None] | None = None,
) -> Recovered | None:
    """Complete (or undo, if it was being undone) a change a crash interrupted, and sweep
    away the hidden files of one that never began. Call it holding `locked(data_dir)`.
    What was finished, or None when nothing was waiting."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return None
    completed = None
    if _journal(data_dir).exists():
        try:
            recorded = json.loads(_journal(data_dir).read_text(encoding="utf-8"))
        except (ValueError, OSError):
            os.unlink(_journal(data_dir))  # never fully written: the change never happened
        else:
            _complete(data_dir, finish, undo)
            forward = recorded.get("direction", "forward") == "forward"
            completed = Recovered("completed" if forward else "undone", recorded.get("note") or {})
    for pattern in (f".*{NEW_SUFFIX}", f".*{OLD_SUFFIX}", ".*.back.tmp", f"{JOURNAL_NAME}.tmp"):
        for leftover in data_dir.rglob(pattern):
            if ".git" not in leftover.relative_to(data_dir).parts:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(leftover)
    return completed


def save_text(data_dir: Path, path: Path, text: str, expected_version: str) -> str:
    """Write one file if it is still at `expected_version`; return the new version.

    For tools and tests that write a file outside the data's rules (drafts, benchmarks);
    changes to the data go through workspace.changes, which checks and records them.
    """
    path = Path(path)
    with locked(data_dir):
        recover(data_dir)
        current, current_version = read_with_version(path)
        if current_version != expected_version:
            raise changed_on_disk(path.name)
        if current != text:
            write_files(data_dir, {path: text})
    return version_of(path)
