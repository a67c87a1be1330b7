"""The loader's reports: exact messages for each kind of mistake, and nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from models import load_network


def problems_of(data_dir: Path) -> list[str]:
    return [str(p) for p in load_network(data_dir).problems]


def edit_city(data_dir: Path, city: str, change) -> None:
    """Load a fixture city file, let `change` mutate it, write it back."""
    path = data_dir / "cities" / f"{city}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_fixture_network_is_valid(data_dir):
    network = load_network(data_dir)
    assert network.problems == []
    assert [plan.city.id for plan in network.cities] == ["alpha", "beta", "gamma"]
    assert len(network.all_actions()) == 6


def _set(path: str, value):
    """A change that sets a dotted path in a city's first action (or the city itself)."""

    def change(data):
        target = data
        parts = path.split(".")
        if parts[0] == "action":
            target = data["actions"][0]
            parts = parts[1:]
        for part in parts[:-1]:
            target = target[part]
        if value is _DELETE:
            del target[parts[-1]]
        else:
            target[parts[-1]] = value

    return change


_DELETE = object()

# (what is changed, new value, the exact report line)
ACTION_TRUTH_TABLE = [
    (
        "action.budget.amount_eur",
        -500,
        "cities/alpha.yaml: actions[alpha-a1].budget.amount_eur: must be 0 or more, not -500",
    ),
    (
        "action.budget.amount_eur",
        "9.800 EUR",
        "cities/alpha.yaml: actions[alpha-a1].budget.amount_eur: "
        "must be a number (no currency sign or spaces), not '9.800 EUR'",
    ),
    (
        "action.interventions",
        ["identify", "helpp"],
        "cities/alpha.yaml: actions[alpha-a1].interventions: "
        "'helpp' is not one of the interventions: identify, help, awareness, prevent",
    ),
    (
        "action.support_level",
        "everyone",
        "cities/alpha.yaml: actions[alpha-a1].support_level: "
        "'everyone' is not one of the support levels: intensive, targeted, universal",
    ),
    (
        "action.beneficiaries",
        ["elderly"],
        "cities/alpha.yaml: actions[alpha-a1].beneficiaries: "
        "'elderly' is not one of the beneficiary groups: isolated, at_risk, helpers, all_citizens",
    ),
    (
        "action.beneficiaries",
        [],
        "cities/alpha.yaml: actions[alpha-a1].beneficiaries: must list at least one item",
    ),
    (
        "action.interventions",
        ["help", "help"],
        "cities/alpha.yaml: actions[alpha-a1].interventions: lists help more than once",
    ),
    (
        "action.kind",
        "project",
        "cities/alpha.yaml: actions[alpha-a1].kind: 'project' is not allowed here; "
        "use one of: 'iap_action', 'testing_action' or 'idea'",
    ),
    (
        "action.title",
        123,
        'cities/alpha.yaml: actions[alpha-a1].title: must be text; put the value in quotes, like "123"',
    ),
    (
        "action.title",
        "   ",
        "cities/alpha.yaml: actions[alpha-a1].title: must not be empty",
    ),
    (
        "action.model_reason",
        _DELETE,
        "cities/alpha.yaml: actions[alpha-a1].model_reason: is missing; add it (use null if it is unknown)",
    ),
    (
        "action.budget_eur",
        100,
        "cities/alpha.yaml: actions[alpha-a1].budget_eur: "
        "is not a field this record can have; check the spelling against data/city-template.yaml",
    ),
    (
        "action.budget.basis",
        "monthly",
        "cities/alpha.yaml: actions[alpha-a1].budget.basis: 'monthly' is not allowed here; "
        "use one of: 'plan_total' or 'per_year'",
    ),
    (
        "action.budget.funding_sources",
        ["lottery"],
        "cities/alpha.yaml: actions[alpha-a1].budget.funding_sources: 'lottery' is not one of the "
        "funding sources: municipal, esf_plus, erdf, erasmus_plus, other_public, private",
    ),
    (
        "action.timing.end_year",
        2025,
        "cities/alpha.yaml: actions[alpha-a1].timing.end_year: ends (2025) before it starts (2026)",
    ),
    (
        "action.indicators",
        [{"target": "10"}],
        "cities/alpha.yaml: actions[alpha-a1].indicators[1].indicator: "
        "is missing; add it (use null if it is unknown)",
    ),
    (
        "action.target_groups",
        ["Older People"],
        "cities/alpha.yaml: actions[alpha-a1].target_groups[1]: "
        "tags are written in lower case, like 'older people'",
    ),
    (
        "action.id",
        "Alpha A1",
        "cities/alpha.yaml: actions[Alpha A1].id: "
        "must be lower-case letters, digits and single hyphens, like 'skofja-loka'",
    ),
]


