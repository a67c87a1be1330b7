"""What the backup says reaches a French page in French: a backup that cannot be reached at
start, or that refuses a save's copy, was said in English beside French words."""

from __future__ import annotations

import pytest
from conftest import MINI

from words.i18n import in_language, use_language
from workspace import history, store


@pytest.fixture
def data(tmp_path):
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(MINI, folder)
    with store.locked(folder):
        history.ensure_repository(folder)
    return folder


def test_an_unreachable_backup_is_said_in_the_readers_language(data, tmp_path):
    synced = history.pull(data, str(tmp_path / "no-such-backup.git"))
    assert not synced.ok
    assert synced.message.startswith("The backup could not be reached (")  # the log and the command line
    with use_language("fr"):
        said = in_language(synced.message)
    assert said.startswith("La sauvegarde est injoignable (") and said.endswith(
        "\u00a0; rien n'a été récupéré."
    )


def test_a_refused_copy_says_both_errors_in_the_readers_language(data, tmp_path):
    synced = history.push(data, str(tmp_path / "no-such-backup.git"))
    assert not synced.ok
    with use_language("fr"):
        said = in_language(synced.message)
    assert said.startswith("La modification est enregistrée ici, mais pas dans la sauvegarde\u00a0:"), said
    assert "La sauvegarde est injoignable (" in said, said
