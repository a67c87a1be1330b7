"""workspace.editing: checking, saving and describing edits of a city file, without the app."""

from __future__ import annotations

import pytest
import yaml
from conftest import REAL_DATA, earlier_versions

from models import load_network, schema
from models.files import Problem
from workspace import editing, store


@pytest.mark.parametrize("path", sorted((REAL_DATA / "cities").glob("*.yaml")), ids=lambda p: p.stem)
def test_an_unchanged_bundled_city_is_saved_byte_for_byte(path):
    text = path.read_text(encoding="utf-8")
    assert editing.candidate_text(yaml.safe_load(text), text) == text


def test_saving_an_unchanged_city_writes_nothing(data_dir):
    opened = editing.open_city(data_dir, "alpha")
    mtime = opened.path.stat().st_mtime_ns
    again = editing.save_city(data_dir, opened, opened.working_copy())
    assert again.version == opened.version and opened.path.stat().st_mtime_ns == mtime
    assert earlier_versions(data_dir, opened.shown_as) == []


def test_a_refused_save_names_the_file_and_field_and_writes_nothing(data_dir):
    opened = editing.open_city(data_dir, "alpha")
    data = opened.working_copy()
    data["actions"][1]["support_level"] = "sometimes"
    data["actions"][1]["budget"]["amount_eur"] = -5
    with pytest.raises(editing.Refused) as refused:
        editing.save_city(data_dir, opened, data)
    assert [str(p) for p in refused.value.problems] == [
        "cities/alpha.yaml: actions[alpha-a2].budget.amount_eur: must be 0 or more, not -5",
        "cities/alpha.yaml: actions[alpha-a2].support_level: 'sometimes' is not one of the support levels: "
        "intensive, targeted, universal",
    ]
    assert opened.path.read_text(encoding="utf-8") == opened.text
    assert earlier_versions(data_dir, opened.shown_as) == []


def test_problems_other_files_already_had_do_not_block_a_save(data_dir):
    practices = data_dir / "practices.yaml"
    practices.write_text(
        practices.read_text(encoding="utf-8").replace("source: article", "source: nowhere", 1)
    )
    broken = load_network(data_dir).problems
    assert broken and all(p.file == "practices.yaml" for p in broken)

    opened = editing.open_city(data_dir, "alpha")
    data = opened.working_copy()
    data["name"] = "Alpha Town"
    saved = editing.save_city(data_dir, opened, data)
    assert yaml.safe_load(saved.text)["name"] == "Alpha Town"
    assert load_network(data_dir).problems == broken


def test_a_new_problem_in_another_file_blocks_a_save(data_dir):
    opened = editing.open_city(data_dir, "beta")
    data = opened.working_copy()
    data["actions"] = [a for a in data["actions"] if a["id"] != "beta-t1"]  # run side by side with alpha-t1
    with pytest.raises(editing.Refused) as refused:
        editing.save_city(data_dir, opened, data)
    assert [p.file for p in refused.value.problems] == ["practices.yaml"]
    assert "beta-t1" in str(refused.value.problems[0])
    assert opened.path.read_text(encoding="utf-8") == opened.text


def test_a_save_after_someone_elses_is_refused(data_dir):
    opened = editing.open_city(data_dir, "alpha")
    opened.path.write_text(opened.text + "# theirs\n", encoding="utf-8")
    data = opened.working_copy()
    data["name"] = "Mine"
    with pytest.raises(store.ChangedOnDisk):
        editing.save_city(data_dir, opened, data)
    assert opened.path.read_text(encoding="utf-8") == opened.text + "# theirs\n"


def test_a_city_file_that_cannot_be_read_is_not_opened(data_dir):
    with pytest.raises(editing.EditError, match="does not exist"):
        editing.open_city(data_dir, "nowhere")
    (data_dir / "cities" / "gamma.yaml").write_text("id: gamma\nname: [unclosed\n", encoding="utf-8")
    with pytest.raises(editing.EditError, match="cities/gamma.yaml.*fix the file by hand"):
        editing.open_city(data_dir, "gamma")


