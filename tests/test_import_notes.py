"""The import's review notes and the drafted "why it is placed there": a draft stores what was
found (templates with values, the place's ids and words), and each reader gets them in their
own language where they are shown, on the Import a plan page included."""

from __future__ import annotations

from contextvars import ContextVar
from pathlib import Path

from babel.messages.pofile import read_po
from conftest import REAL_DATA
from test_page_import_plan import drafted, editing, signed_in  # noqa: F401 - editing is a fixture

from formats.drafts import read_draft, save_draft
from formats.plans import draft_plan, read, read_document
from formats.plans.notes import placement_reason, said_note
from models import load_network
from words import i18n
from words.i18n import LOCALE_DIR, use_language

VOCAB = load_network(REAL_DATA).vocabulary
PLANS = Path(__file__).parent / "fixtures" / "plans"
NBSP = "\u00a0"
NNBSP = "\u202f"  # between thousands in French (Babel)


def festival_week() -> dict:
    """Testford's third action: €3,000 stated, a funder no rule knows (Grove Trust)."""
    data = (PLANS / "testford-en-tables.txt").read_bytes()
    draft = draft_plan(read(read_document(data, "testford.txt"), VOCAB), "testcity", vocabulary=VOCAB)
    return draft["actions"][2]


def test_a_draft_stores_what_was_found_not_sentences():
    entry = festival_week()
    assert all(set(item) <= {"note", "values"} for item in entry["review"])
    budget = next(item for item in entry["review"] if item["note"].startswith("budget:"))
    assert budget["values"]["amount"] == 3000 and budget["values"]["currency"] == "EUR"
    assert entry["placement"]["interventions"] == {
        "ids": ["awareness"],
        "words": {"awareness": ["aware", "event", "school", "campaign"]},
        "sureness": "clear",
    }
    # The action itself keeps the English reason, for the record.
    assert entry["action"]["model_reason"].startswith("Suggested by keyword rules, to be checked.")


def test_every_note_template_has_its_french():
    with (LOCALE_DIR / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        french = {m.id: m.string for m in read_po(handle, locale="fr") if m.id}
    templates = {item["note"] for item in festival_week()["review"]}
    assert templates and all(french.get(t) for t in templates), templates - set(french)


def test_the_notes_in_english():
    entry = festival_week()
    with use_language("en"):
        said = [said_note(item, VOCAB) for item in entry["review"]]
    assert said[:3] == [
        "budget: €3,000 read from “40 € per participant, 3 000 € in all”",
        "funding: no funder the rules know is named; choose the source",
        "funding: the plan names Grove Trust",
    ]
    assert said[3] == (
        "placement: Suggested by keyword rules, to be checked. Interventions: Raise awareness "
        "(words: aware, event, school, campaign), clear match. Support levels: Targeted support "
        "(words: school), weak match. Beneficiary groups: All citizens (words: all residents), weak match."
    )


def test_the_notes_and_the_reason_in_french():
    entry = festival_week()
    with use_language("fr"):
        said = [said_note(item, VOCAB) for item in entry["review"]]
        reason = placement_reason(entry["placement"], VOCAB)
    assert (
        said[0]
        == f"budget{NBSP}: 3{NNBSP}000{NBSP}€, lu dans «{NBSP}40 € per participant, 3 000 € in all{NBSP}»"
    )
    assert said[2] == f"financement{NBSP}: le plan cite ceci{NBSP}: Grove Trust"
    assert reason.startswith("Proposé par les règles de mots-clés, à vérifier.")
    assert (
        f"Interventions{NBSP}: Sensibiliser (mots{NBSP}: aware, event, school, campaign), correspondance nette"
        in reason
    )
    assert f"Groupes de bénéficiaires{NBSP}: Tous les habitants" in reason
    # No English left but the plan's own words.
    for text in [*said, reason]:
        for english in ("read from", "Suggested", "match", "funding:", "words:", "to choose"):
            assert english not in text


def test_axes_left_to_choose_are_named_in_the_language():
    # An action in which no keyword of any axis is written (the fixture plans' actions all have
    # some, now that Hungarian has words for support levels and helpers).
    data = (
        "Akció 1 – Próbaprojekt\nLeírás: A részleteket a partnerekkel döntjük el.\nKöltség: 1 200 000 HUF\n"
    )
    entry = draft_plan(read(read_document(data.encode(), "p.txt"), VOCAB), "testcity", vocabulary=VOCAB)[
        "actions"
    ][0]
    with use_language("fr"):
        said = [said_note(item, VOCAB) for item in entry["review"]]
    assert (
        f"à choisir{NBSP}: interventions, niveaux de soutien et groupes de bénéficiaires (aucun mot-clé trouvé)"
        in said
    )
    assert said[0].startswith(f"budget{NBSP}: le plan indique 1{NNBSP}200{NNBSP}000{NBSP}HUF, pas des euros")


def test_a_saved_draft_reads_back_and_says_the_same(tmp_path):
    entry = festival_week()
    draft = {
        "city": "testcity",
        "source": "testcity-iap",
        "document": "t.txt",
        "confirmed": [],
        "actions": [entry],
    }
    back, problem = read_draft(save_draft(tmp_path, draft))
    assert problem is None
    with use_language("fr"):
        assert [said_note(i, VOCAB) for i in back["actions"][0]["review"]] == [
            said_note(i, VOCAB) for i in entry["review"]
        ]


def test_a_note_of_an_older_draft_is_shown_as_written():
    with use_language("fr"):
        assert said_note("title: copied from the plan; check it") == "title: copied from the plan; check it"


def test_the_page_says_the_notes_and_the_reason_in_french(editing, monkeypatch):  # noqa: F811 - the fixture
    # The page alone (no app.py to read ?lang=fr), in French from the start of its run.
    monkeypatch.setattr(i18n, "_LANGUAGE", ContextVar("interface_language", default="fr"))
    at = drafted(signed_in())
    notes = "\n".join(w.value for w in at.warning)
    assert "À vérifier avant de confirmer" in notes
    assert "Suggested by" not in notes and "read from" not in notes and "{" not in notes
    reason = at.text_area(key="iap:testville:testville-a2:reason").value
    assert reason.startswith("Proposé par les règles de mots-clés, à vérifier.")
