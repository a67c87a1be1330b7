"""Drafting actions from a plan in the URBACT IAP template (formats.plans, the path the Import a
plan page and `import-iap` take), and confirming them."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, REAL_DATA
from pdf_maker import text_pdf

from cli.main import main
from formats import plans
from formats.drafts import confirm, indicator_lines, read_city, read_draft, reviewed_action
from formats.iap import lead_and_partners
from formats.plans import money
from formats.plans.placement import suggest
from formats.plans.reading import words_of
from models import load_network
from workspace.store import ChangedOnDisk

# shared/ sits beside the repository (and beside CI's clone).
# (A clone elsewhere, like CI's, finds it at the machine's /work/shared.)
_PLAN_FILE = Path("shared") / "sources" / "003_a4bcec56c8a7a9ff.txt"
ISERNIA_PLAN = next(
    (base / _PLAN_FILE for base in (REAL_DATA.parent.parent, Path("/work")) if (base / _PLAN_FILE).exists()),
    REAL_DATA.parent.parent / _PLAN_FILE,
)
TESTVILLE_PLAN = FIXTURES / "iap" / "testville-plan.txt"

# The keyword rules are data: the bundled model's (data/model.yaml, iap_import).
VOCAB = load_network(REAL_DATA).vocabulary


def document_text(path: Path) -> tuple[bytes, str]:
    """A plan file as the reading path takes it: its bytes and its name."""
    return path.read_bytes(), path.name


def draft_plan(document: tuple[bytes, str], city: str = "testville", source: str | None = None) -> dict:
    """A plan drafted as the Import a plan page and `import-iap` draft it (formats.plans)."""
    reading = plans.read(plans.read_document(*document), VOCAB)
    return plans.draft_plan(reading, city, vocabulary=VOCAB, source=source)


needs_isernia = pytest.mark.skipif(not ISERNIA_PLAN.exists(), reason="shared/sources is not beside the repo")


@needs_isernia
def test_isernia_plan_gives_its_six_actions_and_their_costs():
    draft = draft_plan(document_text(ISERNIA_PLAN), "isernia", "isernia-iap")
    actions = [entry["action"] for entry in draft["actions"]]
    assert [a["title"] for a in actions] == [
        "Observatory on Social Isolation (OIS)",
        "Information and Training Workshops",
        "Community Information and Awareness-Raising Events",
        "Meetings for Families and Schools",
        "Intergenerational Workshops",
        "Thematic Days for Socialization",
    ]
    assert [a["budget"]["amount_eur"] for a in actions] == [9800, 2000, 1600, 600, 2000, 4000]
    assert sum(a["budget"]["amount_eur"] for a in actions) == 20000
    # Every action's amount is "Municipal Funds"; the funders the prose names beside it are
    # suggested too, for the reviewer to keep or drop.
    assert all("municipal" in a["budget"]["funding_sources"] for a in actions)
    assert [a["id"] for a in actions] == [f"isernia-a{n}" for n in range(1, 7)]
    first = actions[0]
    assert first["lead"] == "Municipality of Isernia"
    assert "ULG members (active contributors)" in first["partners"]
    assert first["indicators"][0] == {
        "indicator": "new members joining the OIS",
        "target": "at least 6 new entities in addition to those already part of the ULG",
    }
    assert len(first["indicators"]) == 8
    found = draft["actions"][0]["from_the_plan"]
    assert (
        found["objectives"][0]
        == "Enhance overall understanding of the growing phenomenon of social isolation."
    )
    assert len(found["activities"]) == 5 and found["activities"][3].startswith("Annual survey")
    # The last action's risks stop at the next part of the plan (OTHER IDEAS TO BE DEVELOPED).
    assert "Community facilitators" not in str(draft["actions"][-1])
    # Where each action sits is a suggestion with its reason: the observatory -> identify.
    assert first["interventions"][0] == "identify" and "Identify (words: observator)" in first["model_reason"]
    assert actions[4]["interventions"] == ["prevent"]  # intergenerational workshops
    assert all(entry["review"] for entry in draft["actions"])


@needs_isernia
def test_isernia_plan_as_a_pdf_with_wrapped_lines_gives_the_same_actions(tmp_path, capsys):
    """A PDF's text has no blank lines between paragraphs and wraps them into lines: titles are
    then recognised from the plan's own list of actions and from the shape of the lines."""
    lines = [
        wrapped
        for line in ISERNIA_PLAN.read_text().splitlines()
        if line.strip()
        for wrapped in textwrap.wrap(line, 95)
    ]
    pdf = tmp_path / "isernia.pdf"
    pdf.write_bytes(text_pdf(lines, lines_per_page=55))
    from_pdf = draft_plan(document_text(pdf), "isernia")
    from_text = draft_plan(document_text(ISERNIA_PLAN), "isernia")
    assert [e["action"]["title"] for e in from_pdf["actions"]] == [
        e["action"]["title"] for e in from_text["actions"]
    ]
    assert [e["action"]["budget"]["amount_eur"] for e in from_pdf["actions"]] == [
        9800,
        2000,
        1600,
        600,
        2000,
        4000,
    ]
    assert [len(e["action"]["indicators"]) for e in from_pdf["actions"]] == [8, 6, 4, 4, 4, 5]
    assert main(["import-iap", str(pdf), "--city", "isernia", "--out", str(tmp_path / "draft.yaml")]) == 0
    assert "6 actions drafted, 20,000 EUR in all, from isernia.pdf." in capsys.readouterr().out


