"""The Import a plan page with AppTest: upload a plan, draft, check an action, confirm it."""

from __future__ import annotations

import pytest
import yaml
from conftest import FIXTURES, ROOT
from test_page_spreadsheet import LEAD, ok

from models import load_network
from workspace.access import READ_ONLY

PAGE = str(ROOT / "pages" / "import_plan.py")
PLAN = FIXTURES / "iap" / "testville-plan.txt"


@pytest.fixture
def editing(monkeypatch, data_dir):
    monkeypatch.setenv("IAP_DATA_DIR", str(data_dir))
    monkeypatch.setenv("IAP_EDIT_PASSWORD", LEAD)
    monkeypatch.setenv("IAP_CITY_PASSWORDS", "beta=beta-password")
    monkeypatch.setattr("ui.access.REFUSAL_PAUSE_S", 0)
    return data_dir


def signed_in(password: str = LEAD):
    from streamlit.testing.v1 import AppTest

    at = ok(AppTest.from_file(PAGE, default_timeout=60).run())
    at.text_input(key="edit_password").input(password)
    return ok(at.button[0].click().run())


def sources_of(at, key: str):
    """An action's sources (its key names the plan's source too: a new one gives fresh defaults)."""
    return next(m for m in at.multiselect if m.key.startswith(f"{key}:sources"))


def drafted(at):
    at = ok(at.file_uploader(key="iap_upload").set_value((PLAN.name, PLAN.read_bytes(), "text/plain")).run())
    assert at.selectbox(key="iap_city").value == "testville"  # read from the plan: a new city
    return ok(at.button(key="iap_make").click().run())


