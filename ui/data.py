"""Loading the data once per change of the data files, for every page."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

import streamlit as st

from analysis.frames import Tables, build_tables
from models.loader import Network, load_network, resolve_data_dir
from ui.frame import ensure_frame
from ui.known import broken_file_notice
from words.i18n import _, language, use_language


def _fingerprint(data_dir: Path) -> tuple:
    """Names, sizes and times of the data files: a cheap key that changes when a file does.

    Hidden folders (a history of earlier versions, .git) are never entered: they are not
    data, and they only grow."""
    if not data_dir.is_dir():
        return ()
    found = []
    for folder, subfolders, files in os.walk(data_dir):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".yaml"):
                stat = os.stat(os.path.join(folder, name))
                found.append(
                    (os.path.relpath(os.path.join(folder, name), data_dir), stat.st_size, stat.st_mtime_ns)
                )
    return tuple(found)


# The fingerprints of this script run, by data folder; None outside a run (one_look_per_run).
_LOOKS: ContextVar[dict[str, tuple] | None] = ContextVar("data_folder_looks", default=None)


@contextmanager
def one_look_per_run() -> Iterator[None]:
    """Around a whole script run (app.py: the frame, then the page it runs): the data folder
    is looked at once, and the frame, the page, every chart's stamp and export share that
    look. A save reruns the script (st.rerun), so the next run looks again.

    Kept in a context variable of the run's thread, set here and reset when the run ends
    (also by st.rerun or st.stop): no Streamlit internals. Outside it - the server's warm-up,
    a page run on its own in a test, a fragment's rerun - the folder is looked at on every
    call."""
    token = _LOOKS.set({})
    try:
        yield
    finally:
        _LOOKS.reset(token)


def _run_fingerprint(data_dir: Path) -> str:
    """A digest of _fingerprint, once per run inside one_look_per_run. The cached loads are
    keyed by the digest: Streamlit hashed the whole fingerprint again at each of a run's
    loads (6 ms a call at 300 cities, 0.1 s at 3,000)."""
    looks = _LOOKS.get()
    if looks is None:
        return _digest(_fingerprint(data_dir))
    key = str(data_dir)
    if key not in looks:
        looks[key] = _digest(_fingerprint(data_dir))
    return looks[key]


def _digest(fingerprint: tuple) -> str:
    return hashlib.sha256(repr(fingerprint).encode()).hexdigest()


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_network(data_dir: str, fingerprint: str) -> Network:
    return load_network(data_dir)


@st.cache_resource(show_spinner=False, max_entries=8)
def _load_tables(data_dir: str, fingerprint: str, language: str, _network: Network) -> Tables | None:
    # Tables hold the labels shown (an intervention's, a kind of action's) in one language:
    # one set per language, each with its own load_id, so every cached view is per language too.
    with use_language(language):
        return build_tables(_network) if _network.vocabulary is not None else None


def load() -> tuple[Network, Tables | None]:
    """The network and its tables in the language in use (None when the vocabulary itself
    did not load).

    Shared, read-only objects: callers must not modify them.
    """
    data_dir = resolve_data_dir()
    return _load(str(data_dir), _run_fingerprint(data_dir))


def _load(data_dir: str, fingerprint: str) -> tuple[Network, Tables | None]:
    network = _load_network(data_dir, fingerprint)
    return network, _load_tables(data_dir, fingerprint, language(), network)


def tables_or_stop() -> Tables:
    """The tables, or a plain message and a stopped page when the data cannot be shown."""
    ensure_frame()
    network, tables = load()
    if tables is None:
        st.error(
            _(
                "The dashboard cannot start: the model's vocabulary (model.yaml) did not load. "
                "Fix these problems, then reload the page."
            )
        )
        for problem in network.problems:
            st.text(problem.in_words())
        st.stop()
    broken_file_notice(tables)
    return tables


@st.cache_resource(max_entries=256, show_spinner=False)
def _view(name: str, load_id: int, key: tuple, _build, _tables):
    return _build(_tables, *key)


def cached_view(build, tables: Tables, *key):
    """`build(tables, *key)`, computed once per data load and key, then shared.

    For the figures and tables a page derives from the filters and its own widgets:
    `key` holds those choices (hashable values), so a rerun that changes nothing they
    depend on - opening an expander, selecting a table row - does not rebuild them.
    Results are shared by every session and must not be modified.
    """
    return _view(f"{build.__module__}.{build.__qualname__}", tables.load_id, key, build, tables)
