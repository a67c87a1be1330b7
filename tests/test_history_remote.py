"""The data's history and its backup remote (a local bare repository stands for it)."""

from __future__ import annotations

import io
import shutil

import pytest
from conftest import MINI
from dulwich import porcelain

from workspace import changes, history, store


def _quiet():
    return {"outstream": io.BytesIO(), "errstream": io.BytesIO()}


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
    """Another server's copy of the data, cloned from the backup."""
    target = tmp_path / name
    porcelain.clone(str(remote), str(target), branch=b"main", errstream=io.BytesIO())
    return target


def test_each_save_is_pushed_and_a_new_host_starts_from_the_backup(tmp_path, remote):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    saved = _append(data, "cities/alpha.yaml", "# one\n")
    assert saved.backup_ok and "copied to the backup" in saved.backup
    # a host whose disk did not last: an empty folder, the same remote
    fresh = tmp_path / "fresh"
    synced = history.pull_on_start(fresh)
    assert synced.ok
    assert (fresh / "cities/alpha.yaml").read_text() == (data / "cities/alpha.yaml").read_text()
    assert [e.message for e in history.log(fresh)][0] == "cities/alpha.yaml: # one"


def test_a_remote_that_moved_on_is_merged_when_files_do_not_clash(tmp_path, remote):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    _append(data, "cities/alpha.yaml", "# one\n")
    other = _second_copy(remote, tmp_path)
    _append(other, "cities/beta.yaml", "# from the other host\n", who="Béla")
    saved = _append(data, "cities/alpha.yaml", "# two\n")
    assert saved.backup_ok, saved.backup
    assert (data / "cities/beta.yaml").read_text().endswith("# from the other host\n")
    assert (data / "cities/alpha.yaml").read_text().endswith("# one\n# two\n")
    authors = {e.author for e in history.log(data)}
    assert {"Anna", "Béla"} <= authors


def test_a_remote_that_clashes_is_refused_and_nothing_is_overwritten(tmp_path, remote):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    _append(data, "cities/alpha.yaml", "# one\n")
    other = _second_copy(remote, tmp_path)
    _append(other, "cities/alpha.yaml", "# theirs\n", who="Béla")
    saved = _append(data, "cities/alpha.yaml", "# mine\n")
    assert not saved.backup_ok and "saved here, but not in the backup" in saved.backup
    assert (data / "cities/alpha.yaml").read_text().endswith("# one\n# mine\n")  # ours kept
    assert history.log(data)[0].message == "cities/alpha.yaml: # mine"  # the commit kept
    check = _second_copy(remote, tmp_path, "check")
    assert (check / "cities/alpha.yaml").read_text().endswith("# one\n# theirs\n")  # theirs kept
    assert porcelain.status(str(data)).unstaged == []  # no conflict left in the files


def test_a_failed_push_keeps_the_commit_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv(history.REMOTE_VARIABLE, str(tmp_path / "nowhere.git"))
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    saved = _append(data, "cities/alpha.yaml", "# one\n")
    assert not saved.backup_ok and "saved here, but not in the backup" in saved.backup
    assert history.log(data)[0].message == "cities/alpha.yaml: # one"


def test_the_backup_command_says_what_it_did_not_what_a_save_did(tmp_path, remote):
    """`models workspace sync` (deploy/backup.sh, run by the timer and by `make network`)."""
    import os

    from conftest import run_models

    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    _append(data, "cities/alpha.yaml", "# one\n")
    environment = {**os.environ, history.REMOTE_VARIABLE: str(remote)}
    done = run_models("workspace", "sync", "--data", str(data), env=environment, text=True)
    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines() == [
        "Nothing new in the backup.",
        "The backup holds the whole history now.",
    ]
