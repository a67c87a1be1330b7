"""The data's history in git: one commit per save, who and when and what, and a backup remote.

The data folder is a git repository of its own (`<data>/.git`), made on the first save (or
by `python -m models workspace init`) with a first commit that holds the data as it was.
When the data folder sits inside the project's clone (the bundled `data/`), the project's
git simply ignores the inner repository's folder; the data files stay tracked by both, so a
fresh clone and CI start without any history of saves and tests, which work on copies,
never commit into the project.

Everything goes through dulwich's public API (`dulwich.porcelain`, `Repo`), so no git
program is needed on the server, on any operating system.

Optionally every commit is pushed to a remote (IAP_DATA_REMOTE: an address or the path of a
bare repository), and the app pulls from it on start. A push that fails keeps the commit and
says so; when the remote moved on, its commits are merged in if they touch other things and
refused (nothing overwritten, on either side) if they clash.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from dulwich import porcelain
from dulwich.diff_tree import tree_changes
from dulwich.graph import can_fast_forward
from dulwich.object_store import tree_lookup_path
from dulwich.repo import Repo

from words.i18n import N_, _, said

from . import store

logger = logging.getLogger(__name__)

REMOTE_VARIABLE = "IAP_DATA_REMOTE"
BRANCH = b"refs/heads/main"
APP_AUTHOR = "Breaking Isolation dashboard <dashboard@localhost>"
FIRST_MESSAGE = "History starts: the data as it was before the first save in the app"
# Kept out of the data's history: the lock, unfinished writes, drafts' scratch.
EXCLUDE = "\n".join(
    [".write.lock", ".*.lock", ".*.tmp", ".*.new", ".*.old", ".change.json", ".change.json.tmp", ".history/"]
)


class HistoryError(Exception):
    """The history could not be read or written, in words."""


@dataclass(frozen=True)
class Entry:
    """One commit: who, when, what (its message) and the files it changed."""

    commit: str  # hex id
    author: str  # the name, without the e-mail part
    when: dt.datetime  # UTC
    message: str
    files: tuple[str, ...]

    @property
    def short(self) -> str:
        return self.commit[:8]


def is_repository(data_dir: Path) -> bool:
    return (Path(data_dir) / ".git").is_dir()


def _repo(data_dir: Path):

    return Repo(str(data_dir))


def identity(name: str, account: str | None = None) -> bytes:
    """`Name <account@iap>` as git wants an author; the account's id is the e-mail part."""
    clean = " ".join(str(name).replace("<", "").replace(">", "").split()) or "someone"
    mail = (account or "app").replace("<", "").replace(">", "").replace(" ", "-")
    return f"{clean} <{mail}@iap.local>".encode()


def data_files(data_dir: Path) -> list[Path]:
    """Every file of the data folder that belongs in its history."""
    root = Path(data_dir)
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or any(part.startswith(".") for part in relative.parts):
            continue
        found.append(path)
    return found


def ensure_repository(data_dir: Path) -> bool:
    """Make the data folder a repository with a first commit of its files, if it is not one.
    True when it was made now. Call it holding the data's lock."""

    data_dir = Path(data_dir)
    if is_repository(data_dir):
        _exclude_all(data_dir / ".git" / "info" / "exclude")
        return False
    repo = porcelain.init(str(data_dir))
    try:
        repo.refs.set_symbolic_ref(b"HEAD", BRANCH)
        info = Path(repo.controldir()) / "info"
        info.mkdir(exist_ok=True)
        (info / "exclude").write_text(EXCLUDE + "\n", encoding="utf-8")
        files = [str(p) for p in data_files(data_dir)]
        if files:
            porcelain.add(repo, files)
        porcelain.commit(
            repo, FIRST_MESSAGE.encode(), author=APP_AUTHOR.encode(), committer=APP_AUTHOR.encode()
        )
    finally:
        repo.close()
    return True