def test_read_only_says_so(mini_data, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("IAP_EDIT_PASSWORD", raising=False)
    monkeypatch.delenv("IAP_CITY_PASSWORDS", raising=False)
    at = ok(AppTest.from_file(PAGE, default_timeout=60).run())
    assert any(READ_ONLY in i.value for i in at.info)
    assert not at.get("file_uploader")


def test_upload_drafts_the_actions_for_review_and_writes_no_city_file(editing):
    at = drafted(signed_in())
    assert "3 actions drafted into drafts/testville.yaml." in "\n".join(s.value for s in at.success)
    assert (editing / "drafts" / "testville.yaml").exists()
    assert not (editing / "cities" / "testville.yaml").exists()
    assert [e.label for e in at.expander][:3] == [
        "Action 1: Neighbourhood Listening Survey",
        "Action 2: Befriending Visits",
        "Action 3: Open Street Festival",
    ]
    assert "To check before confirming" in at.warning[1].value  # [0]: the plan's source is unknown
    assert "testville-iap" in at.warning[0].value


def test_confirming_an_action_writes_it_into_a_new_city_file(editing):
    at = drafted(signed_in())
    at.text_input(key="iap_city_country").input("Testland")
    at.multiselect(key="iap_city_sources").set_value(["article"])
    key = "iap:testville:testville-a2"
    at.text_area(key=f"{key}:description").input("Volunteers visit isolated residents at home every week.")
    at.text_area(key=f"{key}:reason").input("One-to-one visits to people already isolated: help, intensive.")
    sources_of(at, key).set_value(["plan-a"])
    submit = [b for b in at.button if b.label == "Confirm this action"][1]
    at = ok(submit.click().run())
    assert "testville-a2 confirmed and written into cities/testville.yaml." in "\n".join(
        s.value for s in at.success
    )
    network = load_network(editing)
    assert network.ok, [str(p) for p in network.problems]
    plan = network.city("testville")
    assert plan.city.country == "Testland"
    (action,) = plan.actions
    assert action.id == "testville-a2" and action.budget.amount_eur == 3500
    assert action.budget.funding_sources == ["municipal", "private"] and action.budget.source == "plan-a"
    assert action.interventions == ["help"]
    draft = yaml.safe_load((editing / "drafts" / "testville.yaml").read_text())
    assert draft["confirmed"] == ["testville-a2"]
    assert at.expander[1].icon == ":material/check_circle:"  # confirmed: ticked


def test_an_action_with_problems_is_not_written(editing):
    at = drafted(signed_in())
    at.text_input(key="iap_city_country").input("Testland")
    at.multiselect(key="iap_city_sources").set_value(["article"])
    # No source chosen for the action (the plan's own is not in sources.yaml).
    submit = [b for b in at.button if b.label == "Confirm this action"][0]
    at = ok(submit.click().run())
    assert "Not saved" in at.error[0].value
    assert "sources: must list at least one item" in at.code[0].value
    assert not (editing / "cities" / "testville.yaml").exists()


def test_a_city_password_drafts_only_for_its_city(editing):
    at = signed_in("beta-password")
    at = ok(at.file_uploader(key="iap_upload").set_value((PLAN.name, PLAN.read_bytes(), "text/plain")).run())
    assert at.selectbox(key="iap_city").options == ["Béta"]  # not a new city, not another one


WALKS_PLAN = (
    "Action 1 – Walks\nDescription: Weekly walks in the park for isolated older people.\n"
    "Target group: isolated older people\nLead: Alpha social services\nCost: 1 200 €\nFunding: ESF+\n\n"
    "Action 2 – Phone calls\nDescription: Calls every week to people who live alone.\nCost: to be defined\n"
).encode()


def _alpha_draft():
    at = signed_in()
    at = ok(at.file_uploader(key="iap_upload").set_value(("walks.txt", WALKS_PLAN, "text/plain")).run())
    assert "2 actions found in blocks under action headings" in at.info[0].value
    at = ok(at.selectbox(key="iap_city").set_value("alpha").run())
    return ok(at.button(key="iap_make").click().run())


def _confirm(at, n: int):
    return ok([b for b in at.button if b.label == "Confirm this action"][n].click().run())


def test_drafted_actions_take_new_ids_and_a_look_alike_is_shown_to_keep_both(editing):
    at = _alpha_draft()
    key = "iap:alpha:alpha-a3"
    assert "This looks like alpha-a2 already in the city's file" in at.error[0].value
    assert at.radio(key=f"{key}:duplicate").value == "both"
    sources_of(at, key).set_value(["plan-a"])
    at = _confirm(at, 0)
    assert "alpha-a3 confirmed" in "\n".join(s.value for s in at.success)
    actions = {a.id: a for a in load_network(editing).city("alpha").actions}
    assert actions["alpha-a3"].title == "Walks" and actions["alpha-a3"].budget.amount_eur == 1200
    assert actions["alpha-a2"].inspired_by  # the city's own action and its transfer are untouched
    assert {"alpha-a1", "alpha-a2", "alpha-t1", "alpha-i1"} <= set(actions)


def test_updating_a_look_alike_shows_what_changes_and_keeps_its_transfers(editing):
    at = _alpha_draft()
    key = "iap:alpha:alpha-a3"
    at = ok(at.radio(key=f"{key}:duplicate").set_value("update").run())
    assert "What changes in alpha-a2" in "\n".join(m.value for m in at.markdown)
    assert "Its transfers (inspired by, testing origin) are kept." in "\n".join(c.value for c in at.caption)
    sources_of(at, key).set_value(["plan-a"])
    at = _confirm(at, 0)
    actions = {a.id: a for a in load_network(editing).city("alpha").actions}
    assert "alpha-a3" not in actions
    assert actions["alpha-a2"].description.startswith("Weekly walks") and actions["alpha-a2"].inspired_by


def test_skipping_a_look_alike_saves_nothing(editing):
    at = _alpha_draft()
    before = (editing / "cities" / "alpha.yaml").read_bytes()
    at = ok(at.radio(key="iap:alpha:alpha-a3:duplicate").set_value("skip").run())
    at = _confirm(at, 0)
    assert "Skipped: nothing was saved" in at.info[-1].value
    assert (editing / "cities" / "alpha.yaml").read_bytes() == before


def test_confirming_the_whole_plan_records_its_document(editing):
    at = _alpha_draft()
    at.checkbox(key="iap_whole").check()
    key = "iap:alpha:alpha-a4"
    at.multiselect(key=f"{key}:interventions").set_value(["help"])
    at.selectbox(key=f"{key}:level").set_value("intensive")
    at.multiselect(key=f"{key}:beneficiaries").set_value(["isolated"])
    sources_of(at, key).set_value(["plan-a"])
    at = _confirm(at, 1)
    assert "confirmed" in "\n".join(s.value for s in at.success), [e.value for e in at.error]
    city = load_network(editing).city("alpha").city
    assert city.iap_document.title == "walks.txt" and city.iap_document.source == "plan-a"


@pytest.mark.parametrize(
    "data, said",
    [(b"", "is empty"), (b"%PDF-1.4 broken", "could not be read"),
     (b"Dear colleagues, the plan follows.", "No action was found in letter\\.txt")],
)  # fmt: skip
def test_unreadable_documents_are_said_in_plain_words(editing, data, said):
    at = signed_in()
    at = ok(at.file_uploader(key="iap_upload").set_value(("letter.txt", data, "text/plain")).run())
    assert said in "\n".join(e.value for e in at.error)


def test_a_scanned_pdf_points_to_edit_a_plan(editing):
    from pdf_maker import text_pdf

    at = signed_in()
    at = ok(at.file_uploader(key="iap_upload").set_value(("scan.pdf", text_pdf([]), "application/pdf")).run())
    assert "No text could be read from scan\\.pdf" in at.error[0].value
    assert "Edit a plan" in at.error[0].value


@pytest.fixture
def bomb_limits(monkeypatch):
    """The readers' limits made those of the reader test, so a bomb is met in seconds."""
    from test_plan_readers import BOMB_LIMITS

    from formats.plans import Limits, read_document

    monkeypatch.setattr(read_document, "__defaults__", (Limits(**BOMB_LIMITS),))


@pytest.mark.parametrize("kind", ["bomb", "truncated"])
def test_a_hostile_pdf_ends_in_a_plain_message_on_the_page(editing, bomb_limits, kind):
    from test_plan_readers import deflate_bomb_pdf, truncated_pdf

    data = deflate_bomb_pdf() if kind == "bomb" else truncated_pdf()
    at = signed_in()
    at = at.file_uploader(key="iap_upload").set_value((f"{kind}.pdf", data, "application/pdf")).run()
    assert not at.exception
    said = "\n".join(e.value for e in at.error).replace("\\", "")  # markdown escapes
    assert f"{kind}.pdf" in said and "Traceback" not in said, said
    assert any(w in said for w in ("damaged", "scanned", "too long", "larger than")), said
    assert not at.get("button") or all(b.key != "iap_make" for b in at.button)  # nothing to draft


@pytest.mark.parametrize("kind", ["bomb", "truncated"])
def test_a_hostile_pdf_ends_in_a_plain_message_from_the_command(tmp_path, bomb_limits, kind):
    from conftest import run_models
    from test_plan_readers import deflate_bomb_pdf, truncated_pdf

    plan = tmp_path / f"{kind}.pdf"
    plan.write_bytes(deflate_bomb_pdf() if kind == "bomb" else truncated_pdf())
    ran = run_models(
        "import-iap", str(plan), "--city", "isernia", "--out", str(tmp_path / "draft.yaml"), text=True
    )
    said = ran.stdout + ran.stderr
    assert ran.returncode != 0
    assert "Traceback" not in said and f"{kind}.pdf" in said, said
    assert not (tmp_path / "draft.yaml").exists()
    print(said.strip())


def test_the_complete_actions_are_confirmed_in_one_go_and_the_rest_left_to_their_forms(editing):
    at = drafted(signed_in())
    at.text_input(key="iap_city_country").input("Testland")
    at.multiselect(key="iap_city_sources").set_value(["article"])
    at = ok(at.selectbox(key="iap_source").set_value("plan-a").run())
    draft = yaml.safe_load((editing / "drafts" / "testville.yaml").read_text())
    complete = [
        e["action"]["id"]
        for e in draft["actions"]
        if e["action"]["interventions"] and e["action"]["support_level"] and e["action"]["beneficiaries"]
    ]
    assert complete
    bulk = at.button(key="iap_confirm_ready")
    assert str(len(complete)) in bulk.label and "as drafted" in bulk.label
    at = ok(bulk.click().run())
    told = "\n".join(s.value for s in at.success)
    assert "confirmed and added to cities/testville.yaml" in told
    assert all(i in told for i in complete), told  # the summary names what was written
    network = load_network(editing)
    assert network.ok, [str(p) for p in network.problems]
    assert sorted(a.id for a in network.city("testville").actions) == sorted(complete)
    draft = yaml.safe_load((editing / "drafts" / "testville.yaml").read_text())
    assert sorted(draft["confirmed"]) == sorted(complete)
    if len(complete) < len(draft["actions"]):
        assert "Still to choose in their forms" in "\n".join(m.value for m in at.markdown)


UNFUNDED_PLAN = """The City of Testville prepared this plan with its URBACT Local Group.

Action 1 – Befriending visits
Description: Volunteers befriend isolated older people and visit them every week.
Target group: isolated older people
Lead: Social services
Cost: 4 000 €
Funding: to be defined

Action 2 – Walking group
Description: A weekly walk in the park for older people who live alone.
Target group: isolated older people
Lead: Social services
Cost: 2 000 €
Funding: ESF+
"""


def test_an_amount_without_its_funding_source_is_left_to_its_form_never_saved_as_is(editing):
    """The city's file takes no amount without a source: an action whose plan says its funding is
    to be defined is not confirmed in one go (which would fail on it with a file path), and its
    form says in words what to do."""
    at = signed_in()
    at = ok(
        at.file_uploader(key="iap_upload").set_value(("plan.txt", UNFUNDED_PLAN.encode(), "text/plain")).run()
    )
    assert at.selectbox(key="iap_city").value == "testville"
    at = ok(at.button(key="iap_make").click().run())
    at.text_input(key="iap_city_country").input("Testland")
    at.multiselect(key="iap_city_sources").set_value(["article"])
    at = ok(at.selectbox(key="iap_source").set_value("plan-a").run())
    told = "\n".join(m.value for m in at.markdown)
    assert "An amount without a funding source the rules know" in told and "Action 1." in told
    bulk = at.button(key="iap_confirm_ready")
    assert bulk.label == "Confirm 1 complete action as drafted"
    at = ok(bulk.click().run())
    assert "1 action confirmed and added to cities/testville.yaml" in "\n".join(s.value for s in at.success)
    assert [a.title for a in load_network(editing).city("testville").actions] == ["Walking group"]

    key = "iap:testville:testville-a1"
    at = ok(next(b for b in at.button if b.label == "Confirm this action").click().run())
    assert any("an amount needs its funding source" in e.value for e in at.error)
    assert [a.title for a in load_network(editing).city("testville").actions] == ["Walking group"]
    at.multiselect(key=f"{key}:funding").set_value(["municipal"])  # the source, once it is known
    at = ok(next(b for b in at.button if b.label == "Confirm this action").click().run())
    assert "testville-a1 confirmed and written into cities/testville.yaml." in "\n".join(
        s.value for s in at.success
    )
    befriending = next(a for a in load_network(editing).city("testville").actions if a.id == "testville-a1")
    assert (befriending.budget.amount_eur, befriending.budget.funding_sources) == (4000, ["municipal"])
