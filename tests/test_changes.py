"""workspace.changes, the one write path: all files or none, one commit per save, who may save."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
import yaml
from conftest import MINI, REAL_DATA

from formats.spreadsheet import apply, plan_import
from formats.workbook import build_workbook
from workspace import accounts, changes, editing, history, store


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(REAL_DATA, target, ignore=shutil.ignore_patterns(".git", ".history", ".*.lock"))
    return target


@pytest.fixture
def accounts_file(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "workspace" / "accounts.yaml"
    monkeypatch.setenv(accounts.FILE_VARIABLE, str(path))
    monkeypatch.delenv(history.REMOTE_VARIABLE, raising=False)
    return path


def _data(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    }


def _two_city_workbook(folder: Path, tmp_path: Path) -> bytes:
    """A workbook (as exported) with one change in each of two cities."""
    from openpyxl import load_workbook

    from models.loader import load_network

    path = tmp_path / "book.xlsx"
    path.write_bytes(build_workbook(folder, load_network(folder).vocabulary))
    book = load_workbook(path)
    sheet = book["Actions"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("id")].value == "alpha-a1":
            row[header.index("title")].value = "Observatory of isolation"
        if row[header.index("id")].value == "beta-a1":
            row[header.index("title")].value = "Beta's new title"
    book.save(path)
    return path.read_bytes()


class Crash(BaseException):
    """The process dies here: no handler runs."""


def _inject(monkeypatch, fail_at, error, counter):
    real_write, real_replace, real_commit = store._write_bytes, store.os.replace, history.commit

    def step():
        counter["n"] += 1
        if counter["n"] == fail_at:
            raise error

    def write(path, data):
        step()
        return real_write(path, data)

    def replace(source, target):
        if ".git" not in Path(str(target)).parts:  # git's own files: dulwich writes them its way
            step()
        return real_replace(source, target)

    def commit(*args, **kwargs):
        step()
        return real_commit(*args, **kwargs)

    monkeypatch.setattr(store, "_write_bytes", write)
    monkeypatch.setattr(store.os, "replace", replace)
    monkeypatch.setattr(history, "commit", commit)


@pytest.mark.parametrize("kind", ["error", "crash"])
def test_a_two_city_import_fails_at_every_step_and_leaves_before_or_after(tmp_path, monkeypatch, kind):
    source = tmp_path / "source"
    shutil.copytree(MINI, source)
    content = _two_city_workbook(source, tmp_path)

    def fresh(name):
        folder = tmp_path / name
        shutil.copytree(MINI, folder)
        with store.locked(folder):
            history.ensure_repository(folder)
        return folder

    reference = fresh("reference")
    before = _data(reference)
    apply(plan_import(content, reference))
    after = _data(reference)
    assert before != after
    counted = {"n": 0}
    with monkeypatch.context() as patched:
        folder = fresh("count")
        _inject(patched, None, None, counted)
        apply(plan_import(content, folder))
    assert counted["n"] >= 9  # 2 kept copies, 2 new texts, the journal, 3 renames, the commit
    outcomes = set()
    for fail_at in range(1, counted["n"] + 1):
        folder = fresh(f"{kind}-{fail_at}")
        plan = plan_import(content, folder)
        with monkeypatch.context() as patched:
            error = OSError(5, "Input/output error") if kind == "error" else Crash()
            _inject(patched, fail_at, error, {"n": 0})
            with pytest.raises((changes.EditError, OSError, Crash)):
                apply(plan)
        if kind == "crash":
            changes.recover(folder)  # what the next start or save does
        state = _data(folder)
        assert state in (before, after), fail_at
        messages = [e.message for e in history.log(folder)]
        if state == after:
            outcomes.add("after")
            assert messages[0].startswith("Spreadsheet import."), fail_at
            assert history.file_at(folder, history.log(folder)[0].commit, "cities/beta.yaml") == (
                folder / "cities/beta.yaml"
            ).read_text(encoding="utf-8")
        else:
            outcomes.add("before")
            assert len(messages) == 1, fail_at  # only the start of the history
            # and nothing undone waits in git's staging area to slip into the next commit
            alpha = changes.shown_as(folder, folder / "cities/alpha.yaml")
            text, version = store.read_with_version(folder / alpha)
            changes.save_one(folder, "cities/gamma.yaml", (folder / "cities/gamma.yaml").read_text(encoding="utf-8") + "# x\n",
                             store.version_of(folder / "cities/gamma.yaml"), changes.Author("Tester"), "gamma")  # fmt: skip
            assert history.file_at(folder, history.log(folder)[0].commit, alpha) == text, fail_at
        leftovers = [
            p.name
            for p in folder.rglob(".*")
            if ".git" not in p.parts and p.name not in (".git", store.LOCK_NAME)
        ]
        assert leftovers == [], (fail_at, leftovers)
    assert outcomes == ({"before"} if kind == "error" else {"before", "after"})


def _rename_first_action(data_dir, city, title, author):
    opened = editing.open_city(data_dir, city)
    data = opened.working_copy()
    data["actions"][0]["title"] = title
    return editing.save_city(data_dir, opened, data, author=author)


def test_ten_concurrent_saves_to_ten_cities_all_land_as_commits(real_copy, accounts_file):
    cities = sorted(p.stem for p in (real_copy / "cities").glob("*.yaml"))
    assert len(cities) == 10
    people = {c: accounts.add(f"{c} editor", "a long password", cities=(c,)) for c in cities}
    with store.locked(real_copy):
        history.ensure_repository(real_copy)
    failures = []

    def save(city):
        try:
            account = people[city]
            _rename_first_action(
                real_copy, city, f"Renamed by {account.name}", changes.Author(account.name, account.id)
            )
        except Exception as error:  # noqa: BLE001 - any error of a thread is collected and reported below
            failures.append((city, repr(error)))

    threads = [threading.Thread(target=save, args=(c,)) for c in cities]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    entries = history.log(real_copy)
    assert len(entries) == 11
    assert sorted(e.author for e in entries[:10]) == sorted(f"{c} editor" for c in cities)
    for city in cities:
        assert yaml.safe_load((real_copy / f"cities/{city}.yaml").read_text())["actions"][0]["title"] == (
            f"Renamed by {city} editor"
        )
        assert any(e.files == (f"cities/{city}.yaml",) for e in entries)


def test_two_saves_to_one_city_leave_one_refused_and_nothing_lost(real_copy):
    with store.locked(real_copy):
        history.ensure_repository(real_copy)
    first, second = editing.open_city(real_copy, "fot"), editing.open_city(real_copy, "fot")
    results = {}
    barrier = threading.Barrier(2)

    def save(name, opened, title):
        data = opened.working_copy()
        data["actions"][0]["title"] = title
        barrier.wait()
        try:
            editing.save_city(real_copy, opened, data, author=changes.Author(name))
            results[name] = "saved"
        except store.ChangedOnDisk:
            results[name] = "refused"

    threads = [
        threading.Thread(target=save, args=("Anna", first, "Anna's title")),
        threading.Thread(target=save, args=("Béla", second, "Béla's title")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results.values()) == ["refused", "saved"]
    winner = next(name for name, result in results.items() if result == "saved")
    on_disk = yaml.safe_load((real_copy / "cities/fot.yaml").read_text())
    assert on_disk["actions"][0]["title"] == f"{winner}'s title"
    assert [e.author for e in history.log(real_copy)][:1] == [winner]


def test_restore_round_trip(real_copy):
    path = real_copy / "cities/fot.yaml"
    original = path.read_bytes()
    _rename_first_action(real_copy, "fot", "Library chat corner", changes.Author("Anna"))
    changed = path.read_bytes()
    first, *_ = history.log(real_copy)
    start = history.log(real_copy)[-1]
    saved = changes.restore(real_copy, start.commit, ["cities/fot.yaml"], changes.Author("Anna"), "Fót")
    assert path.read_bytes() == original
    assert history.log(real_copy)[0].message.startswith("Fót: restored the version of ")
    # and forward again: the restore is a save like any other
    changes.restore(real_copy, first.commit, ["cities/fot.yaml"], changes.Author("Anna"), "Fót")
    assert path.read_bytes() == changed
    assert saved.commit is not None and len(history.log(real_copy)) == 4


def test_comments_are_kept_across_a_save_and_the_commit_shows_only_the_change(real_copy):
    path = real_copy / "cities/fot.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "actions:\n", "actions:\n  # checked with the ULG, May 2026\n", 1
    )
    path.write_text(text, encoding="utf-8")
    opened = editing.open_city(real_copy, "fot")
    data = opened.working_copy()
    data["actions"][1]["budget"] = {
        "amount_eur": 4000,
        "basis": "plan_total",
        "status": "planned",
        "funding_sources": ["municipal"],
        "source": "final-article",
    }
    data["actions"].append(editing.new_action("fot", [a["id"] for a in data["actions"]], ["final-article"]))
    data["actions"][-1].update(
        title="Library chat corner",
        description="A corner to talk in the library.",
        interventions=["prevent"],
        support_level="universal",
        beneficiaries=["all_citizens"],
        model_reason="Open to all.",
    )
    editing.save_city(real_copy, opened, data, author=changes.Author("Éva Kovács"))
    saved = path.read_text(encoding="utf-8")
    assert "  # checked with the ULG, May 2026\n" in saved
    entry = history.log(real_copy)[0]
    second = data["actions"][1]["id"]
    assert entry.message == f"Fót: added action 'Library chat corner'; budget of {second} set to €4,000"
    assert entry.author == "Éva Kovács"
    diff = history.diff(real_copy, history.log(real_copy)[1].commit, entry.commit, ["cities/fot.yaml"])
    removed = [line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert removed == ["-    budget: null"]  # the rest of the diff is added lines: the budget, the action


def test_a_revoked_account_cannot_save_and_a_city_account_only_its_city(real_copy, accounts_file):
    eva = accounts.add("Éva Kovács", "a long password", cities=("fot",))
    author = changes.Author(eva.name, eva.id)
    _rename_first_action(real_copy, "fot", "Saved while allowed", author)
    with pytest.raises(changes.NotAllowed, match="only the data of fot"):
        _rename_first_action(real_copy, "agen", "Not mine", author)
    accounts.revoke(eva.id)
    before = _data(real_copy)
    with pytest.raises(changes.NotAllowed, match="can no longer make changes"):
        _rename_first_action(real_copy, "fot", "Saved after revocation", author)
    assert _data(real_copy) == before