def _exclude_all(exclude: Path) -> None:
    """A history made by an older version ignores every name of EXCLUDE too (lines added)."""
    try:
        have = exclude.read_text(encoding="utf-8").splitlines() if exclude.exists() else []
        missing = [line for line in EXCLUDE.splitlines() if line not in have]
        if missing:
            exclude.parent.mkdir(exist_ok=True)
            exclude.write_text("\n".join([*have, *missing]) + "\n", encoding="utf-8")
    except OSError as error:  # only git's listing of new files is at stake, never the data
        logger.warning("Could not update %s: %r", exclude, error)


def commit(data_dir: Path, paths: list[str], author: bytes, message: str) -> str | None:
    """Record the files `paths` (relative to the data folder; removed ones too) as one commit.
    Returns its id, or None when nothing differs from the last commit."""

    data_dir = Path(data_dir)
    ensure_repository(data_dir)
    for name in clear_stale_locks(data_dir):
        logger.warning("Removed %s from the data's history: a crash had left it behind", name)
    repo = _repo(data_dir)
    try:
        present = [str(data_dir / p) for p in paths if (data_dir / p).exists()]
        gone = [p for p in paths if not (data_dir / p).exists()]
        if present:
            porcelain.add(repo, present)
        if gone:
            index = repo.open_index()
            tracked = [p for p in gone if p.encode() in index]
            if tracked:
                porcelain.remove(repo, [str(data_dir / p) for p in tracked], cached=True)
        head = repo[repo.head()]
        if repo.open_index().commit(repo.object_store) == head.tree:
            return None
        committed = porcelain.commit(
            repo, message.encode("utf-8"), author=author, committer=APP_AUTHOR.encode()
        )
    finally:
        repo.close()
    return committed.decode("ascii")


def stage_as_committed(data_dir: Path, paths: list[str]) -> None:
    """After a change was put back: the staging area holds `paths` as the last commit has
    them again, so no later commit picks up what was undone."""

    if not is_repository(data_dir):
        return
    data_dir = Path(data_dir)
    present = [str(data_dir / p) for p in paths if (data_dir / p).exists()]
    if present:
        porcelain.add(str(data_dir), present)
    repo = _repo(data_dir)
    try:
        index = repo.open_index()
        gone = [p for p in paths if not (data_dir / p).exists() and p.encode() in index]
    finally:
        repo.close()
    if gone:
        porcelain.remove(str(data_dir), [str(data_dir / p) for p in gone], cached=True)


def _changed_files(repo, commit) -> tuple[str, ...]:

    parent_tree = repo[commit.parents[0]].tree if commit.parents else None
    names = set()
    for change in tree_changes(repo.object_store, parent_tree, commit.tree):
        for side in (change.old, change.new):
            if side is not None and side.path is not None:
                names.add(side.path.decode("utf-8"))
    return tuple(sorted(names))


def _entry(repo, commit) -> Entry:
    author = commit.author.decode("utf-8", "replace")
    name = author.split("<", 1)[0].strip() or author
    when = dt.datetime.fromtimestamp(commit.author_time, tz=dt.UTC)
    return Entry(
        commit.id.decode("ascii"),
        name,
        when,
        commit.message.decode("utf-8", "replace").strip(),
        _changed_files(repo, commit),
    )


DAMAGED = N_(
    "The data's history (the folder .git in the data folder) is damaged and cannot be read. "
    "The data itself is safe and shown as it is; saves are refused until the history is repaired: "
    "ask whoever runs the server to restore data/.git from a backup, or to move it aside "
    "(a new history then starts with the next save)."
)


def log(data_dir: Path, paths: list[str] | None = None, limit: int = 100) -> list[Entry]:
    """The commits, newest first; only those that touched `paths` when given. Raises
    HistoryError (in words) when the history is damaged."""
    if not is_repository(data_dir):
        return []
    try:
        repo = _repo(data_dir)
    except Exception as error:  # noqa: BLE001 - dulwich raises many kinds for a damaged .git
        raise HistoryError(_(DAMAGED)) from error
    try:
        try:
            repo.head()
        except KeyError:
            return []
        walker = repo.get_walker(
            paths=[p.encode("utf-8") for p in paths] if paths else None, max_entries=limit
        )
        return [_entry(repo, step.commit) for step in walker]
    except Exception as error:  # noqa: BLE001 - a garbage HEAD or object raises AssertionError, ValueError, ...
        raise HistoryError(_(DAMAGED)) from error
    finally:
        repo.close()


