"""A save says exactly what is now true, and the history never stands in the way (issue 24,
items 3, 4, 5, 7 and 10 of what did not hold): a full disk during the commit, an error after
the commit, a stale git lock, a damaged HEAD, a hand edit during the check, a city account
writing another file named after its city, and the lock file inside the data folder."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from conftest import MINI, ROOT

from analysis.stamp import data_date
from workspace import accounts, changes, history, store

ALPHA = "cities/alpha.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    with store.locked(target):
        history.ensure_repository(target)
    return target


def _edit(folder: Path, shown_as: str = ALPHA, author: changes.Author | None = None, path: str | None = None):
    """Save `shown_as` with its summary changed; returns (the new text, what save returned)."""
    text, version = store.read_with_version(folder / shown_as)
    new = text.replace("A small city with a two-year plan.", "A small city, changed.")
    target = path or shown_as
    versions = {target: version if target == shown_as else store.MISSING}
    saved = changes.save(
        folder, {target: new}, versions, author or changes.Author("Éva"), "Changed the summary"
    )
    return new, saved


def _disk_full():
    return OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_during_the_commit_is_never_told_as_nothing_saved(folder, monkeypatch):
    """The commit fails, and so does writing the journal that would put the files back: the
    files hold the change, so the person is told it is saved but not yet in the history, and
    the next start records it under their name, as said."""
    real_journal = store._write_journal
    journals = {"n": 0}

    def journal(data_dir, recorded):
        journals["n"] += 1
        if journals["n"] > 1:  # the disk is full by the time the change is to be put back
            raise _disk_full()
        real_journal(data_dir, recorded)

    def commit(*args, **kwargs):
        raise _disk_full()

    original = (folder / ALPHA).read_text(encoding="utf-8")
    with monkeypatch.context() as patched:
        patched.setattr(store, "_write_journal", journal)
        patched.setattr(history, "commit", commit)
        with pytest.raises(changes.EditError) as refused:
            _edit(folder)
    said = str(refused.value)
    now = (folder / ALPHA).read_text(encoding="utf-8")
    assert now != original and "A small city, changed." in now
    assert "Nothing was saved" not in said and "Nothing was changed" not in said
    assert "saved in the data files" in said and "No space left on device" in said
    assert "recorded under your name with the next save or when the app next starts" in said
    assert str(folder) not in said
    assert changes.recover(folder)  # the next start
    entry = history.log(folder, limit=1)[0]
    assert entry.author == "Éva" and entry.files == (ALPHA,)


def test_a_full_disk_before_the_change_says_nothing_was_saved_and_it_is_true(folder, monkeypatch):
    original = (folder / ALPHA).read_bytes()

    def full(*args, **kwargs):
        raise _disk_full()

    monkeypatch.setattr(store, "_write_journal", full)
    with pytest.raises(changes.EditError, match="Nothing was changed"):
        _edit(folder)
    assert (folder / ALPHA).read_bytes() == original
    assert not (folder / store.JOURNAL_NAME).exists()


def test_an_error_after_the_commit_is_a_save(folder, monkeypatch):
    """The commit landed; reading the history back fails: the save stands and says so."""
    real_log, real_commit = history.log, history.commit
    committed = []

    def commit(*args, **kwargs):
        committed.append(real_commit(*args, **kwargs))
        return committed[-1]

    def log(*args, **kwargs):
        if committed:
            raise RuntimeError("the history could not be read back")
        return real_log(*args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(history, "log", log)
        patched.setattr(history, "commit", commit)
        new, saved = _edit(folder)
    assert (folder / ALPHA).read_text(encoding="utf-8") == new
    assert saved.versions[ALPHA] == store.version_of(folder / ALPHA)
    assert history.log(folder, limit=1)[0].message == "Changed the summary"


def test_a_stale_index_lock_left_by_a_crash_is_cleared(folder):
    lock = folder / ".git" / "index.lock"
    lock.write_bytes(b"")
    old = lock.stat().st_mtime - 3600
    os.utime(lock, (old, old))
    new, saved = _edit(folder)
    assert not lock.exists()
    assert saved.commit is not None and history.log(folder, limit=1)[0].commit == saved.commit
    assert history.file_at(folder, saved.commit, ALPHA) == new


def test_a_fresh_index_lock_says_what_to_do_and_nothing_is_saved(folder):
    original = (folder / ALPHA).read_bytes()
    (folder / ".git" / "index.lock").write_bytes(b"")  # a git program at work right now
    with pytest.raises(changes.EditError) as refused:
        _edit(folder)
    said = str(refused.value)
    assert "Nothing was changed" in said and ".git/index.lock" in said and "wait a minute" in said
    assert str(folder) not in said
    assert (folder / ALPHA).read_bytes() == original


def test_a_damaged_head_leaves_the_stamp_and_pages_working(folder, monkeypatch):
    (folder / ".git" / "HEAD").write_bytes(b"\x00garbage\xff")
    assert data_date(folder) is None  # "Data of unknown date", not a traceback
    assert "damaged" in history.damage(folder)
    with pytest.raises(history.HistoryError):
        history.log(folder)
    original = (folder / ALPHA).read_bytes()
    with pytest.raises(changes.EditError, match="Nothing was changed"):
        _edit(folder)
    assert (folder / ALPHA).read_bytes() == original
    monkeypatch.setenv("IAP_DATA_DIR", str(folder))
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()  # frame, stamp, first page
    assert not at.exception, [e.value for e in at.exception]
    assert any("damaged" in w.value for w in at.warning), [w.value for w in at.warning]


def test_a_hand_edit_during_the_check_is_never_overwritten(folder, monkeypatch):
    real_check = changes.problems_with
    by_hand = "# edited by hand during the check\n"

    def check(*args, **kwargs):
        problems = real_check(*args, **kwargs)
        with open(folder / ALPHA, "a", encoding="utf-8") as out:
            out.write(by_hand)
        return problems

    monkeypatch.setattr(changes, "problems_with", check)
    with pytest.raises(store.ChangedOnDisk):
        _edit(folder)
    assert (folder / ALPHA).read_text(encoding="utf-8").endswith(by_hand)
    assert len(history.log(folder)) == 1


def test_a_city_account_writes_only_its_own_file(folder, monkeypatch, tmp_path):
    monkeypatch.setenv(accounts.FILE_VARIABLE, str(tmp_path / "accounts.yaml"))
    eva = accounts.add("Éva Kovács", "a long password", cities=("alpha",))
    author = changes.Author(eva.name, eva.id)
    for beside in ("cities/alpha.yml", "progress/alpha.yml", "cities/alpha.yaml.txt"):
        with pytest.raises(changes.NotAllowed):
            _edit(folder, author=author, path=beside)
        assert not (folder / beside).exists()
    _edit(folder, author=author)  # its own file


def test_the_write_lock_lives_outside_the_data_folder(folder):
    _edit(folder)
    assert not (folder / store.LOCK_NAME).exists()
    assert folder.resolve() not in store.lock_path(folder).resolve().parents
    leftovers = [p.name for p in folder.iterdir() if p.name != ".git" and p.name.startswith(".")]
    assert leftovers == []


@pytest.mark.parametrize("page", ["history", "overview", "edit", "progress"])
def test_every_page_runs_on_a_damaged_history(folder, monkeypatch, page):
    from streamlit.testing.v1 import AppTest

    (folder / ".git" / "HEAD").write_bytes(b"\x00garbage\xff")
    monkeypatch.setenv("IAP_DATA_DIR", str(folder))
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    if page == "history":
        assert any("is damaged and cannot be read" in w.value for w in at.warning)
