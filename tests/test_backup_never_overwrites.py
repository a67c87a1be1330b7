"""The backup remote never overwrites work here (issue 24, item 6 of what did not hold): a
clashing merge with a hand edit present, a data folder with files but no history at start,
an unreachable backup on a fresh disk, the first push's error, a push while the lock is held.
A local bare repository stands for the backup."""

from __future__ import annotations

import io
import shutil

import filelock
import pytest
from conftest import MINI
from dulwich import porcelain

from workspace import changes, history, store


@pytest.fixture
def remote(tmp_path, monkeypatch):
    bare = tmp_path / "backup.git"
    porcelain.init(str(bare), bare=True)
    monkeypatch.setenv(history.REMOTE_VARIABLE, str(bare))
    return bare


def _append(folder, name, line, who="Anna"):
    path = folder / name
    text, version = store.read_with_version(path)
    return changes.save(
        folder, {name: text + line}, {name: version}, changes.Author(who), f"{name}: {line.strip()}"
    )


def _second_copy(remote, tmp_path, name="other"):
    target = tmp_path / name
    porcelain.clone(str(remote), str(target), branch=b"main", errstream=io.BytesIO())
    return target


@pytest.fixture
def data(tmp_path, remote):
    folder = tmp_path / "data"
    shutil.copytree(MINI, folder)
    _append(folder, "cities/alpha.yaml", "# one\n")
    return folder


def test_a_clashing_backup_leaves_a_hand_edit_as_it_is(data, remote, tmp_path):
    other = _second_copy(remote, tmp_path)
    _append(other, "cities/alpha.yaml", "# theirs\n", who="Béla")
    by_hand = (data / "cities/gamma.yaml").read_text(encoding="utf-8") + "# typed by hand, not saved yet\n"
    (data / "cities/gamma.yaml").write_text(by_hand, encoding="utf-8")
    saved = _append(data, "cities/alpha.yaml", "# mine\n")
    assert not saved.backup_ok
    assert (data / "cities/gamma.yaml").read_text(encoding="utf-8") == by_hand  # never reset away
    assert "cities/gamma.yaml" in saved.backup and "nothing of them is overwritten" in saved.backup
    assert "pip" not in saved.backup and "merge3" not in saved.backup
    assert (data / "cities/alpha.yaml").read_text(encoding="utf-8").endswith("# one\n# mine\n")


def test_a_clash_is_said_in_words_and_a_merge_that_can_be_done_is_done(data, remote, tmp_path):
    other = _second_copy(remote, tmp_path)
    _append(other, "cities/alpha.yaml", "# theirs\n", who="Béla")
    _append(other, "cities/beta.yaml", "# theirs too\n", who="Béla")
    saved = _append(data, "cities/alpha.yaml", "# mine\n")
    assert not saved.backup_ok
    assert "other changes to the same place (cities/alpha.yaml)" in saved.backup
    assert "pip" not in saved.backup and "merge3" not in saved.backup
    assert (data / "cities/alpha.yaml").read_text(encoding="utf-8").endswith("# one\n# mine\n")
    assert "# theirs too" not in (data / "cities/beta.yaml").read_text(encoding="utf-8")


def test_a_change_to_another_place_of_the_same_file_is_merged(data, remote, tmp_path):
    """Needs merge3 (from the lock): without it every such merge failed."""
    other = _second_copy(remote, tmp_path)
    path = other / "cities/alpha.yaml"
    path.write_text("# a first line from the backup\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    porcelain.add(str(other), [str(path)])
    porcelain.commit(
        str(other), b"alpha from the backup", author=b"B <b@x.local>", committer=b"B <b@x.local>"
    )
    porcelain.push(
        str(other),
        str(remote),
        [history.BRANCH + b":" + history.BRANCH],
        errstream=io.BytesIO(),
        outstream=io.BytesIO(),
    )
    saved = _append(data, "cities/alpha.yaml", "# mine\n")
    assert saved.backup_ok, saved.backup
    text = (data / "cities/alpha.yaml").read_text(encoding="utf-8")
    assert text.startswith("# a first line from the backup\n") and text.endswith("# one\n# mine\n")


def test_a_data_folder_with_files_but_no_history_is_not_overwritten_at_start(data, remote, tmp_path):
    other = tmp_path / "unsaved"
    shutil.copytree(MINI, other)
    (other / "cities/alpha.yaml").write_text(
        (other / "cities/alpha.yaml").read_text(encoding="utf-8") + "# only here\n", encoding="utf-8"
    )
    before = {p: p.read_bytes() for p in other.rglob("*.yaml")}
    synced = history.pull_on_start(other)
    assert {p: p.read_bytes() for p in other.rglob("*.yaml")} == before
    # A fresh clone's data/ beside a backup that holds the history: said how to restore, and no
    # second, unrelated history started (it would make the restore harder to see).
    assert not synced.ok and "start the app on an empty data folder" in synced.message
    assert not history.is_repository(other)


def test_an_unreachable_backup_is_not_taken_for_an_empty_one(tmp_path, monkeypatch):
    monkeypatch.setenv(history.REMOTE_VARIABLE, str(tmp_path / "nowhere.git"))
    fresh = tmp_path / "fresh"
    synced = history.pull_on_start(fresh)
    assert not synced.ok and "could not be reached" in synced.message
    assert not history.is_repository(fresh)  # no second, unrelated history started


def test_every_push_error_is_kept(data, monkeypatch):
    def refuse(*args, **kwargs):
        refuse.calls += 1
        raise OSError(f"refusal number {refuse.calls}")

    refuse.calls = 0
    monkeypatch.setattr(porcelain, "push", refuse)
    saved = _append(data, "cities/beta.yaml", "# two\n")
    assert not saved.backup_ok
    assert "refusal number 1" in saved.backup and "refusal number 2" in saved.backup


def test_the_push_runs_after_the_lock_is_released(data, monkeypatch):
    held = []
    real_push = porcelain.push

    def push(*args, **kwargs):
        try:
            with filelock.FileLock(str(store.lock_path(data)), timeout=0):
                held.append(False)
        except filelock.Timeout:
            held.append(True)
        return real_push(*args, **kwargs)

    monkeypatch.setattr(porcelain, "push", push)
    saved = _append(data, "cities/beta.yaml", "# two\n")
    assert saved.backup_ok and held == [False]