@needs_isernia
def test_import_iap_command_writes_a_draft_the_dashboard_does_not_read(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data, ignore=shutil.ignore_patterns(".git", ".history", ".*.lock"))
    before = {p: p.read_bytes() for p in (data / "cities").glob("*.yaml")}
    assert main(["import-iap", str(ISERNIA_PLAN), "--city", "isernia", "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "6 actions drafted, 20,000 EUR in all" in out
    # New ids after the city's own (isernia-a1..a6 are in the data): nothing is taken over.
    assert "isernia-a7: Observatory on Social Isolation (OIS) - 9,800 EUR" in out
    draft_file = data / "drafts" / "isernia.yaml"
    text = draft_file.read_text()
    assert text.startswith("# A DRAFT read from 003_a4bcec56c8a7a9ff.txt")
    draft, problem = read_draft(draft_file)
    assert problem is None and len(draft["actions"]) == 6
    assert all("review" in entry for entry in draft["actions"])
    assert {p: p.read_bytes() for p in (data / "cities").glob("*.yaml")} == before
    assert load_network(data).ok  # the draft folder is not read


def test_a_second_city_in_other_words_and_number_formats():
    draft = draft_plan(document_text(TESTVILLE_PLAN))
    assert draft["city"] == "testville" and draft["city_name"] == "Testville"
    actions = [entry["action"] for entry in draft["actions"]]
    assert [a["title"] for a in actions] == [
        "Neighbourhood Listening Survey",
        "Befriending Visits",
        "Open Street Festival",
    ]
    assert [a["number"] for a in actions] == ["1", "2", "3"]
    assert actions[0]["budget"]["amount_eur"] == 12500  # "€ 12.500,00"
    assert actions[0]["budget"]["funding_sources"][0] == "esf_plus"  # "ESF+ (Regional Programme)"
    assert actions[1]["budget"]["amount_eur"] == 3500  # "EUR 3,000" + "EUR 500"
    assert actions[1]["budget"]["funding_sources"] == ["municipal", "private"]
    assert actions[2]["budget"] is None  # "To be defined": unknown, never 0
    assert actions[0]["lead"] == "Testville Social Services Department"
    assert actions[0]["partners"] == [
        "Red Cross Testville",
        "Library of Testville, reading club",
        "Senior Citizens' Union",
    ]
    assert actions[1]["partners"] == ["Testville Hospital (geriatrics ward) (supporting partners)"]
    assert actions[1]["indicators"] == [
        {"indicator": "pairs formed", "target": "30"},
        {"indicator": "visits made", "target": "1 200 per year"},
    ]
    assert actions[0]["interventions"][0] == "identify"
    assert actions[1]["interventions"][0] == "help" and actions[1]["support_level"] == "intensive"
    assert actions[2]["interventions"][0] == "awareness" and actions[2]["support_level"] == "universal"
    assert "isolated" in actions[1]["beneficiaries"]
    review = [note.get("note") for note in draft["actions"][2]["review"]]  # notes are records now
    assert "budget: the plan says the cost is to be defined, so it is unknown (empty)" in review


def test_the_same_plan_as_a_pdf_gives_the_same_actions():
    lines = TESTVILLE_PLAN.read_text().splitlines()
    from_pdf = draft_plan((text_pdf(lines, lines_per_page=40), "testville.pdf"))
    from_text = draft_plan(document_text(TESTVILLE_PLAN))

    def pick(d):
        return [(e["action"]["title"], e["action"]["budget"], e["action"]["lead"]) for e in d["actions"]]  # noqa: E731

    assert pick(from_pdf) == pick(from_text)


@pytest.mark.parametrize(
    "written, value",
    [("9.800,00", 9800), ("12.500,00", 12500), ("3,000", 3000), ("1 500", 1500), ("600,00", 600),
     ("2,000.50", 2000.5), ("12,5", 12.5), ("1.234.567", 1234567)],
)  # fmt: skip
def test_amounts_in_european_and_english_formats(written, value):
    assert money.number(written) == value


def test_amounts_are_found_next_to_the_currency():
    def amounts_in(text: str) -> list[float]:
        return [amount.value for amount in money.amounts_in(text, words_of(VOCAB))]

    assert amounts_in("EUR 9.800,00 – Municipal Funds") == [9800]
    assert amounts_in("€ 12.500,00 – ESF+") == [12500]
    assert amounts_in("1 500 EUR from the city's budget") == [1500]
    assert amounts_in("Visits: 2,000 in 2026") == []  # no currency, no amount


def test_lead_and_partners_lines():
    lead, partners = lead_and_partners(
        [
            "Co-lead: Municipality of Isernia",
            "Active contributors: A, B (x, y)",
            "Supporting partners: To be",
            "identified later",
        ]
    )
    assert lead == "Municipality of Isernia"
    assert partners == [
        "A (active contributors)",
        "B (x, y) (active contributors)",
        "To be identified later (supporting partners)",
    ]


def test_placement_reason_names_the_words_that_matched():
    placement = suggest(
        "Befriending visits", "one-to-one home visits for isolated people", "", words_of(VOCAB), VOCAB, "en"
    )
    assert placement.interventions.ids == ["help"] and placement.support_level.ids == ["intensive"]
    from formats.plans.notes import placement_reason, placement_record

    reason = placement_reason(placement_record(placement), VOCAB)
    assert "befriend" in reason and "home visit" in reason
    # No default that could pass for a finding: an axis no word matched is left to choose.
    nothing = suggest("Xyz", "nothing to go on", "", words_of(VOCAB), VOCAB, "en")
    assert nothing.interventions.ids == [] and nothing.interventions.sureness == "none"

    assert "no word matched, to choose" in placement_reason(placement_record(nothing), VOCAB)


def test_a_document_without_the_template_is_refused_in_plain_words(tmp_path, capsys):
    plain = tmp_path / "letter.txt"
    plain.write_text("Dear colleagues, the plan follows next month.")
    with pytest.raises(plans.NoActions):
        draft_plan(document_text(plain))
    assert main(["import-iap", str(plain), "--city", "testville", "--data", str(REAL_DATA)]) == 1
    out = capsys.readouterr().out
    assert "letter.txt: 1 page, 45 characters, in English." in out
    assert "No action found. Looked for numbered action headings" in out
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    with pytest.raises(plans.UnreadablePlan) as refused:
        draft_plan(document_text(broken))
    assert refused.value.reason == "broken"


def _confirmable(entry: dict, source: str) -> dict:
    """What a reviewer does before confirming: own-words description and reason, a real source."""
    action = dict(entry["action"])
    action["description"] = "A fictional action, described in our own words for the test."
    action["model_reason"] = "Checked by the reviewer."
    action["sources"] = [source]
    if action["budget"]:
        action["budget"] = dict(action["budget"], source=source)
    return action


def test_confirming_drafted_actions_of_a_new_city_writes_a_valid_city_file(data_dir):
    draft = draft_plan(document_text(TESTVILLE_PLAN))
    city = read_city(data_dir, "testville")
    source = yaml.safe_load((data_dir / "sources.yaml").read_text())["sources"][0]["id"]
    actions = [_confirmable(entry, source) for entry in draft["actions"]]
    new_city = {
        "id": "testville",
        "name": "Testville",
        "country": "Testland",
        "role": "partner",
        "sources": [source],
    }
    assert confirm(data_dir, city, actions, new_city) == []
    network = load_network(data_dir)
    assert network.ok, [str(p) for p in network.problems]
    plan = network.city("testville")
    assert [a.budget.amount_eur if a.budget else None for a in plan.actions] == [12500, 3500, None]


def test_an_action_that_breaks_a_rule_is_not_written(data_dir):
    draft = draft_plan(document_text(TESTVILLE_PLAN))
    city = read_city(data_dir, "alpha")
    action = _confirmable(draft["actions"][0], "no-such-source")
    before = city.path.read_bytes()
    problems = confirm(data_dir, city, [action], None)
    assert problems and any("no-such-source" in p for p in problems)
    assert city.path.read_bytes() == before


def test_confirming_is_refused_when_the_city_file_changed_meanwhile(data_dir):
    draft = draft_plan(document_text(TESTVILLE_PLAN))
    city = read_city(data_dir, "alpha")
    source = yaml.safe_load((data_dir / "sources.yaml").read_text())["sources"][0]["id"]
    action = _confirmable(draft["actions"][0], source) | {"id": "alpha-a99"}
    city.path.write_text(city.path.read_text() + "\n")
    with pytest.raises(ChangedOnDisk):
        confirm(data_dir, city, [action], None)


def test_the_reviewers_fields_become_the_action():
    drafted = draft_plan(document_text(TESTVILLE_PLAN))["actions"][1]["action"]
    action = reviewed_action(
        drafted,
        title="Befriending visits",
        description="Volunteers visit isolated residents every week.",
        interventions=["help"],
        support_level="intensive",
        beneficiaries=["isolated"],
        model_reason="One-to-one visits.",
        amount=3500.0,
        funding=["municipal"],
        lead="  ",
        partners="Red Cross\n\n  Hospital  \n",
        indicators=indicator_lines(drafted["indicators"]) + "\nnew indicator",
        sources=["plan-a"],
    )
    assert action["budget"] == {
        "amount_eur": 3500, "basis": "plan_total", "status": "planned", "funding_sources": ["municipal"],
        "funding_note": None, "source": "plan-a",
    }  # fmt: skip
    assert action["lead"] is None and action["partners"] == ["Red Cross", "Hospital"]
    assert action["indicators"] == [*drafted["indicators"], {"indicator": "new indicator", "target": None}]
    assert action["id"] == "testville-a2" and action["number"] == "2"
    unknown = reviewed_action(drafted, **{**_fields(action), "amount": None})
    assert unknown["budget"] is None  # an emptied amount is unknown, never 0


def _fields(action: dict) -> dict:
    return {
        "title": action["title"], "description": action["description"], "interventions": action["interventions"],
        "support_level": action["support_level"], "beneficiaries": action["beneficiaries"],
        "model_reason": action["model_reason"], "amount": 1.0, "funding": [], "lead": "",
        "partners": "", "indicators": "", "sources": action["sources"],
    }  # fmt: skip
