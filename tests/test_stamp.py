"""The stamp every export carries: the data's date and how complete the data is."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

import pandas as pd
import pytest
from conftest import MINI, entered_plans, stamp_words

from analysis.stamp import data_date, stamp_text, stamped_name


def cities(*entered: bool) -> pd.DataFrame:
    return pd.DataFrame({"id": [f"c{i}" for i in range(len(entered))], "iap_entered": list(entered)})


@pytest.mark.parametrize(
    ("when", "frame", "shown", "expected"),
    [
        (
            dt.date(2026, 11, 24),
            cities(True, *[False] * 9),
            False,
            "Data of 24 November 2026 · IAP entered for 1 of 10 cities",
        ),
        (dt.date(2026, 1, 2), cities(False), False, "Data of 2 January 2026 · IAP entered for 0 of 1 city"),
        (
            dt.date(2026, 1, 2),
            cities(True, True),
            True,
            "Data of 2 January 2026 · IAP entered for 2 of 2 cities shown",
        ),
        (None, cities(), False, "Data of unknown date · IAP entered for 0 of 0 cities"),
    ],
)
def test_stamp_text(when, frame, shown, expected):
    assert stamp_text(when, frame, shown=shown) == expected


def test_stamp_of_the_real_data_counts_entered_plans(real, real_network):
    text = stamp_text(dt.date(2026, 11, 24), real.cities)
    # as many plans as cities with an IAP document in the data (Isernia's is sourced)
    assert "isernia" in entered_plans(real_network)
    assert text == stamp_words(real_network)


def test_stamped_file_names():
    assert stamped_name("coverage", dt.date(2026, 11, 24)) == "coverage-2026-11-24"
    assert stamped_name("coverage", None) == "coverage"


def test_outside_git_the_date_is_the_newest_file(data_dir):
    old = dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC).timestamp()
    new = dt.datetime(2025, 6, 15, 12, tzinfo=dt.UTC).timestamp()
    for path in data_dir.rglob("*.yaml"):
        os.utime(path, (old, old))
    os.utime(data_dir / "cities" / "beta.yaml", (new, new))
    # An earlier version kept by the editor is not the data.
    history = data_dir / ".history" / "cities"
    history.mkdir(parents=True)
    (history / "beta.yaml").write_text("x: 1\n", encoding="utf-8")
    assert data_date(data_dir) == dt.date(2025, 6, 15)


def test_in_a_clean_repository_the_date_is_the_last_commit(tmp_path):
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    (repo / "data" / "model.yaml").write_text("a: 1\n", encoding="utf-8")
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2025-02-03T10:00:00+00:00",
        "GIT_COMMITTER_DATE": "2025-02-03T10:00:00+00:00",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "data"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    assert data_date(repo / "data") == dt.date(2025, 2, 3)  # not the checkout's file times
    # Edited since the commit: the edit's date counts.
    (repo / "data" / "model.yaml").write_text("a: 2\n", encoding="utf-8")
    assert data_date(repo / "data") == dt.datetime.now(dt.UTC).date()


def test_a_folder_without_data_has_no_date(tmp_path):
    assert data_date(tmp_path) is None


def test_the_mini_fixture_has_a_date():
    assert isinstance(data_date(MINI), dt.date)


def test_the_date_is_the_last_commit_of_the_datas_own_history(data_dir):
    from workspace import changes, history, store

    path = data_dir / "cities" / "beta.yaml"
    text, version = store.read_with_version(path)
    changes.save_one(
        data_dir, "cities/beta.yaml", text + "# saved\n", version, changes.Author("Anna"), "beta"
    )
    os.utime(path, (0, 0))  # the file's own date no longer counts: the commit's does
    assert data_date(data_dir) == history.last_commit_time(data_dir).date()


def test_stamping_a_figure_shared_by_sessions_never_disturbs_it():
    """Cached figures are shared by every session; stamping one in several threads at once
    must neither fail nor let another reader see a trace without its type (this once showed
    "Invalid property ... Scatter: 'lat'" on the Overview map when four people opened it)."""
    import threading

    import plotly.graph_objects as go

    from figures.stamp import with_stamp

    shared = go.Figure(go.Scattergeo(lat=[42.6, 41.6], lon=[14.2, 0.6], text=["Isernia", "Agen"]))
    errors: list[str] = []

    def stamp_and_read():
        for _ in range(40):
            try:
                assert with_stamp(shared, "stamp").data[0].type == "scattergeo"
                assert shared.to_dict()["data"][0]["type"] == "scattergeo"
            except Exception as error:  # noqa: BLE001 - collected: an exception in a thread would be lost
                errors.append(repr(error)[:200])

    threads = [threading.Thread(target=stamp_and_read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert shared.data[0].type == "scattergeo"