def damage(data_dir: Path) -> str | None:
    """Words for a damaged history (None when it reads, or when there is none yet)."""
    try:
        log(data_dir, limit=1)
    except HistoryError as error:
        return str(error)
    return None


def committed_bytes(data_dir: Path, path: str) -> bytes | None:
    """`path` as the last commit holds it (None: not in it, no history, or unreadable)."""
    if not is_repository(data_dir):
        return None
    try:
        repo = _repo(data_dir)
    except Exception:  # noqa: BLE001 - a damaged history holds nothing we can vouch for
        return None
    try:
        tree = repo[repo.head()].tree
        _mode, sha = tree_lookup_path(repo.__getitem__, tree, path.encode("utf-8"))
        return repo[sha].data
    except Exception:  # noqa: BLE001 - not in the last commit, or the history is damaged
        return None
    finally:
        repo.close()


# A git program that crashed leaves its lock files behind; git itself then refuses to work
# until they are removed by hand. The app writes its history only while holding the data's
# own write lock, so a git lock older than this is no writer's: it is left by a crash.
STALE_AFTER_S = 60
GIT_LOCKS = ("index.lock", "HEAD.lock", "refs/heads/main.lock", "config.lock")


class StaleLockError(HistoryError):
    """A git lock file is in the way and may still be in use."""


def clear_stale_locks(data_dir: Path, now: float | None = None) -> list[str]:
    """Remove the git lock files a crash left in the data's history (older than
    STALE_AFTER_S); returns the ones removed. Raises StaleLockError, saying what to do, for
    a lock so recent that a git program may still be running. Call it holding the data's
    write lock."""
    git = Path(data_dir) / ".git"
    now = time.time() if now is None else now
    removed = []
    for name in GIT_LOCKS:
        lock = git / name
        try:
            age = now - lock.stat().st_mtime
        except FileNotFoundError:
            continue
        if age < STALE_AFTER_S:
            raise StaleLockError(
                _(
                    "Another program is writing the data's history right now (it holds .git/{name} in "
                    "the data folder). Nothing was changed: wait a minute and save again. If this message "
                    "stays, whoever runs the server can remove the file .git/{name} of the data folder."
                ).format(name=name)
            )
        lock.unlink(missing_ok=True)
        removed.append(name)
    return removed


def last_commit_time(data_dir: Path) -> dt.datetime | None:
    """When the last commit was made (None without one). Raises HistoryError when damaged."""
    entries = log(data_dir, limit=1)
    return entries[0].when if entries else None


def file_at(data_dir: Path, commit: str, path: str) -> str | None:
    """The text of `path` as commit `commit` left it (None: the file did not exist then)."""

    repo = _repo(data_dir)
    try:
        tree = repo[commit.encode("ascii")].tree
        try:
            _mode, sha = tree_lookup_path(repo.__getitem__, tree, path.encode("utf-8"))
        except KeyError:
            return None
        return repo[sha].data.decode("utf-8")
    finally:
        repo.close()


def diff(data_dir: Path, older: str, newer: str, paths: list[str], context: int = 2) -> str:
    """What changed in `paths` from commit `older` to commit `newer`, as a unified diff."""
    out = []
    for path in paths:
        before = file_at(data_dir, older, path) or ""
        after = file_at(data_dir, newer, path) or ""
        out.extend(
            difflib.unified_diff(
                before.splitlines(),
                after.splitlines(),
                f"{path} ({older[:8]})",
                f"{path} ({newer[:8]})",
                lineterm="",
                n=context,
            )
        )
    return "\n".join(out)


# --- the remote: a backup, and a way to run on a host whose disk does not last ---------------


def remote_of(environ=None) -> str | None:
    value = (environ if environ is not None else os.environ).get(REMOTE_VARIABLE, "").strip()
    return value or None


@dataclass(frozen=True)
class Synced:
    ok: bool
    message: str  # in words (a Said: in_language gives it in the reader's language), or the log


def _quiet():
    return {"outstream": io.BytesIO(), "errstream": io.BytesIO()}


