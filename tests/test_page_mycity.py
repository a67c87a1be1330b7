"""My city and Compare pages with AppTest: what a city team sees, and a self-assessment
filled in, saved and still there after a restart."""

from __future__ import annotations

import pytest
from conftest import ROOT, run_page
from streamlit.testing.v1 import AppTest

MYCITY = str(ROOT / "pages" / "mycity.py")
COMPARE = str(ROOT / "pages" / "compare.py")
LEAD = "lead-secret-123"


def frame_with(at, *columns):
    """The first table on the page that has these columns (AppTest has no table keys)."""
    for frame in at.dataframe:
        if set(columns) <= set(frame.value.columns):
            return frame.value
    raise AssertionError(f"no table with columns {columns}")


def test_isernia_sees_its_gaps_and_peer_practices(real_data):
    at = run_page(MYCITY, my_city="isernia")
    said = " ".join(m.value for m in at.markdown)
    assert "Isernia's plan leaves empty 5 of 16 cells" in said.replace("\\", "")
    gaps = frame_with(at, "Beneficiary group", "Peer action")
    row = gaps[(gaps["Intervention"] == "Identify") & (gaps["Beneficiary group"] == "All citizens")].iloc[0]
    assert (row["Peer city"], row["Peer action"]) == ("Jumilla", "Can we talk? (¿Podemos hablar?)")
    levels = frame_with(at, "Support level", "Peer action")
    assert "Citizens College" in set(levels["Peer action"])
    assert len(at.get("plotly_chart")) == 2
    assert frame_with(at, "Focus area").shape[0] == 7


def test_a_city_without_its_plan_sees_what_to_enter_next(real_data):
    at = run_page(MYCITY, my_city="roman")
    complete = frame_with(at, "Item", "Next step")
    assert not complete.set_index("Item").loc["IAP document", "Complete?"]
    steps = [m.value for m in at.markdown if m.value.startswith("**Enter next:**")]
    assert steps and "IAP document" in steps[0]


def test_read_only_app_shows_the_assessment_but_offers_no_save(real_data, monkeypatch):
    for name in ("IAP_EDIT_PASSWORD", "IAP_CITY_PASSWORDS"):
        monkeypatch.delenv(name, raising=False)
    at = run_page(MYCITY, my_city="isernia")
    assert not [b for b in at.button if b.label == "Save the self-assessment"]
    assert any("read-only" in c.value for c in at.caption)


