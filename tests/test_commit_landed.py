"""A commit that lands and then raises (the disk fills while dulwich writes the reflog after
moving the branch, say) is a save, never put back: putting the files back would leave a
commit under the person's name for a change the files no longer hold, and the next save of
anyone would silently record the undoing (the history would lie twice)."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest
from conftest import MINI

from workspace import changes, history, store

ALPHA = "cities/alpha.yaml"
BETA = "cities/beta.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    with store.locked(target):
        history.ensure_repository(target)
    return target


def _change(folder: Path, path: str, old: str, new: str, who: str):
    text, version = store.read_with_version(folder / path)
    assert old in text
    return changes.save(
        folder, {path: text.replace(old, new)}, {path: version}, changes.Author(who), f"{who}'s change"
    )


def test_a_commit_that_lands_then_raises_is_a_save_and_the_history_holds_the_files(folder, monkeypatch):
    real_commit = history.commit

    def commit_then_full_disk(*args, **kwargs):
        real_commit(*args, **kwargs)
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(history, "commit", commit_then_full_disk)
        saved = _change(folder, ALPHA, "A small city with a two-year plan.", "A small city, changed.", "Éva")
    now = (folder / ALPHA).read_text(encoding="utf-8")
    assert "A small city, changed." in now  # the files hold what the history says
    assert history.committed_bytes(folder, ALPHA) == now.encode("utf-8")
    assert saved.commit == history.log(folder, limit=1)[0].commit
    assert not (folder / store.JOURNAL_NAME).exists()
    # The next save, of another file by someone else, records only that file.
    _change(folder, BETA, "description: Weekly walks.", "description: Daily walks.", "Bob")
    entry = history.log(folder, limit=1)[0]
    assert entry.author == "Bob" and entry.files == (BETA,)
    assert history.committed_bytes(folder, ALPHA) == now.encode("utf-8")
