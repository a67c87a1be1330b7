"""Reading one YAML data file safely: every way a file can be unreadable becomes a
plain-words Problem instead of an exception, so one broken file never stops the rest."""

from __future__ import annotations

import datetime as dt
import functools
import pickle
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.composer import Composer

from words.i18n import N_, in_language, said

# A city file is a few kilobytes; anything far larger is not a city file, and refusing it
# keeps a mistaken or hostile file from tying up the app.
MAX_FILE_BYTES = 2_000_000

# Where a problem lies when it is not one field: said in the reader's language where shown.
WHOLE_FILE = N_("(whole file)")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the data, said so a policy officer can fix it."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        """'file: path: message' in the language in use (English outside a page or --lang)."""
        return self.in_words()

    def said(self) -> str:
        """The message in the reader's language (it was made, in English, before anyone read it)."""
        return in_language(self.message)

    def where(self) -> str:
        """The field path; a place in words ("(whole file)") in the reader's language."""
        return in_language(self.path) if self.path.startswith("(") else self.path

    def in_words(self) -> str:
        """'file: path: message' in the reader's language."""
        return f"{self.file}: {self.where()}: {self.said()}"


class _Strict:
    """A safe YAML loader that refuses aliases and repeated keys (mixed into a loader).

    Aliases (*name) are how a tiny file expands into billions of values (an "alias
    bomb"); the data never needs them. A repeated key would silently drop the first value.
    """

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise _Refused(
                said(
                    N_(
                        "line {line}: uses a YAML alias (*name), which data files may not use; write the value out in full"
                    ),
                    line=mark.line + 1,
                )
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool, type(None), dt.date)):
                raise _Refused(
                    said(
                        N_(
                            "line {line}: a field name must be a single word, not a list or a group of fields"
                        ),
                        line=key_node.start_mark.line + 1,
                    )
                )
            if key in seen:
                raise _Refused(
                    said(
                        N_("line {line}: the field '{key}' appears twice in the same place; keep one"),
                        line=key_node.start_mark.line + 1,
                        key=key,
                    )
                )
            seen.add(key)
        return super().construct_mapping(node, deep)

    def construct_object(self, node, deep=False):
        # PyYAML raises plain ValueErrors for values that look like a date or a number but
        # are none (2024-13-45, !!float abc): said here in words, with the line.
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError):
            shown = node.value if isinstance(node.value, str) else said(N_("this value"))
            shown = shown if len(shown) <= 40 else shown[:37] + "..."
            raise _Refused(
                said(
                    N_(
                        "line {line}: '{value}' cannot be read as written (a date that does not exist, "
                        "or a value marked with a wrong type); put it in quotes if it is text"
                    ),
                    line=node.start_mark.line + 1,
                    value=shown,
                )
            ) from None


class _StrictSafeLoader(_Strict, yaml.SafeLoader):
    """The pure-Python strict loader."""


if yaml.__with_libyaml__:  # libyaml's C scanner reads the files about ten times faster

    class _StrictCLoader(_Strict, Composer, yaml.CSafeLoader):
        """The strict loader on libyaml's events: Python's Composer comes before libyaml's
        parser so that every node goes through _Strict.compose_node (aliases refused)."""

        def __init__(self, stream):
            yaml.CSafeLoader.__init__(self, stream)
            Composer.__init__(self)

    _LOADER = _StrictCLoader
else:  # PyYAML built without libyaml
    _LOADER = _StrictSafeLoader


# PyYAML's own safe loader on libyaml's parser where PyYAML has it (about ten times faster).
_PLAIN_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def plain_yaml(text: str):
    """What yaml.safe_load(text) gives, read by libyaml's parser when there is one: for texts
    the project writes, or compares (never the strict first reading of a file: read_yaml)."""
    return yaml.load(text, Loader=_PLAIN_LOADER)  # noqa: S506 - SafeLoader or its C twin


class _Refused(Exception):
    """A file the loader will not read, with the reason in plain words."""


