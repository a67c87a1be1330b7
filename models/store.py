"""Saving data files safely: canonical YAML, atomic writes, history, no lost updates.

Every save in the app and the command line goes through `save_text`:

- it is refused (`ChangedOnDisk`) when the file is no longer the version the editor read,
  so a save never overwrites data it has not seen;
- the previous version is copied into the history folder first (`.history/` next to the
  data's top folder), so any saved fact can be restored;
- the new text is written to a temporary file in the same folder, flushed to disk, then
  renamed over the old one: a crash leaves either the old file or the new one, whole.

Saves of one file are serialised by a lock file, so two sessions saving at once cannot
interleave their check and their write.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml

HISTORY_DIR = ".history"
MISSING = "missing"  # the version of a file that does not exist (yet)


class ChangedOnDisk(Exception):
    """The file changed since it was read: saving would overwrite someone else's work."""


@dataclass(frozen=True)
class Version:
    """One earlier version of a file kept in the history."""

    path: Path
    saved_at: datetime  # when it was replaced (UTC)
    size: int


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


def history_folder(data_dir: Path, path: Path) -> Path:
    """Where earlier versions of `path` (a file under `data_dir`) are kept."""
    relative = Path(path).resolve().relative_to(Path(data_dir).resolve())
    return Path(data_dir) / HISTORY_DIR / relative


@contextlib.contextmanager
def _locked(path: Path):
    lock = Path(path).with_name(f".{Path(path).name}.lock")
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _write_atomically(path: Path, text: str) -> None:
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    # Make the rename itself durable.
    with contextlib.suppress(OSError):
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def save_text(data_dir: Path, path: Path, text: str, expected_version: str) -> str:
    """Write `text` to `path` if the file is still at `expected_version`; return the new version.

    `expected_version` is what `version_of`/`read_with_version` gave when the editor
    read the file (MISSING for a new file). Raises ChangedOnDisk otherwise, writing nothing.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path):
        current, current_version = read_with_version(path)
        if current_version != expected_version:
            raise ChangedOnDisk(
                f"{path.name} was changed by someone else since you opened it. "
                "Nothing was saved: reload to see their changes, then make yours again."
            )
        if current is not None:
            if current == text:
                return current_version  # nothing to do: keep the file (and its date) as it is
            kept = history_folder(data_dir, path)
            kept.mkdir(parents=True, exist_ok=True)
            _write_atomically(kept / f"{_stamp()}{path.suffix}", current)
        _write_atomically(path, text)
    return version_of(path)


def history(data_dir: Path, path: Path) -> list[Version]:
    """Earlier versions of `path`, newest first."""
    folder = history_folder(data_dir, path)
    if not folder.is_dir():
        return []
    versions = []
    for kept in folder.glob(f"*{Path(path).suffix}"):
        try:
            saved_at = datetime.strptime(kept.stem, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
        except ValueError:
            continue  # not one of ours
        versions.append(Version(kept, saved_at, kept.stat().st_size))
    return sorted(versions, key=lambda v: v.saved_at, reverse=True)


def restore(data_dir: Path, path: Path, version: Version, expected_version: str) -> str:
    """Put an earlier version back (the current one goes into the history in turn)."""
    return save_text(data_dir, path, version.path.read_text(encoding="utf-8"), expected_version)


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
    import typing

    from pydantic import BaseModel

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


def city_yaml(data: dict, header: str = "") -> str:
    """A city's file in canonical form: the city's fields in the schema's order, then its
    actions, each with its fields in the schema's order."""
    from .schema import Action, City

    city = _ordered({k: v for k, v in data.items() if k != "actions"}, City)
    if "actions" in data:
        actions = data["actions"]
        city["actions"] = [_ordered(a, Action) for a in actions] if isinstance(actions, list) else actions
    return canonical_yaml(city, header)