def push(data_dir: Path, remote: str) -> Synced:
    """Send the commits to the remote. When the remote moved on, merge its commits first
    (only when they touch other things; holding the data's lock for that moment only); never
    overwrite the remote. Call it without holding the lock: a slow remote holds up no save.
    Every error met on the way is kept in the message."""

    try:
        porcelain.push(str(data_dir), remote, [BRANCH + b":" + BRANCH], **_quiet())
        return Synced(True, said(N_("The change was also copied to the backup.")))
    except Exception as error:  # noqa: BLE001 - dulwich raises many kinds; kept and said below
        first = _said(error)
        logger.info("The backup refused the copy: %s", first)
    with store.locked(data_dir):
        merged = pull(data_dir, remote)
    if not merged.ok:
        return Synced(
            False,
            said(
                N_(
                    "The change is saved here, but not in the backup: the backup refused the copy ({first}). {then}"
                ),
                first=first,
                then=merged.message,
            ),
        )
    try:
        porcelain.push(str(data_dir), remote, [BRANCH + b":" + BRANCH], **_quiet())
    except Exception as error:  # noqa: BLE001 - said in the message, the commit is kept
        return Synced(
            False,
            said(
                N_(
                    "The change is saved here, but it could not be copied to the backup ({first}; then, after "
                    "bringing in the backup's changes: {then}). It will be copied with the next save."
                ),
                first=first,
                then=_said(error),
            ),
        )
    return Synced(
        True, said(N_("The change was copied to the backup, together with changes made there meanwhile."))
    )


def _said(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0][:160] if text else type(error).__name__


def uncommitted(data_dir: Path) -> list[str]:
    """The data files that differ from the last commit (changed by hand, staged, or new):
    what a merge or a reset could overwrite."""
    status = porcelain.status(str(data_dir), untracked_files="normal")
    names: set = set(status.unstaged) | set(status.untracked)
    for group in status.staged.values():
        names.update(group)
    shown = {n.decode("utf-8", "replace") if isinstance(n, bytes) else str(n) for n in names}
    return sorted(n for n in shown if not any(part.startswith(".") for part in Path(n).parts))


def pull(data_dir: Path, remote: str) -> Synced:
    """Bring in the remote's commits: fast-forward, or a merge when the files do not clash;
    refused (nothing changed here) when they do, when the remote cannot be reached, or when
    files here hold changes not yet in the history (a merge could overwrite them). Call it
    holding the data's lock."""

    data_dir = Path(data_dir)
    try:
        fetched = porcelain.fetch(str(data_dir), remote, **_quiet())
    except Exception as error:  # noqa: BLE001 - an address, a network or a refusal: said in words
        return Synced(
            False,
            said(N_("The backup could not be reached ({why}); nothing was brought in."), why=_said(error)),
        )
    theirs = fetched.refs.get(BRANCH)
    if theirs is None:
        return Synced(True, said(N_("The backup holds no history yet.")))
    repo = _repo(data_dir)
    try:
        ours = repo.head()
        if theirs == ours or can_fast_forward(repo, theirs, ours):
            return Synced(True, said(N_("Nothing new in the backup.")))
        fast_forward = can_fast_forward(repo, ours, theirs)
    finally:
        repo.close()
    local = uncommitted(data_dir)
    if local:
        return Synced(
            False,
            said(
                N_(
                    "The backup holds changes, but files here hold changes not yet in the history ({files}). "
                    "Nothing was brought in, so nothing of them is overwritten: save them in the app (or put "
                    "them aside), then it is tried again."
                ),
                files=", ".join(local[:5]) + (", ..." if len(local) > 5 else ""),
            ),
        )
    try:
        merged, conflicts = porcelain.merge(
            str(data_dir),
            theirs,
            message=b"Merged the changes made in the backup meanwhile",
            author=APP_AUTHOR.encode(),
            committer=APP_AUTHOR.encode(),
        )
    except Exception as error:  # noqa: BLE001 - whatever the merge raised, ours is put back and said
        logger.warning("The backup's changes could not be merged: %r", error)
        _back_to(data_dir, ours)  # the files held nothing uncommitted (checked above)
        return Synced(
            False,
            said(
                N_(
                    "The backup's changes could not be merged here; nothing was changed here ({why}). "
                    "Someone who can reach the server must bring the two together."
                ),
                why=_said(error),
            ),
        )
    if conflicts:
        _back_to(data_dir, ours)  # the files held nothing uncommitted (checked above)
        names = ", ".join(sorted(c.decode("utf-8", "replace") for c in conflicts))
        return Synced(
            False,
            said(
                N_(
                    "The backup holds other changes to the same place ({names}). Nothing was overwritten, "
                    "here or there: someone who can reach the server must bring the two together."
                ),
                names=names,
            ),
        )
    if fast_forward:
        return Synced(True, said(N_("Brought in the changes saved in the backup.")))
    return Synced(True, said(N_("Merged the changes saved in the backup meanwhile.")))


