"""The one write path: every change to the data goes through `save`.

The edit page, the spreadsheet import, a confirmed IAP draft, a self-assessment, progress
values, a restore, a new source and a new city all hand `save` the new text of each file
they change, the version of each file they read, who makes the change and what it is in
words. `save` then, holding the data folder's one lock:

1. completes a change a crash interrupted (workspace.store.recover);
2. refuses an account that may not make it (revoked, or another city's files);
3. refuses the change when any file is no longer the version that was read (ChangedOnDisk):
   nobody's work is overwritten unseen, and the page keeps what the person typed;
4. checks the whole data with the change applied, in a scratch copy, with the rules and
   messages of `python -m models validate` (Refused, with every problem);
5. writes all the files or none (workspace.store.write_files), and records them as one git
   commit authored by the person, with the message (workspace.history);
6. copies the commit to the backup remote when one is configured (a failed copy keeps the
   commit and says so).

No streamlit here; pages and commands call it, tests call it directly.
"""

from __future__ import annotations

import datetime as dt
import getpass
import logging
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from models.files import Problem
from models.loader import load_network
from words.i18n import N_, _, in_language, said

from . import accounts, history, outcome, store

logger = logging.getLogger(__name__)


class _InWords(Exception):
    """An exception whose message is a sentence for a person: said in the language in use
    wherever it is shown (`str(error)`), though it was raised before anyone read it."""

    def __str__(self) -> str:
        return in_language(self.args[0]) if self.args else ""


class Refused(_InWords):
    """The change would leave problems in the data: nothing was written."""

    def __init__(self, problems: list[Problem]):
        super().__init__(said(N_("problems to fix before saving: {n}"), n=len(problems)))
        self.problems = problems


class NotAllowed(_InWords):
    """The account may not make this change (revoked, or another city's data)."""


class EditError(_InWords):
    """Something the person can act on, in words (the disk refused a write, ...)."""


@dataclass(frozen=True)
class Author:
    """Who makes a change: the name shown in the history, and the account (None for the
    server's own command line, which is not an account)."""

    name: str
    account: str | None = None
    # A session without an account (an old shared city password) may change only these
    # cities; None with no account is the server's own command line (or the shared Lead Expert password).
    cities: tuple[str, ...] | None = None

    @property
    def identity(self) -> bytes:
        return history.identity(self.name, self.account or "command-line")


def command_line_author() -> Author:
    try:
        user = getpass.getuser()
    except (KeyError, OSError, ImportError):  # no user name on this system (no pwd entry, no variable)
        user = "server"
    return Author(f"Command line ({user})")


@dataclass
class Saved:
    """What a save did."""

    versions: dict[str, str] = field(default_factory=dict)  # file -> its new version
    commit: str | None = None  # None: nothing differed, nothing was written
    backup: str | None = None  # what happened with the copy to the remote, when there is one
    backup_ok: bool = True


_watching = threading.local()  # per thread: a page's run, a command


@contextmanager
def saves_seen() -> Iterator[list[Saved]]:
    """Every Saved that the saves made inside the block returned, whatever function of the
    write path made them: so a page tells what a save made true (committed, not backed up,
    nothing changed) without each writer passing it back."""
    seen: list[Saved] = []
    outer = getattr(_watching, "seen", None)
    _watching.seen = seen
    try:
        yield seen
    finally:
        _watching.seen = outer


def _seen(saved: Saved) -> Saved:
    if (watching := getattr(_watching, "seen", None)) is not None:
        watching.append(saved)
    return saved


# --- checking a change with the rules of `validate` ------------------------------------------


def _scratch_copy(data_dir: Path, into: Path) -> Path:
    target = into / "data"
    shutil.copytree(data_dir, target, ignore=shutil.ignore_patterns(*store.NOT_DATA))
    return target


