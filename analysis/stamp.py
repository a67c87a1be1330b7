"""The stamp every export carries: the data's date and how complete it is, so that a
projected chart or a printed table never looks more certain than the data behind it.

    Data of 2026-11-24 · IAP entered for 1 of 10 cities

Plain functions; no streamlit. The data folder is passed in, never guessed here.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pandas as pd

from words import day, number
from words.i18n import _, ngettext
from workspace import history


def data_date(data_dir: str | Path) -> dt.date | None:
    """The date of the data: the last commit of the data's own history (workspace.history: every
    save in the app is one), else the last commit that changed the data folder when it is a
    clean part of a git repository (a fresh clone's files all carry the clone's time), else
    the newest modification of its YAML files (edits made since). None without files."""
    root = Path(data_dir)
    files = [
        p for p in root.rglob("*.yaml") if not any(part.startswith(".") for part in p.relative_to(root).parts)
    ]
    if not files:
        return None

    if history.is_repository(root):
        try:
            saved = history.last_commit_time(root)
        except history.HistoryError:
            return None  # a damaged history cannot date the data: the stamp says "unknown date"
        if saved is not None:
            return saved.date()
    committed = _commit_date(root)
    if committed is not None:
        return committed
    newest = max(p.stat().st_mtime for p in files)
    return dt.datetime.fromtimestamp(newest, tz=dt.UTC).date()


def _commit_date(root: Path) -> dt.date | None:
    """The date of the last commit touching `root`, or None when git cannot say or when
    files there changed since (then the files' own dates are the truth)."""
    try:
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "."],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
        )
        if changed.returncode != 0 or any(
            line and "/." not in line and not line[3:].startswith(".") for line in changed.stdout.splitlines()
        ):
            return None
        last = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", "."],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    try:
        return dt.date.fromisoformat(last.stdout.strip())
    except ValueError:  # not a repository, or no commit touches the folder
        return None


def stamp_text(when: dt.date | None, cities: pd.DataFrame, *, shown: bool = False) -> str:
    """'Data of 24 November 2026 · IAP entered for 1 of 10 cities' (the date as the
    language writes it: '24 novembre 2026').

    `cities` are the cities the export covers (one row each, with `iap_entered`);
    `shown=True` says they are a selection ('... of 2 cities shown')."""
    date = day(when) if when else _("unknown date")
    n = len(cities)
    entered = int(cities["iap_entered"].astype(bool).sum()) if n else 0
    if shown:
        said = ngettext(
            "Data of {date} · IAP entered for {entered} of {n} city shown",
            "Data of {date} · IAP entered for {entered} of {n} cities shown",
            n,
        )
    else:
        said = ngettext(
            "Data of {date} · IAP entered for {entered} of {n} city",
            "Data of {date} · IAP entered for {entered} of {n} cities",
            n,
        )
    return said.format(date=date, entered=entered, n=number(n))


def stamped_name(stem: str, when: dt.date | None) -> str:
    """A download's file name that carries the data's date: 'coverage-2026-11-24'."""
    return f"{stem}-{when.isoformat()}" if when else stem
