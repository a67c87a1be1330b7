"""Problems found in the data are made once, in English, before anyone reads them (the loaded
network is shared by every reader): each keeps its English template and values, so that a page
says it in its reader's language while the validator's report stays as it was."""

from __future__ import annotations

import copy
import pickle

from models.files import WHOLE_FILE, Problem, read_yaml
from models.messages import plain_message
from words.i18n import N_, in_language, said, use_language


def test_a_problem_is_english_as_text_and_french_when_said_in_french():
    problem = Problem("cities/agen.yaml", "actions[agen-a1].budget", plain_message({"type": "missing"}))
    assert (
        str(problem)
        == "cities/agen.yaml: actions[agen-a1].budget: is missing; add it (use null if it is unknown)"
    )
    with use_language("fr"):
        assert problem.said() == "est absent\u00a0; ajoutez-le (null s'il est inconnu)"
        assert problem.in_words().startswith("cities/agen.yaml: actions[agen-a1].budget: est absent")
    with use_language("en"):
        assert problem.said() == "is missing; add it (use null if it is unknown)"


def test_the_values_of_a_problem_are_kept_as_the_data_gives_them():
    message = plain_message({"type": "int_type", "input": "Total", "ctx": {}})
    assert message == "must be a whole number, not 'Total'"
    with use_language("fr"):
        # "Total" is in the catalog too, but a value is data: it is never translated.
        assert in_language(message) == "doit être un nombre entier, et non 'Total'"


def test_a_place_in_words_and_a_file_problem_are_said_in_french(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    _data, problem = read_yaml(empty, "cities/empty.yaml")
    assert problem.path == WHOLE_FILE and "is empty" in str(problem)
    with use_language("fr"):
        assert problem.where() == "(tout le fichier)"
        assert problem.said().startswith("est vide\u00a0;")


def test_a_said_text_survives_a_copy():
    text = said(N_("must be {limit} or more, not {value}"), limit=0, value="-3")
    for again in (copy.deepcopy(text), pickle.loads(pickle.dumps(text))):
        assert again == text == "must be 0 or more, not -3"
        with use_language("fr"):
            assert in_language(again) == "doit valoir au moins 0, et non -3"


def test_a_text_the_catalog_does_not_hold_is_shown_as_written():
    with use_language("fr"):
        assert in_language("a sentence no catalog holds") == "a sentence no catalog holds"
        assert in_language(said("{a} and {b}", a="x", b="y")) == "x and y"