def problems_with(
    data_dir: Path, changes: dict[str, str | None], before: list[Problem] | None = None
) -> list[Problem]:
    """The problems that saving `changes` ({'cities/x.yaml': text or None to remove}) would
    leave: every problem in a changed file, and any new problem elsewhere (an action removed
    that a practice still names). Problems other files already had do not block a save
    (`before`: the problems of the data as it is; read when not given)."""
    data_dir = Path(data_dir)
    if before is None:
        before = load_network(data_dir).problems
    with tempfile.TemporaryDirectory(prefix="iap-check-") as temporary:
        copy_dir = _scratch_copy(data_dir, Path(temporary))
        for shown_as, text in changes.items():
            target = copy_dir / shown_as
            if text is None:
                target.unlink(missing_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        after = load_network(copy_dir).problems
    known = set(before)
    return [p for p in after if p.file in changes or p not in known]


# --- who may change what ---------------------------------------------------------------------

PER_CITY_FOLDERS = ("cities", "assessments", "progress", "drafts")
OPEN_TO_CITIES = ("sources.yaml",)  # a city's editor may add the documents its plan cites


def _check_allowed(author: Author, paths) -> None:
    if author.account is None:
        if author.cities is None:
            return  # the server's own command line (or the old shared Lead Expert password)
        cities = author.cities
    else:
        account = accounts.find(author.account)
        if account is None or account.revoked:
            raise NotAllowed(
                said(
                    N_(
                        "Your account can no longer make changes (it was removed or revoked). Nothing was saved; "
                        "ask the Lead Expert if this is a mistake."
                    )
                )
            )
        if account.lead:
            return
        cities = account.cities
    for path in paths:
        parts = Path(path).parts
        if path in OPEN_TO_CITIES:
            continue
        # Exactly `<folder>/<city>.yaml`: a name that merely starts with the city's id
        # (`cities/fot.yml` beside `cities/fot.yaml`) is not the city's file.
        if (
            len(parts) == 2
            and parts[0] in PER_CITY_FOLDERS
            and parts[1] in {f"{city}.yaml" for city in cities}
        ):
            continue
        raise NotAllowed(
            said(
                N_("Your account may change only the data of {cities}, not {path}. Nothing was saved."),
                cities=", ".join(sorted(cities)),
                path=path,
            )
        )


# --- the save --------------------------------------------------------------------------------


def _record(data_dir: Path):
    def finish(note: dict) -> None:
        if not note.get("record"):
            return
        try:
            history.commit(data_dir, note["paths"], note["author"].encode("utf-8"), note["message"])
        except Exception as error:
            # A commit can land and then raise (the disk fills while the reflog is written after
            # the branch moved). Putting the files back then would leave a commit for a change
            # the files no longer hold: what the history now holds decides.
            if not _in_history(data_dir, note["paths"]):
                raise
            logger.warning("The commit was recorded, then this failed: %r", error)

    return finish


def _in_history(data_dir: Path, paths: list[str]) -> bool:
    """Whether the last commit holds every file of `paths` exactly as it is on disk."""
    try:
        return all(
            history.committed_bytes(data_dir, p)
            == ((data_dir / p).read_bytes() if (data_dir / p).exists() else None)
            for p in paths
        )
    except OSError as error:  # a file that cannot be read back: nothing is known to be recorded
        logger.warning("A file could not be read back after a failed commit: %r", error)
        return False


def _unstage(data_dir: Path):
    def undo(note: dict) -> None:
        if note.get("record"):
            history.stage_as_committed(data_dir, note["paths"])

    return undo


def save(
    data_dir: str | Path,
    texts: dict[str, str | None],
    versions: dict[str, str],
    author: Author,
    message: str,
    *,
    before: list[Problem] | None = None,
    check: bool = True,
    record: bool = True,
) -> Saved:
    """Check and write a change of one or more files, all or none, as one commit.

    `texts`: file (relative to the data folder, like 'cities/fot.yaml') -> its new text,
    None to remove it. `versions`: file -> the version that was read (store.MISSING for a
    new file). `check=False` only for files the loader does not read (drafts).
    Raises NotAllowed, store.ChangedOnDisk or Refused (nothing is written then), or EditError
    whose words say what is true on disk afterwards (workspace.outcome).
    """
    data_dir = Path(data_dir)
    paths = {str(Path(p).as_posix()): t for p, t in texts.items()}
    _check_allowed(author, paths)
    finish = _record(data_dir)
    changed: dict[str, str | None] = {}
    read: dict[str, str] = {}
    try:
        with store.locked(data_dir):
            store.recover(data_dir, finish, _unstage(data_dir))
            current = {p: store.read_with_version(data_dir / p) for p in paths}
            read = {p: version for p, (_, version) in current.items()}
            for path in paths:
                if read[path] != versions.get(path, store.MISSING):
                    raise store.changed_on_disk(path)
            changed = {p: t for p, t in paths.items() if current[p][0] != t}
            if not changed:
                return _seen(Saved(read))
            if check:
                problems = problems_with(data_dir, changed, before)
                if problems:
                    raise Refused(problems)
            if record:
                damaged = history.damage(data_dir)
                if damaged:
                    raise EditError(damaged + " " + _("Nothing was changed."))
                history.ensure_repository(data_dir)
                try:  # before anything is written: a lock in the way refuses the save whole
                    history.clear_stale_locks(data_dir)
                except history.StaleLockError as error:
                    raise EditError(str(error)) from error
            note = {
                "when": dt.datetime.now(dt.UTC).isoformat(timespec="minutes"),
                "record": record,
                "paths": sorted(changed),
                "author": author.identity.decode("utf-8"),
                "message": message,
            }
            # The versions read are checked again just before the change happens (after the
            # check above, which takes a moment): a hand edit made meanwhile is never overwritten.
            store.write_files(
                data_dir,
                {data_dir / p: t for p, t in changed.items()},
                note,
                finish,
                _unstage(data_dir),
                expected={data_dir / p: read[p] for p in changed},
            )
    except (Refused, NotAllowed, store.ChangedOnDisk, EditError):
        raise
    except Exception as error:  # noqa: BLE001 - whatever failed, what is on disk decides what to say
        saved = _after_failure(data_dir, paths, changed, read, record, error)
        if saved is None:
            raise EditError(outcome.failed_words(data_dir, changed, read, record, error)) from error
        return _seen(saved)
    saved = Saved({p: store.version_of(data_dir / p) for p in paths})
    if record:
        saved.commit = _last_commit(data_dir)
        # After the lock is released: a slow or unreachable backup never holds up other saves.
        remote = history.remote_of()
        if remote is not None:
            synced = history.push(data_dir, remote)
            saved.backup, saved.backup_ok = synced.message, synced.ok
    return _seen(saved)


def _last_commit(data_dir: Path) -> str | None:
    """The id of the last commit, None when the history cannot say (the save itself stands)."""
    try:
        latest = history.log(data_dir, limit=1)
    except Exception as error:  # noqa: BLE001 - the save stands whatever reading it back raised
        logger.warning("Saved, but the history could not be read back: %r", error)
        return None
    return latest[0].commit if latest else None


def _after_failure(data_dir, paths, changed, read, record, error) -> Saved | None:
    """A save that raised but whose change is on disk and in the history (the error came
    after, reading the history back, say) is a save: return it. None otherwise."""
    if not changed or outcome.state(data_dir, changed, read, record) != outcome.COMMITTED:
        return None
    logger.warning("The save went through, then this failed: %r", error)
    saved = Saved({p: store.version_of(data_dir / p) for p in paths})
    saved.commit = _last_commit(data_dir) if record else None
    return saved


def save_one(
    data_dir: str | Path,
    path: str,
    text: str | None,
    version: str,
    author: Author,
    message: str,
    **options,
) -> str:
    """`save` for one file; returns the file's new version."""
    return save(data_dir, {path: text}, {path: version}, author, message, **options).versions[path]


def shown_as(data_dir: str | Path, path: str | Path) -> str:
    """A file's name relative to the data folder ('cities/fot.yaml')."""
    return Path(path).resolve().relative_to(Path(data_dir).resolve()).as_posix()


def recover(data_dir: str | Path) -> store.Recovered | None:
    """Complete (or undo) a change a crash interrupted, before anything reads the data (the
    app's start and every page run, every command): what was finished, to be said, or None.
    Waits for a save in progress to end (its journal is no crash's)."""
    data_dir = Path(data_dir)
    # One look for the journal (cheap enough for every page run); the hidden files of a change
    # that never began harm nothing and are swept away by the next save.
    if not (data_dir / store.JOURNAL_NAME).exists():
        return None
    with store.locked(data_dir):
        recovered = store.recover(data_dir, _record(data_dir), _unstage(data_dir))
    if recovered is not None:
        logger.warning("An interrupted save was %s: %s", recovered.outcome, recovered.note)
    return recovered


def restore(
    data_dir: str | Path,
    commit: str,
    paths: list[str],
    author: Author,
    what: str,
    before: list[Problem] | None = None,
) -> Saved:
    """Bring `paths` back to how commit `commit` left them, as a new commit (checked like any
    save; refused when the files changed since the history was read)."""
    data_dir = Path(data_dir)
    texts = {p: history.file_at(data_dir, commit, p) for p in paths}
    versions = {p: store.version_of(data_dir / p) for p in paths}
    entry = next((e for e in history.log(data_dir, limit=500) if e.commit == commit), None)
    when = entry.when.strftime("%Y-%m-%d %H:%M UTC") if entry else commit[:8]
    message = f"{what}: restored the version of {when}"
    return save(data_dir, texts, versions, author, message, before=before)
