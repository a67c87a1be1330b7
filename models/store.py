"""Writing data files safely: versions, one lock, all the files of a change or none.

This is the lowest layer of the one write path (models.changes builds on it):

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
    4. `finish` runs (models.changes records the commit), then the journal goes.

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
import io
import json
import logging
import os
import tempfile
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from filelock import FileLock
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from words.i18n import N_, in_language, said

from .schema import Action, City

logger = logging.getLogger(__name__)

MISSING = "missing"  # the version of a file that does not exist (yet)
LOCK_NAME = ".write.lock"  # where the lock was kept before it moved out of the data folder
LOCK_DIR_VARIABLE = "IAP_LOCK_DIR"
JOURNAL_NAME = ".change.json"
NEW_SUFFIX = ".new"
OLD_SUFFIX = ".old"
LOCK_TIMEOUT_S = 120
# The round-trip writer never re-wraps a line it keeps (a long plain sentence stays as it was
# written); new long text is folded as the canonical writer folds it.
WIDTH = 4096
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
    (models.changes records the commit there); when it or a rename fails, every file is put
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
            # What is on disk now decides what the person is told (models.outcome); the journal
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
    changes to the data go through models.changes, which checks and records them.
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


# --- canonical YAML ------------------------------------------------------------------------


class _CanonicalDumper(yaml.SafeDumper):
    """Block style, keys in the order given, lists indented under their key."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str):
    # Long or multi-line text as a literal block: readable, and diffs show whole sentences.
    if "\n" in value or len(value) > 80:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else ">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_CanonicalDumper.add_representer(str, _text)


def canonical_yaml(data: dict, header: str = "") -> str:
    """The one text a data structure is saved as: same data, same bytes.

    Keys keep the order given (the schema's order when the data comes from a model's
    `model_dump`), text is UTF-8 (Škofja Loka, not escapes), `header` becomes leading
    `#` comment lines.
    """
    body = yaml.dump(
        data,
        Dumper=_CanonicalDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
        indent=2,
    )
    comments = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines()) if header else ""
    return comments + ("\n" if comments else "") + body


# --- a city's file in canonical form ----------------------------------------------------------


def _ordered(value, model):
    """`value` (parsed YAML) with the keys of mappings in the order of the pydantic `model`'s
    fields, recursively; keys the model does not know keep their place at the end (the
    validator reports them)."""

    if not isinstance(value, dict):
        return value
    fields = model.model_fields if model is not None else {}
    ordered = {key: value[key] for key in fields if key in value}
    ordered.update({key: item for key, item in value.items() if key not in ordered})
    for key, item in ordered.items():
        inner = None
        if key in fields:
            annotation = fields[key].annotation
            for candidate in (annotation, *typing.get_args(annotation)):
                for arg in (candidate, *typing.get_args(candidate)):
                    if isinstance(arg, type) and issubclass(arg, BaseModel):
                        inner = arg
        if isinstance(item, list):
            ordered[key] = [_ordered(element, inner) for element in item]
        else:
            ordered[key] = _ordered(item, inner)
    return ordered


def leading_comment(text: str) -> str:
    """The comment block at the top of a data file, without the '#' marks."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].removeprefix(" "))
    return "\n".join(lines)


def ordered_city(data: dict) -> dict:
    """A city's data with the city's fields in the schema's order, then its actions, each
    with its fields in the schema's order."""

    city = _ordered({k: v for k, v in data.items() if k != "actions"}, City)
    if "actions" in data:
        actions = data["actions"]
        city["actions"] = [_ordered(a, Action) for a in actions] if isinstance(actions, list) else actions
    return city


def city_yaml(data: dict, header: str = "") -> str:
    """A city's file in canonical form (see ordered_city)."""
    return canonical_yaml(ordered_city(data), header)


# --- saving a changed file as its author wrote it (comments, key order and quoting kept) -------


def _round_trip():

    handler = YAML()  # round-trip mode: comments, key order, quotes and block styles kept
    handler.preserve_quotes = True
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.width = WIDTH
    handler.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return handler


def _merge(old, new):
    """`old` (ruamel's round-trip value) changed in place, where it can be, to equal `new`
    (plain data); returns the value to keep. What did not change keeps its comments."""

    if isinstance(old, CommentedMap) and isinstance(new, dict):
        for key in [k for k in old if k not in new]:
            del old[key]
        keys = list(new)
        for position, key in enumerate(keys):
            if key in old:
                old[key] = _merge(old[key], new[key])
            else:
                before = [k for k in keys[:position] if k in old]
                index = list(old).index(before[-1]) + 1 if before else 0
                old.insert(index, key, new[key])
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        by_id = {
            item.get("id"): item for item in old if isinstance(item, dict) and item.get("id") is not None
        }
        merged = []
        for position, item in enumerate(new):
            if isinstance(item, dict) and item.get("id") in by_id:
                merged.append(_merge(by_id.pop(item["id"]), item))
            elif not by_id and position < len(old) and not isinstance(item, dict):
                merged.append(_merge(old[position], item))
            else:
                merged.append(item)
        if [_plain(x) for x in old] != [_plain(x) for x in merged]:
            old[:] = merged
        return old
    if _plain(old) == _plain(new) and type(_plain(old)) is type(_plain(new)):
        return old  # same value: keep how it was written (quotes, 9800.0 ...)
    return _styled(new)


def _styled(value):
    """New text in the canonical style: multi-line as a literal block, long as a folded one."""

    if not isinstance(value, str):
        return value
    if "\n" in value:
        return LiteralScalarString(value)
    if len(value) > 80 and value == value.strip() and "  " not in value:
        folded = FoldedScalarString(value)
        folded.fold_pos = _fold_positions(value, 86)
        return folded
    return value


def _fold_positions(text: str, width: int) -> list[int]:
    """Where a folded block breaks its lines: at the last space before `width` characters."""
    positions, start = [], 0
    while len(text) - start > width:
        space = text.rfind(" ", start, start + width)
        if space <= start:
            break
        positions.append(space)
        start = space + 1
    return positions


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


def updated_text(old_text: str | None, new_data: dict, canonical: str) -> str:
    """The text of a changed file: `old_text` with only what differs in `new_data` rewritten,
    so comments, key order and quoting stay and a diff shows just the change. `canonical`
    (the file in canonical form) is used when there is no old text or it cannot be read."""

    if not old_text:
        return canonical
    handler = _round_trip()
    try:
        old = handler.load(old_text)
    except Exception:  # noqa: BLE001 - ruamel raises many kinds for a file it cannot read: write it whole, canonical
        return canonical
    if not isinstance(old, dict):
        return canonical
    if yaml.safe_load(old_text) == new_data:
        return old_text
    merged = _merge(old, new_data)
    out = io.StringIO()
    handler.dump(merged, out)
    text = out.getvalue()
    try:
        if yaml.safe_load(text) != new_data:
            return canonical  # the merge did not give the data: never save what was not meant
    except yaml.YAMLError:
        return canonical
    return text


def round_trip(text: str) -> str:
    """`text` loaded and written again as saves write it (for checks that a file is in the
    form saves keep)."""

    handler = _round_trip()
    out = io.StringIO()
    handler.dump(handler.load(text), out)
    return out.getvalue()
