"""The hidden files a save killed before its journal leaves beside a data file (its new text,
`.fot.yaml.new`, and the copy of the old one, `.fot.yaml.old`) are swept away by the next save;
until then a person's own git of the data folder does not list them as new files (issue 24,
item 10: lock and journal files live outside the data folder or are ignored by its git)."""

from __future__ import annotations

from dulwich import porcelain

from workspace import history, store


def test_a_killed_saves_hidden_files_are_ignored_by_the_datas_git(data_dir):
    with store.locked(data_dir):
        history.ensure_repository(data_dir)
    cities = data_dir / "cities"
    for name in (f".alpha.yaml{store.NEW_SUFFIX}", f".alpha.yaml{store.OLD_SUFFIX}", ".alpha.yaml.back.tmp"):
        (cities / name).write_text("left by a killed save\n", encoding="utf-8")
    (data_dir / store.JOURNAL_NAME).with_suffix(".json.tmp").write_text("{", encoding="utf-8")
    status = porcelain.status(str(data_dir), untracked_files="all")
    assert status.untracked == []


def test_a_history_made_before_ignores_them_after_the_next_save(data_dir):
    with store.locked(data_dir):
        history.ensure_repository(data_dir)
    exclude = data_dir / ".git" / "info" / "exclude"
    exclude.write_text(".*.new\n", encoding="utf-8")  # as an older version wrote it
    (data_dir / "cities" / f".alpha.yaml{store.OLD_SUFFIX}").write_text("old\n", encoding="utf-8")
    with store.locked(data_dir):
        history.ensure_repository(data_dir)  # what every save runs first
    assert porcelain.status(str(data_dir), untracked_files="all").untracked == []
    assert exclude.read_text(encoding="utf-8").splitlines()[0] == ".*.new"  # kept as it was