def _back_to(data_dir: Path, commit: bytes) -> None:
    """The files and the history as `commit` left them, after a merge that did not go
    through (only ever called when no file held an uncommitted change)."""
    try:
        porcelain.reset(str(data_dir), "hard", commit)
    except Exception as error:  # noqa: BLE001 - logged for whoever runs the server; the pull says it failed
        logger.error("Could not put the data back after a failed merge: %r", error)


def _has_data(data_dir: Path) -> bool:
    return Path(data_dir).is_dir() and bool(data_files(data_dir))


def pull_on_start(data_dir: Path, environ=None) -> Synced | None:
    """At the app's start: bring in the remote's commits when a remote is configured. A data
    folder with no files and no history takes the backup's (a fresh disk); one with files
    but no history starts its own history from them when the backup holds none, and is left
    as it is, said, when the backup holds one (never overwritten, never two histories);
    an unreachable backup is said, never taken for an empty one."""
    remote = remote_of(environ)
    if remote is None:
        return None
    with store.locked(data_dir):
        if not is_repository(data_dir) and not _has_data(data_dir):
            return _adopt(data_dir, remote)
        if not is_repository(data_dir) and _holds_history(remote):
            # Two unrelated histories never merge: starting ours here would only make a restore
            # by emptying the folder harder to see. Said, and nothing is touched.
            return Synced(
                False,
                "The data folder holds files but no history, and the backup holds the data's history: "
                "nothing was brought in and nothing here was changed. To restore the data from the "
                "backup, start the app on an empty data folder with the same backup.",
            )
        ensure_repository(data_dir)
        return pull(data_dir, remote)


def _holds_history(remote: str) -> bool:
    """Whether the remote has the data's branch (False when it cannot be reached: the pull
    that follows says so in words)."""
    try:
        return BRANCH in porcelain.ls_remote(remote, quiet=True).refs
    except Exception:  # noqa: BLE001 - unreachable: said by the pull that follows
        return False


def _adopt(data_dir: Path, remote: str) -> Synced:
    """An empty data folder on a host with a remote: take the remote's history and files."""

    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    repo = porcelain.init(str(data_dir))
    try:
        repo.refs.set_symbolic_ref(b"HEAD", BRANCH)
        info = Path(repo.controldir()) / "info"
        info.mkdir(exist_ok=True)
        (info / "exclude").write_text(EXCLUDE + "\n", encoding="utf-8")
    finally:
        repo.close()
    try:
        theirs = porcelain.fetch(str(data_dir), remote, **_quiet()).refs.get(BRANCH)
    except Exception as error:  # noqa: BLE001 - unreachable is said, and no history is started here
        shutil.rmtree(data_dir / ".git")
        return Synced(
            False,
            said(
                N_(
                    "The data folder is empty and the backup could not be reached ({why}); nothing was "
                    "brought in. Restart the app once the backup can be reached."
                ),
                why=_said(error),
            ),
        )
    if theirs is None:
        shutil.rmtree(data_dir / ".git")  # made again, with the files, by the first save
        return Synced(True, said(N_("The backup holds no history yet.")))
    repo = _repo(data_dir)
    try:
        repo.refs[BRANCH] = theirs
    finally:
        repo.close()
    porcelain.reset(str(data_dir), "hard", theirs)
    return Synced(True, said(N_("The data was brought in from the backup.")))