def _signed_in(monkeypatch, city):
    monkeypatch.setenv("IAP_EDIT_PASSWORD", LEAD)
    monkeypatch.delenv("IAP_CITY_PASSWORDS", raising=False)
    monkeypatch.setattr("ui.access.REFUSAL_PAUSE_S", 0)
    at = AppTest.from_file(MYCITY, default_timeout=60)
    at.session_state["my_city"] = city
    at.run()
    at.text_input(key="edit_password").input(LEAD)
    next(b for b in at.button if b.label == "Sign in to edit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_self_assessment_is_saved_and_survives_a_restart(mini_data, monkeypatch):
    at = _signed_in(monkeypatch, "alpha")
    key = "assessment_editor_alpha"
    # The data editor's edits as the browser sends them: row -> {column: value}.
    at.session_state[key] = {
        "edited_rows": {
            4: {"Own rating": "Covered", "Comment": "our day centre"},
            5: {"Own rating": "Partly covered"},
        },
        "added_rows": [],
        "deleted_rows": [],
    }
    at.text_input(key="assessment_by_alpha").input("Alpha team")
    at.button(key="assessment_save_alpha").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    saved = (mini_data / "assessments" / "alpha.yaml").read_text(encoding="utf-8")
    assert "assessed_by: Alpha team" in saved and "comment: our day centre" in saved

    # A restarted server: nothing cached, everything read back from the files.
    import streamlit as st

    st.cache_resource.clear()
    again = run_page(MYCITY, my_city="alpha")
    summary = " ".join(c.value for c in again.caption)
    assert "Alphaville rated 2 of 28 cells" in summary.replace("\\", "")


def test_a_save_over_a_newer_file_is_refused_on_the_page(mini_data, monkeypatch):
    at = _signed_in(monkeypatch, "beta")
    (mini_data / "assessments").mkdir()
    newer = "city: beta\nassessed_by: Someone else\ndate: 2026-11-20\nratings: []\n"
    (mini_data / "assessments" / "beta.yaml").write_text(newer, encoding="utf-8")
    at.text_input(key="assessment_by_beta").input("Me")
    at.button(key="assessment_save_beta").click().run()
    said = "\n".join(e.value for e in at.error)
    assert "Not saved: someone else saved this after you opened it" in said
    assert "Reload the saved self-assessment" in said and any(
        b.key == "assessment_reload_beta" for b in at.button
    )
    assert (mini_data / "assessments" / "beta.yaml").read_text(encoding="utf-8") == newer


def test_an_empty_name_is_refused_in_words(mini_data, monkeypatch):
    at = _signed_in(monkeypatch, "beta")
    at.button(key="assessment_save_beta").click().run()
    said = "\n".join(e.value for e in at.error)
    assert "Not saved: fix these problems first" in said and "Assessed by: must not be empty" in said
    assert "assessed_by" not in said
    assert not (mini_data / "assessments" / "beta.yaml").exists()


def real_data_entered(city: str) -> bool:
    from models.loader import load_network

    found = load_network().city(city)
    return found is not None and found.city.iap_document is not None


def test_compare_page_two_cities(real_data):
    at = run_page(COMPARE, compare=["isernia", "fot"])
    said = " ".join(m.value for m in at.markdown).replace("\\", "")
    # Fót's plan is not entered (it is in no public source): the page compares no plan content.
    if not real_data_entered("fot"):
        assert "Plan not entered for Fót" in said and "Plan actions: Isernia" not in said
    assert "What is known" in [e.label.split(":")[0] for e in at.expander][0]
    counts = frame_with(at, "Isernia", "Fót")
    assert list(counts.columns) == ["", "Isernia", "Fót"]
    assert len(at.get("plotly_chart")) == 3


@pytest.mark.parametrize("chosen", [[], ["isernia"]])
def test_compare_page_asks_for_two_cities(real_data, chosen):
    at = run_page(COMPARE, compare=chosen)
    assert [i.value for i in at.info] == ["Choose at least two cities to compare."]


def test_ratings_typed_when_the_account_is_revoked_stay_on_screen(mini_data, cookie):
    from workspace import accounts

    accounts.add("Alpha team", "the team's long password", cities=("alpha",))
    cookie.token = accounts.start_session(accounts.sign_in("alpha-team", "the team's long password"))[0]
    at = AppTest.from_file(MYCITY, default_timeout=60)
    at.session_state["my_city"] = "alpha"
    at.run()
    assert not at.exception and at.button(key="assessment_save_alpha")
    at.session_state["assessment_editor_alpha"] = {
        "edited_rows": {4: {"Own rating": "Covered", "Comment": "our day centre"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.text_input(key="assessment_by_alpha").input("Alpha team")
    accounts.revoke("alpha-team")
    at.button(key="assessment_save_alpha").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Not saved: you can no longer make changes" in "\n".join(e.value for e in at.error)
    kept = "\n".join(c.value for c in at.code)
    assert "Own rating: Covered; Comment: our day centre" in kept and "Assessed by: Alpha team" in kept
    table = frame_with(at, "Own rating", "Comment")
    assert table.loc[4, "Comment"] == "our day centre"  # still in the table, read-only now
    assert not (mini_data / "assessments" / "alpha.yaml").exists()
    at.run()  # and on the next rerun too
    assert "our day centre" in "\n".join(c.value for c in at.code)