@pytest.mark.parametrize(
    ("model", "name", "value", "expected"),
    [
        (schema.Action, "title", "Walks", {"title": "Walks"}),
        (schema.Action, "title", "", {"title": ""}),  # required: kept empty so validation names it
        (schema.Action, "support_level", None, {}),  # required: reported as missing
        (schema.Action, "number", "", {}),  # optional: left out
        (schema.Action, "partners", [], {}),
        (schema.Timing, "start_year", None, {"start_year": None}),  # must be given, may be unknown
        (schema.Population, "year", None, {"year": None}),
        (schema.Budget, "amount_eur", 0, {"amount_eur": 0}),  # a real zero stays a zero
    ],
)
def test_set_field(model, name, value, expected):
    record = {name: "old"}
    editing.set_field(record, model, name, value)
    assert record == expected


def test_new_action_ids_follow_the_data():
    assert editing.next_action_id("fot", ["fot-a1", "fot-a3", "fot-t1", "isernia-a9"]) == "fot-a4"
    assert editing.next_action_id("gamma", []) == "gamma-a1"
    action = editing.new_action("gamma", [], ["article", "other"])
    assert action["id"] == "gamma-a1" and action["sources"] == ["article"] and action["kind"] == "iap_action"


def test_slug():
    assert editing.slug("Tønder news, 2025 - Škofja Loka!") == "tnder-news-2025-skofja-loka"


def test_describe_changes():
    old = {"id": "x", "name": "X", "actions": [{"id": "x-a1", "title": "A"}, {"id": "x-a2", "title": "B"}]}
    new = {
        "id": "x",
        "name": "Y",
        "summary": "s",
        "actions": [{"id": "x-a1", "title": "A2", "kind": "idea"}, {"id": "x-a3", "title": "C"}],
    }
    assert editing.describe_changes(old, new) == [
        "city: name, summary changed",
        "action x-a3 (C) added",
        "action x-a2 (B) removed",
        "action x-a1 (A2): Title: A -> A2; Type: empty -> idea",  # by the form's labels, old and new
    ]
    swapped = {**old, "actions": list(reversed(old["actions"]))}
    assert editing.describe_changes(old, swapped) == ["actions put in another order"]
    assert editing.describe_changes(old, old) == []


def test_a_choice_changed_is_said_by_its_labels(data_dir):
    from models import load_network

    vocabulary = load_network(data_dir).vocabulary
    old = {"id": "x", "actions": [{"id": "x-a1", "title": "A", "support_level": "targeted"}]}
    new = {"id": "x", "actions": [{"id": "x-a1", "title": "A", "support_level": "universal"}]}
    assert editing.describe_changes(old, new, vocabulary) == [
        "action x-a1 (A): Support level: Targeted support -> Universal support"
    ]
    assert editing.describe_changes(old, new) == ["action x-a1 (A): Support level: targeted -> universal"]


def test_a_change_of_form_only_is_still_named():
    """A space typed after a title means the same; the field is named, without values."""
    old = {"id": "x", "actions": [{"id": "x-a1", "title": "A"}]}
    new = {"id": "x", "actions": [{"id": "x-a1", "title": "A "}]}
    assert editing.describe_changes(old, new) == ["action x-a1 (A ): title changed"]


def test_history_entries_say_what_each_save_changed(data_dir):
    opened = editing.open_city(data_dir, "alpha")
    first = opened.working_copy()
    first["name"] = "Alpha One"
    opened = editing.save_city(data_dir, opened, first)
    second = opened.working_copy()
    second["actions"][0]["title"] = "Observatory Two"
    opened = editing.save_city(data_dir, opened, second)

    entries = editing.history_entries(data_dir, opened.shown_as)
    assert [e.entry.message for e in entries] == [
        "Alpha One: alpha-a1: title changed",
        "Alpha One: profile: name changed",
        "History starts: the data as it was before the first save in the app",
    ]
    assert entries[0].entry.author.startswith("Command line")
    assert "+    title: Observatory Two" in entries[0].diff
    restored = editing.restore_version(data_dir, opened, entries[2].commit)
    assert yaml.safe_load(restored.text)["name"] == "Alphaville"
    assert restored.text == earlier_versions(data_dir, opened.shown_as)[-1]