@pytest.mark.parametrize(("field", "value", "expected"), ACTION_TRUTH_TABLE)
def test_action_field_truth_table(data_dir, field, value, expected):
    edit_city(data_dir, "alpha", _set(field, value))
    network = load_network(data_dir)
    reported = [str(p) for p in network.problems]
    assert expected in reported
    # Only the broken action is dropped: the rest of the plan still loads.
    alpha = network.city("alpha")
    assert [a.id for a in alpha.actions] == ["alpha-a2", "alpha-t1", "alpha-i1"]
    assert network.city("beta") is not None


CITY_TRUTH_TABLE = [
    (
        "population.value",
        -3,
        "cities/alpha.yaml: population.value: must be more than 0, not -3",
    ),
    (
        "population.value",
        "about 10,000",
        "cities/alpha.yaml: population.value: must be a whole number, not 'about 10,000'",
    ),
    (
        "population.approximate",
        "about",
        "cities/alpha.yaml: population.approximate: must be true or false, not 'about'",
    ),
    (
        "population.approximate",
        None,
        "cities/alpha.yaml: population.approximate: must not be empty",
    ),
    (
        "population.approximate",
        1,
        "cities/alpha.yaml: population.approximate: must be true or false, not 1",
    ),
    (
        "population.about",
        True,
        "cities/alpha.yaml: population.about: "
        "is not a field this record can have; check the spelling against data/city-template.yaml",
    ),
    (
        "role",
        "leader",
        "cities/alpha.yaml: role: 'leader' is not allowed here; use one of: 'lead_partner' or 'partner'",
    ),
    (
        "focus_areas.areas",
        ["identify_isolated", "happiness"],
        "cities/alpha.yaml: focus_areas.areas: 'happiness' is not one of the focus areas: "
        "identify_isolated, diagnose_at_risk, answers_for_isolated, prevention_at_risk, awareness, "
        "city_wide_answers, community_care",
    ),
    (
        "plan_period.end",
        2020,
        "cities/alpha.yaml: plan_period.end: ends (2020) before it starts (2026)",
    ),
    (
        "name",
        _DELETE,
        "cities/alpha.yaml: name: is missing; add it (use null if it is unknown)",
    ),
]


@pytest.mark.parametrize(("value", "expected"), [(True, True), (False, False), (None, False)])
def test_a_population_may_be_marked_approximate(data_dir, value, expected):
    """true or false; left out (the fixture's alpha) means not approximate."""
    if value is not None:
        edit_city(data_dir, "alpha", _set("population.approximate", value))
    network = load_network(data_dir)
    assert network.problems == []
    assert network.city("alpha").city.population.approximate is expected


@pytest.mark.parametrize(("field", "value", "expected"), CITY_TRUTH_TABLE)
def test_city_field_truth_table(data_dir, field, value, expected):
    edit_city(data_dir, "alpha", _set(field, value))
    network = load_network(data_dir)
    reported = [str(p) for p in network.problems]
    assert expected in reported
    assert (
        "cities/alpha.yaml: (whole file): the city is shown without its plan until the other "
        "problems in this file are fixed" in reported
    )
    assert network.city("alpha") is None
    assert [p.city.id for p in network.cities] == ["beta", "gamma"]


