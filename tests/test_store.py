"""models.store: atomic saves, refused concurrent edits, history, canonical YAML."""

from __future__ import annotations

import os

import pytest
import yaml

from models import store


@pytest.fixture
def city_file(data_dir):
    return data_dir / "cities" / "alpha.yaml"


def test_save_replaces_the_file_and_keeps_the_previous_version(data_dir, city_file):
    before, version = store.read_with_version(city_file)
    new_version = store.save_text(data_dir, city_file, before + "# edited\n", version)
    assert city_file.read_text(encoding="utf-8") == before + "# edited\n"
    assert new_version == store.version_of(city_file) != version
    kept = store.history(data_dir, city_file)
    assert len(kept) == 1
    assert kept[0].path.read_text(encoding="utf-8") == before


def test_save_is_refused_when_the_file_changed_since_it_was_read(data_dir, city_file):
    before, version = store.read_with_version(city_file)
    city_file.write_text(before + "# someone else\n", encoding="utf-8")
    with pytest.raises(store.ChangedOnDisk, match="changed by someone else"):
        store.save_text(data_dir, city_file, "mine", version)
    assert city_file.read_text(encoding="utf-8") == before + "# someone else\n"
    assert store.history(data_dir, city_file) == []


def test_a_new_file_needs_the_missing_version(data_dir):
    path = data_dir / "cities" / "delta.yaml"
    store.save_text(data_dir, path, "id: delta\n", store.MISSING)
    with pytest.raises(store.ChangedOnDisk):
        store.save_text(data_dir, path, "id: delta\n# again\n", store.MISSING)


def test_a_crash_before_the_rename_leaves_the_old_file_whole(data_dir, city_file, monkeypatch):
    before, version = store.read_with_version(city_file)

    def crash(*_):
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="power cut"):
        store.save_text(data_dir, city_file, "half-written", version)
    assert city_file.read_text(encoding="utf-8") == before
    leftovers = [p.name for p in city_file.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_restore_brings_back_an_earlier_version(data_dir, city_file):
    first, version = store.read_with_version(city_file)
    version = store.save_text(data_dir, city_file, first + "# second\n", version)
    store.restore(data_dir, city_file, store.history(data_dir, city_file)[0], version)
    assert city_file.read_text(encoding="utf-8") == first
    assert len(store.history(data_dir, city_file)) == 2


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
    text = store.canonical_yaml(data, header="A header")
    assert text.startswith("# A header\n\n")
    assert "Škofja Loka" in text
    assert yaml.safe_load(text) == data
    assert store.canonical_yaml(yaml.safe_load(text), header="A header") == text
