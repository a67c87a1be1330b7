"""A data file's text is parsed once per process (models.files keeps the parse): each caller
still gets values of its own, and a file that changes is read as it now is."""

from __future__ import annotations

from models import files
from models.files import read_yaml, read_yaml_text

TEXT = "city:\n  id: alpha\n  name: Alpha\nactions:\n  - id: alpha-a1\n    budget: 1200\n"


def test_a_caller_that_changes_what_it_read_leaves_the_next_reading_as_written():
    first, _ = read_yaml_text(TEXT, "cities/alpha.yaml")
    first["actions"][0]["budget"] = 0
    first["city"]["name"] = "Changed"
    second, problem = read_yaml_text(TEXT, "cities/alpha.yaml")
    assert problem is None
    assert second == {
        "city": {"id": "alpha", "name": "Alpha"},
        "actions": [{"id": "alpha-a1", "budget": 1200}],
    }


def test_the_same_text_is_parsed_once(monkeypatch):
    text = TEXT.replace("Alpha", "Parsed once")
    calls = []
    parse = files._parse_afresh
    monkeypatch.setattr(files, "_parse_afresh", lambda t: calls.append(t) or parse(t))
    for _ in range(3):
        data, _ = read_yaml_text(text, "cities/alpha.yaml")
        assert data["city"]["name"] == "Parsed once"
    assert len(calls) == 1


def test_a_file_changed_on_disk_is_read_as_it_now_is(tmp_path):
    path = tmp_path / "alpha.yaml"
    path.write_text(TEXT, encoding="utf-8")
    assert read_yaml(path, "cities/alpha.yaml")[0]["actions"][0]["budget"] == 1200
    path.write_text(TEXT.replace("1200", "900"), encoding="utf-8")
    assert read_yaml(path, "cities/alpha.yaml")[0]["actions"][0]["budget"] == 900


def test_a_refused_text_is_refused_every_time():
    text = "a: &a [1, 2]\nb: *a\n"
    for _ in range(2):
        data, problem = read_yaml_text(text, "cities/alpha.yaml")
        assert data is None
        assert "alias" in problem.message