def test_add_source(data_dir):
    new_id = editing.add_source(
        data_dir, {"id": "leaflet", "title": "A leaflet", "address": None, "publisher": ""}
    )
    network = load_network(data_dir)
    assert new_id == "leaflet" and network.problems == []
    assert network.sources["leaflet"].title == "A leaflet" and network.sources["leaflet"].publisher is None
    with pytest.raises(editing.Refused) as refused:
        editing.add_source(data_dir, {"id": "leaflet", "title": "Again", "address": None})
    assert refused.value.problems == [
        Problem(
            "sources.yaml",
            "sources[leaflet].id",
            "the id 'leaflet' is already used by another source; choose another",
        )
    ]


def test_adding_a_source_keeps_the_bundled_sources_file_as_it_is(tmp_path):
    import shutil

    shutil.copytree(REAL_DATA, tmp_path / "data")
    before = (tmp_path / "data" / "sources.yaml").read_text(encoding="utf-8")
    editing.add_source(
        tmp_path / "data", {"id": "new-doc", "title": "A new document", "address": "https://example.org"}
    )
    after = (tmp_path / "data" / "sources.yaml").read_text(encoding="utf-8")
    assert after == before + "  - id: new-doc\n    title: A new document\n    address: https://example.org\n"
    assert load_network(tmp_path / "data").problems == []


@pytest.mark.parametrize("path", sorted((REAL_DATA / "cities").glob("*.yaml")), ids=lambda p: p.stem)
def test_bundled_cities_need_no_repair(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert editing.repair_shapes(data) == []


def test_repair_shapes():
    data = {
        "sources": "article",
        "focus_areas": {"areas": ["awareness", "awareness"], "source": "a"},
        "actions": [
            {"id": "x-a1", "number": 3, "title": 2026, "interventions": "help", "partners": ["A", "B", "A"]},
            {"id": "x-a2", "number": "1", "budget": {"funding_sources": "municipal"}, "notes": True},
            "not an action",
        ],
    }
    assert editing.repair_shapes(data) == [
        "sources: one value made into a list",
        "focus_areas.areas: repeated values listed once",
        "actions[x-a1].interventions: one value made into a list",
        "actions[x-a1].partners: repeated values listed once",
        "actions[x-a1].number: the number made into text",
        "actions[x-a1].title: the number made into text",
        "actions[x-a2].budget.funding_sources: one value made into a list",
    ]
    assert data["sources"] == ["article"] and data["focus_areas"]["areas"] == ["awareness"]
    assert data["actions"][0] == {
        "id": "x-a1",
        "number": "3",
        "title": "2026",
        "interventions": ["help"],
        "partners": ["A", "B"],
    }
    assert data["actions"][1]["notes"] is True  # yes/no is not guessed at: validation names it


def test_create_city_is_checked_and_never_overwrites(data_dir):
    with pytest.raises(editing.Refused) as refused:
        editing.create_city(
            data_dir, {"id": "delta", "name": "", "country": "X", "role": "partner", "sources": []}
        )
    assert [str(p) for p in refused.value.problems] == [
        "cities/delta.yaml: (whole file): the city is shown without its plan until the other problems "
        "in this file are fixed",
        "cities/delta.yaml: name: must not be empty",
        "cities/delta.yaml: sources: must list at least one item",
    ]
    assert not (data_dir / "cities" / "delta.yaml").exists()
    with pytest.raises(editing.Refused, match="problem"):
        editing.create_city(data_dir, {"id": "Delta Town", "name": "D"})
    opened = editing.create_city(
        data_dir, {"id": "delta", "name": "Delta", "country": "X", "role": "partner", "sources": ["article"]}
    )
    assert opened.text.startswith("# Delta, entered in the dashboard's editing page.\n\nid: delta\n")
    with pytest.raises(editing.Refused) as refused:
        editing.create_city(data_dir, {"id": "delta", "name": "Other", "country": "Y", "role": "partner"})
    assert "exists already" in str(refused.value.problems[0])
    assert (data_dir / "cities" / "delta.yaml").read_text(encoding="utf-8") == opened.text
