"""Loading the data once per change of the data files, for every page."""

from __future__ import annotations

import streamlit as st

from insights.frames import Tables, build_tables
from models.loader import Network, load_network, resolve_data_dir
from ui.frame import ensure_frame
from ui.known import broken_file_notice


def _fingerprint(data_dir) -> tuple:
    """Names, sizes and times of the data files: a cheap key that changes when a file does."""
    if not data_dir.is_dir():
        return ()
    return tuple(
        (str(p.relative_to(data_dir)), p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(data_dir.rglob("*.yaml"))
        if not any(
            part.startswith(".") for part in p.relative_to(data_dir).parts
        )  # the history, unfinished writes
    )


@st.cache_resource(show_spinner="Loading the cities' plans...", max_entries=4)
def _load(data_dir: str, fingerprint: tuple) -> tuple[Network, Tables | None]:
    network = load_network(data_dir)
    tables = build_tables(network) if network.vocabulary is not None else None
    return network, tables


def load() -> tuple[Network, Tables | None]:
    """The network and its tables (None when the vocabulary itself did not load).

    Shared, read-only objects: callers must not modify them.
    """
    data_dir = resolve_data_dir()
    return _load(str(data_dir), _fingerprint(data_dir))


def tables_or_stop() -> Tables:
    """The tables, or a plain message and a stopped page when the data cannot be shown."""
    ensure_frame()
    network, tables = load()
    if tables is None:
        st.error(
            "The dashboard cannot start: the model's vocabulary (model.yaml) did not load. "
            "Fix these problems, then reload the page."
        )
        for problem in network.problems:
            st.text(str(problem))
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