def read_yaml(path: Path, shown_as: str) -> tuple[dict | None, Problem | None]:
    """Read a YAML file that must hold a mapping at the top.

    Returns (data, None) or (None, problem); never raises for a bad file.
    """

    def problem(message: str) -> tuple[None, Problem]:
        return None, Problem(shown_as, WHOLE_FILE, message)

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return problem(
                said(
                    N_(
                        "is {size} bytes, far larger than a data file can be (limit {limit}); is it the right file?"
                    ),
                    size=f"{size:,}",
                    limit=f"{MAX_FILE_BYTES:,}",
                )
            )
        raw = path.read_bytes()
    except OSError as error:
        return problem(said(N_("cannot be opened ({reason})"), reason=error.strerror or error))

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return problem(
            said(
                N_(
                    "is not saved as UTF-8 text (unreadable byte at position {position}); "
                    "open it in a text editor and save it again with UTF-8 encoding"
                ),
                position=error.start,
            )
        )
    return read_yaml_text(text, shown_as)


def read_yaml_text(text: str, shown_as: str) -> tuple[dict | None, Problem | None]:
    """`read_yaml` for text already read (a file read together with its version): the same
    strict loader (no aliases, no repeated keys), the same plain-words problems."""

    def problem(message: str) -> tuple[None, Problem]:
        return None, Problem(shown_as, "(whole file)", message)

    if len(text) > MAX_FILE_BYTES:
        return problem(
            f"is far larger than a data file can be (limit {MAX_FILE_BYTES:,} bytes); is it the right file?"
        )
    if not text.strip():
        return problem(said(N_("is empty; it should hold the fields shown in data/city-template.yaml")))

    try:
        data = _parse(text)
    except _Refused as refused:
        return problem(refused.args[0])
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        # YAML's own words for what is wrong stay as it writes them (English).
        what = (error.problem or "the layout is wrong").strip()
        if mark is None:
            return problem(
                said(N_("is not valid YAML: {what} (check the indentation, colons and quotes)"), what=what)
            )
        return problem(
            said(
                N_(
                    "is not valid YAML at line {line}, column {column}: {what} (check the indentation, colons and quotes)"
                ),
                line=mark.line + 1,
                column=mark.column + 1,
                what=what,
            )
        )
    except yaml.YAMLError as error:
        return problem(said(N_("is not valid YAML: {what}"), what=error))
    except RecursionError:
        return problem(said(N_("is nested too deeply to be a data file")))

    if data is None:
        return problem(said(N_("holds only comments; it should hold the fields shown in the template")))
    if not isinstance(data, dict):
        return problem(
            said(
                N_("must start with fields written as 'name: value'; it starts with {kind} instead"),
                kind=_kind_of(data),
            )
        )
    return data, None


# The same text is parsed again and again: every load of a data folder reads model.yaml (48 KB,
# the largest part of a load), and the app's sessions, the commands and the tests load folders
# that share their files. A text's parse is kept (pickled: each caller gets objects of its own
# to change); a text that fails is parsed again each time, to report it. Only files of a data
# folder's size are kept, so the cache stays a few megabytes.
_KEPT_PARSES = 128
_KEPT_TEXT_CHARS = 200_000


def _parse(text: str):
    if len(text) > _KEPT_TEXT_CHARS:
        return _parse_afresh(text)
    return pickle.loads(_parsed(text))  # noqa: S301 - bytes this process pickled itself


@functools.lru_cache(maxsize=_KEPT_PARSES)
def _parsed(text: str) -> bytes:
    return pickle.dumps(_parse_afresh(text), protocol=pickle.HIGHEST_PROTOCOL)


def _parse_afresh(text: str):
    """Parse with the fast loader; a file it refuses is parsed again by the Python loader,
    whose error messages say more (and whose verdict is the one that counts)."""
    if _LOADER is _StrictSafeLoader:
        return yaml.load(text, Loader=_StrictSafeLoader)  # noqa: S506 - a SafeLoader subclass
    try:
        return yaml.load(text, Loader=_LOADER)  # noqa: S506 - safe constructor, libyaml parser
    except yaml.YAMLError:
        return yaml.load(text, Loader=_StrictSafeLoader)  # noqa: S506 - a SafeLoader subclass


def _kind_of(value) -> str:
    if isinstance(value, list):
        return said(N_("a list"))
    if isinstance(value, str):
        return said(N_("a line of text"))
    return f"a {type(value).__name__}"


def city_file_problem(shown_as: str, path: Path, city: str, city_ids: set[str]) -> Problem | None:
    """For a file kept per city (assessments/, progress/): its `city` must be its file name
    and a city that loaded."""
    if city != path.stem:
        return Problem(
            shown_as, "city", said(N_("is '{city}' but the file is named {name}"), city=city, name=path.name)
        )
    if city not in city_ids:
        return Problem(shown_as, "city", said(N_("no city with the id '{city}' loaded"), city=city))
    return None