# (file content as bytes, the exact report line for cities/alpha.yaml)
BROKEN_FILES = [
    (
        b"",
        "cities/alpha.yaml: (whole file): is empty; it should hold the fields shown in data/city-template.yaml",
    ),
    (
        b"# just a comment\n",
        "cities/alpha.yaml: (whole file): holds only comments; it should hold the fields shown in the template",
    ),
    (
        "id: alpha\nname: Alphaville\ncountry: Ça\n".encode("latin-1"),
        "cities/alpha.yaml: (whole file): is not saved as UTF-8 text (unreadable byte at position 36); "
        "open it in a text editor and save it again with UTF-8 encoding",
    ),
    (
        b"id: alpha\nname: [Alphaville\ncountry: Outland\n",
        "cities/alpha.yaml: (whole file): is not valid YAML at line 3, column 8: expected ',' or ']', "
        "but got ':' (check the indentation, colons and quotes)",
    ),
    (
        b"- id: alpha\n- name: Alphaville\n",
        "cities/alpha.yaml: (whole file): must start with fields written as 'name: value'; "
        "it starts with a list instead",
    ),
    (
        b"id: alpha\nname: Alphaville\nname: Other\n",
        "cities/alpha.yaml: (whole file): line 3: the field 'name' appears twice in the same place; keep one",
    ),
]


@pytest.mark.parametrize(("content", "expected"), BROKEN_FILES)
def test_broken_file_is_reported_and_others_load(data_dir, content, expected):
    (data_dir / "cities" / "alpha.yaml").write_bytes(content)
    network = load_network(data_dir)
    alpha_problems = [str(p) for p in network.problems if p.file == "cities/alpha.yaml"]
    assert alpha_problems == [expected]
    assert [p.city.id for p in network.cities] == ["beta", "gamma"]


def test_alias_bomb_is_refused_quickly(data_dir):
    # Nine levels of nine-fold aliases would expand to 387 million items.
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    (data_dir / "cities" / "alpha.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    network = load_network(data_dir)
    assert [str(p) for p in network.problems if p.file == "cities/alpha.yaml"] == [
        "cities/alpha.yaml: (whole file): line 2: uses a YAML alias (*name), which data files may not "
        "use; write the value out in full"
    ]
    assert network.city("beta") is not None


def test_oversized_file_is_refused(data_dir):
    (data_dir / "cities" / "alpha.yaml").write_text("x: " + "y" * 2_100_000, encoding="utf-8")
    reported = problems_of(data_dir)
    assert any(p.startswith("cities/alpha.yaml: (whole file): is 2,100,003 bytes") for p in reported)


def test_file_name_must_equal_id(data_dir):
    (data_dir / "cities" / "alpha.yaml").rename(data_dir / "cities" / "alfa.yaml")
    assert problems_of(data_dir) == [
        "cities/alfa.yaml: id: is 'alpha' but the file is named 'alfa.yaml'; "
        "the file name and the id must be the same"
    ]


def test_action_ids_unique_across_files(data_dir):
    edit_city(data_dir, "beta", _set("action.id", "alpha-a1"))
    reported = problems_of(data_dir)
    message = (
        "the id 'alpha-a1' is used 2 times (cities/alpha.yaml, cities/beta.yaml); "
        "every action needs its own id"
    )
    assert f"cities/alpha.yaml: actions[alpha-a1].id: {message}" in reported
    assert f"cities/beta.yaml: actions[alpha-a1].id: {message}" in reported


def test_references_must_resolve(data_dir):
    def change(data):
        data["actions"][0]["inspired_by"] = [{"practice": "nowhere", "source": "article"}]
        data["actions"][0]["sources"] = ["plan-a", "unknown-doc"]
        data["actions"][0]["testing_origin"] = {"description": "x", "action": "alpha-a2"}

    edit_city(data_dir, "alpha", change)
    assert problems_of(data_dir) == [
        "cities/alpha.yaml: actions[alpha-a1].inspired_by[1].practice: names the practice 'nowhere', "
        "which is not in practices.yaml",
        "cities/alpha.yaml: actions[alpha-a1].sources[2]: cites the source 'unknown-doc', "
        "which is not listed in sources.yaml",
        "cities/alpha.yaml: actions[alpha-a1].testing_origin.action: must name a testing action of "
        "Alphaville; 'alpha-a2' is not one",
    ]


def test_practice_city_and_parallel_actions_must_resolve(data_dir):
    path = data_dir / "practices.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("city: beta", "city: delta").replace("[alpha-t1, beta-t1]", "[alpha-t1, beta-t9]")
    path.write_text(text, encoding="utf-8")
    assert problems_of(data_dir) == [
        "practices.yaml: parallel_testing[posters].actions[2]: names the action 'beta-t9', which does not exist",
        "practices.yaml: practices[beta-walks].city: names the city 'delta', which has no city file that loads",
    ]


def test_idea_cannot_have_a_planned_budget(data_dir):
    def change(data):
        data["actions"][3]["budget"]["status"] = "planned"

    edit_city(data_dir, "alpha", change)
    assert problems_of(data_dir) == [
        "cities/alpha.yaml: actions[alpha-i1].budget.status: an idea is not funded, "
        "so its cost must have status 'estimated'"
    ]


def test_outside_practice_needs_an_origin(data_dir):
    path = data_dir / "practices.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("origin: Elsewhere (Outland)", ""), encoding="utf-8"
    )
    reported = problems_of(data_dir)
    assert (
        "practices.yaml: practices[outside-party].origin: a practice from outside the network needs an "
        "origin, like 'Brussels (Belgium)'" in reported
    )


