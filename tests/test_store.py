"""workspace.store: versions, atomic multi-file writes that survive a crash, round-trip YAML."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REAL_DATA, ROOT

from workspace import store, yaml_format


@pytest.fixture
def city_file(data_dir):
    return data_dir / "cities" / "alpha.yaml"


def test_save_text_replaces_the_file(data_dir, city_file):
    before, version = store.read_with_version(city_file)
    new_version = store.save_text(data_dir, city_file, before + "# edited\n", version)
    assert city_file.read_text(encoding="utf-8") == before + "# edited\n"
    assert new_version == store.version_of(city_file) != version
    assert sorted(p.name for p in data_dir.rglob(".*") if p.name != store.LOCK_NAME) == []


def test_save_is_refused_when_the_file_changed_since_it_was_read(data_dir, city_file):
    before, version = store.read_with_version(city_file)
    city_file.write_text(before + "# someone else\n", encoding="utf-8")
    with pytest.raises(store.ChangedOnDisk, match="changed by someone else"):
        store.save_text(data_dir, city_file, "mine", version)
    assert city_file.read_text(encoding="utf-8") == before + "# someone else\n"


def test_a_new_file_needs_the_missing_version(data_dir):
    path = data_dir / "cities" / "delta.yaml"
    store.save_text(data_dir, path, "id: delta\n", store.MISSING)
    with pytest.raises(store.ChangedOnDisk):
        store.save_text(data_dir, path, "id: delta\n# again\n", store.MISSING)


class Crash(BaseException):
    """The process dies here: no handler runs (a BaseException, like a kill)."""


def _data(folder):
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    }


def _steps(monkeypatch, fail_at: int | None, error):
    """Count every write and rename store makes, naming each; make the one numbered `fail_at`
    fail *in the middle*: a write leaves half its bytes on disk (a torn write, as a crash or a
    full disk leaves it), then `error` is raised. `counter["failed"]` names the step that
    failed, so a test can check the failure was injected where it claims."""
    counter = {"n": 0, "steps": [], "failed": None}
    real_write, real_replace = store._write_bytes, store.os.replace

    def step(what: str) -> bool:
        counter["n"] += 1
        counter["steps"].append(what)
        if counter["n"] == fail_at:
            counter["failed"] = what
            return True
        return False

    def write(path, data):
        if step(f"write {Path(path).name}"):
            real_write(path, data[: len(data) // 2])  # torn: half of it reached the disk
            raise error
        return real_write(path, data)

    def replace(source, target):
        if step(f"rename {Path(source).name} -> {Path(target).name}"):
            raise error
        return real_replace(source, target)

    monkeypatch.setattr(store, "_write_bytes", write)
    monkeypatch.setattr(store.os, "replace", replace)
    return counter


def _three_file_change(data_dir):
    alpha = data_dir / "cities" / "alpha.yaml"
    return {
        alpha: alpha.read_text(encoding="utf-8") + "# changed\n",
        data_dir / "sources.yaml": (data_dir / "sources.yaml").read_text(encoding="utf-8")
        + "# changed too\n",
        data_dir / "cities" / "delta.yaml": "id: delta\n",
        data_dir / "cities" / "gamma.yaml": None,  # removed
    }


# Every write and rename of a change of alpha, sources (both changed), delta (new) and gamma
# (removed), in the order the store makes them: what the crash test fails, one at a time.
STEPS = [
    "write .alpha.yaml.old",
    "write .alpha.yaml.new",
    "write .sources.yaml.old",
    "write .sources.yaml.new",
    "write .delta.yaml.new",
    "write .gamma.yaml.old",
    f"write {store.JOURNAL_NAME}.tmp",
    f"rename {store.JOURNAL_NAME}.tmp -> {store.JOURNAL_NAME}",  # the change happens here
    "rename .alpha.yaml.new -> alpha.yaml",
    "rename .sources.yaml.new -> sources.yaml",
    "rename .delta.yaml.new -> delta.yaml",
]


def _fail_every_step(tmp_path, monkeypatch, kind, write_files) -> tuple[list, set, list]:
    """Make `write_files` fail at each of its writes and renames in turn (an error it handles,
    or a crash: then the next start's `recover`); return the steps after which the data was
    neither as before nor as after (or hidden files were left), the outcomes seen, and the
    steps counted."""
    import shutil

    from conftest import MINI

    reference = tmp_path / "reference"
    shutil.copytree(MINI, reference)
    before = _data(reference)
    store.write_files(reference, _three_file_change(reference))
    after = _data(reference)
    with monkeypatch.context() as counting:
        copy = tmp_path / "count"
        shutil.copytree(MINI, copy)
        steps = _steps(counting, None, None)
        write_files(copy, _three_file_change(copy))
    broken, seen = [], set()
    for fail_at in range(1, steps["n"] + 1):
        folder = tmp_path / f"{kind}-{fail_at}"
        shutil.copytree(MINI, folder)
        error = OSError(28, "No space left on device") if kind == "error" else Crash()
        with monkeypatch.context() as patched:
            injected = _steps(patched, fail_at, error)
            with pytest.raises(type(error)) as raised:
                write_files(folder, _three_file_change(folder))
        # the failure is the one injected, at the step it was meant for
        assert raised.value is error, fail_at
        assert injected["failed"] == steps["steps"][fail_at - 1], fail_at
        if kind == "crash":
            store.recover(folder)  # the next start or save
        state = _data(folder)
        left = [p.name for p in folder.rglob(".*") if p.name != store.LOCK_NAME]
        if kind == "error" and state != before or state not in (before, after) or left:
            broken.append((fail_at, injected["failed"]))
        seen.add("after" if state == after else "before" if state == before else "neither")
    return broken, seen, steps["steps"]


@pytest.mark.parametrize("kind", ["error", "crash"])
def test_a_failure_at_every_write_and_rename_leaves_before_or_after(tmp_path, monkeypatch, kind):
    broken, seen, steps = _fail_every_step(tmp_path, monkeypatch, kind, store.write_files)
    assert steps == STEPS  # every step was failed once, where the test says
    assert broken == []
    if kind == "error":  # handled at once: nothing was saved, and nothing is left behind
        assert seen == {"before"}
    else:  # a crash before the journal's rename: before; after it: completed by recover
        assert seen == {"before", "after"}


def test_the_crash_test_catches_a_write_without_protection(tmp_path, monkeypatch):
    """The test above can fail: files written in place, one after the other, are caught."""

    def in_place(data_dir, texts, *args, **kwargs):
        for target, text in texts.items():
            if text is None:
                os.unlink(target)
            else:
                store._write_bytes(target, text.encode("utf-8"))

    broken, seen, _ = _fail_every_step(tmp_path, monkeypatch, "crash", in_place)
    assert broken and "neither" in seen
    assert broken[0] == (1, "write alpha.yaml")  # a torn file, the first thing written


def test_store_imports_without_fcntl():
    """On Windows there is no fcntl: the store (and the write path) must import all the same."""
    code = (
        "import sys; sys.modules['fcntl'] = None\n"
        "import workspace.store, workspace.changes, workspace.history, workspace.accounts\n"
        "print('ok')"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_canonical_yaml_reads_back_to_the_same_data_and_is_stable():
    data = {
        "id": "skofja-loka",
        "name": "Škofja Loka",
        "summary": "long text " * 20,
        "notes": "two\nlines\n",
        "number": "1",
        "flag": "yes",
        "budget": None,
        "list": [{"a": 1, "b": ["x", "y"]}],
    }
    text = yaml_format.canonical_yaml(data, header="A header")
    assert text.startswith("# A header\n\n")
    assert "Škofja Loka" in text
    assert yaml.safe_load(text) == data
    assert yaml_format.canonical_yaml(yaml.safe_load(text), header="A header") == text


@pytest.mark.parametrize(
    "path",
    sorted(REAL_DATA.rglob("*.yaml")) + sorted((ROOT / "tests" / "fixtures" / "mini").rglob("*.yaml")),
    ids=lambda p: p.name,
)
def test_every_data_file_is_in_the_form_saves_keep(path):
    """A save rewrites only what changed: so the files must round-trip byte for byte."""
    text = path.read_text(encoding="utf-8")
    assert yaml_format.round_trip(text) == text


def test_a_save_keeps_comments_key_order_and_quoting():
    text = (
        "# Fót's plan\n"
        "id: fot\n"
        "name: Fót  # the town's name\n"
        "actions:\n"
        "  # the first action\n"
        "  - id: fot-a1\n"
        '    number: "1"\n'
        "    title: Café\n"
        "    budget: {amount_eur: 9800.0, source: plan}\n"
        "  - id: fot-a2\n"
        "    title: Walks   # weekly\n"
    )
    data = yaml.safe_load(text)
    data["actions"][1]["title"] = "Library chat corner"
    data["actions"].append({"id": "fot-a3", "title": "New"})
    new = yaml_format.updated_text(text, data, "CANONICAL")
    assert new == (
        "# Fót's plan\n"
        "id: fot\n"
        "name: Fót  # the town's name\n"
        "actions:\n"
        "  # the first action\n"
        "  - id: fot-a1\n"
        '    number: "1"\n'
        "    title: Café\n"
        "    budget: {amount_eur: 9800.0, source: plan}\n"
        "  - id: fot-a2\n"
        "    title: Library chat corner # weekly\n"
        "  - id: fot-a3\n"
        "    title: New\n"
    )
    assert (
        yaml_format.updated_text(text, yaml.safe_load(text), "CANONICAL") == text
    )  # nothing changed: same bytes