def test_unknown_date_typed_as_yaml_date_asks_for_quotes(data_dir):
    path = data_dir / "sources.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "address: https://example.org/article",
            "address: https://example.org/article\n    date: 2025-12-01",
        ),
        encoding="utf-8",
    )
    assert problems_of(data_dir) == [
        'sources.yaml: sources[article].date: must be text; put the value in quotes, like "2025-12-01"'
    ]


def test_every_problem_is_reported_at_once(data_dir):
    (data_dir / "cities" / "gamma.yaml").write_bytes(b"")
    edit_city(data_dir, "alpha", _set("action.support_level", "x"))
    edit_city(data_dir, "beta", _set("action.budget", {"amount_eur": -1}))
    files = {p.file for p in load_network(data_dir).problems}
    assert files == {"cities/alpha.yaml", "cities/beta.yaml", "cities/gamma.yaml"}


def test_missing_data_folder(tmp_path):
    network = load_network(tmp_path / "nowhere")
    assert [p.message for p in network.problems] == ["this data folder does not exist"]
    assert network.cities == []


def test_broken_model_file_is_reported(data_dir):
    (data_dir / "model.yaml").unlink()
    (data_dir / "model.yaml").write_text("interventions: []\n", encoding="utf-8")
    reported = problems_of(data_dir)
    assert "model.yaml: interventions: must list at least one item" in reported
    assert "model.yaml: support_levels: is missing; add it (use null if it is unknown)" in reported


def test_a_list_too_short_says_how_many_items_it_needs(data_dir):
    path = data_dir / "practices.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[alpha-t1, beta-t1]", "[alpha-t1]"), encoding="utf-8")
    reported = problems_of(data_dir)
    assert "practices.yaml: parallel_testing[posters].actions: must list at least 2 items, not 1" in reported


def test_too_short_messages_name_the_number_needed():
    from models.messages import plain_message

    def too_short(needed, given):
        return plain_message({"type": "too_short", "ctx": {"min_length": needed, "actual_length": given}})

    assert too_short(1, 0) == "must list at least one item"
    assert too_short(2, 1) == "must list at least 2 items, not 1"
    assert too_short(2, 0) == "must list at least 2 items; it lists none"
    assert too_short(12, 3) == "must list at least 12 items, not 3"
    assert (
        plain_message({"type": "string_too_short", "ctx": {"min_length": 3}})
        == "must have at least 3 characters"
    )
