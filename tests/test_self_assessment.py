"""Self-assessments: files validated like the rest, saved safely, shown beside the mapping
and the network's median, surviving a restart."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from analysis import assessment as assess
from analysis.frames import build_tables
from models import load_network
from models.assessments import assessment_path
from workspace import store
from workspace.assessments import read_for_editing, save


def _write(data_dir, city, text):
    folder = data_dir / "assessments"
    folder.mkdir(exist_ok=True)
    (folder / f"{city}.yaml").write_text(text, encoding="utf-8")


BETA = """city: beta
assessed_by: Beta team
date: 2026-11-01
ratings:
  - {intervention: help, beneficiary: isolated, rating: covered}
  - {intervention: identify, support_level: intensive, rating: not_relevant}
"""
GAMMA = """city: gamma
assessed_by: Gamma team
date: 2026-11-02
ratings:
  - {intervention: help, beneficiary: isolated, rating: partly, comment: only in winter}
"""


def _context(network):
    return {"vocabulary": network.vocabulary}


def test_a_saved_assessment_survives_a_restart(data_dir):
    network = load_network(data_dir)
    _, version = read_for_editing(data_dir, "alpha")
    assert version == store.MISSING
    ratings = [
        {"intervention": "help", "beneficiary": "isolated", "rating": "covered", "comment": "day centre"},
        {"intervention": "prevent", "support_level": "universal", "rating": "not_covered"},
        {"intervention": "identify", "beneficiary": "helpers", "rating": None, "comment": None},  # not rated
    ]
    save(data_dir, "alpha", "Alpha team", ratings, version, _context(network))
    reloaded = load_network(data_dir)  # a new process would do exactly this
    assert reloaded.problems == []
    saved = reloaded.assessments["alpha"]
    assert saved.assessed_by == "Alpha team"
    assert [(r.cell, r.rating, r.comment) for r in saved.ratings] == [
        (("beneficiary", "help", "isolated"), "covered", "day centre"),
        (("support_level", "prevent", "universal"), "not_covered", None),
    ]


def test_a_bad_rating_is_refused_and_nothing_is_written(data_dir):
    network = load_network(data_dir)
    with pytest.raises(ValidationError):
        save(
            data_dir,
            "alpha",
            "Alpha team",
            [{"intervention": "help", "beneficiary": "lonely", "rating": "covered"}],
            store.MISSING,
            _context(network),
        )
    assert not assessment_path(data_dir, "alpha").exists()


def test_a_save_over_a_newer_file_is_refused(data_dir):
    network = load_network(data_dir)
    _, version = read_for_editing(data_dir, "beta")
    _write(data_dir, "beta", BETA)  # someone else saved meanwhile
    with pytest.raises(store.ChangedOnDisk):
        save(data_dir, "beta", "me", [], version, _context(network))
    assert assessment_path(data_dir, "beta").read_text(encoding="utf-8") == BETA


def test_broken_assessment_files_are_named_and_the_rest_loads(data_dir):
    _write(data_dir, "beta", BETA)
    _write(data_dir, "gamma", GAMMA.replace("rating: partly", "rating: so-so"))
    _write(data_dir, "alpha", BETA)  # says city beta in alpha.yaml
    network = load_network(data_dir)
    problems = [str(p) for p in network.problems]
    assert any(
        p.startswith("assessments/gamma.yaml: ratings[1].rating: 'so-so' is not allowed") for p in problems
    )
    assert "assessments/alpha.yaml: city: is 'beta' but the file is named alpha.yaml" in problems
    assert set(network.assessments) == {"beta"}
    assert len(network.cities) == 3  # the cities are untouched


def test_one_cell_rated_twice_or_without_a_grid_is_refused(data_dir):
    _write(data_dir, "beta", BETA + "  - {intervention: help, beneficiary: isolated, rating: partly}\n")
    _write(data_dir, "gamma", GAMMA + "  - {intervention: help, rating: partly}\n")
    problems = [str(p) for p in load_network(data_dir).problems]
    assert "assessments/beta.yaml: ratings: rates the same cell more than once: help × isolated" in problems
    assert any(
        p.startswith("assessments/gamma.yaml: ratings[2]: give either a beneficiary group or a support level")
        for p in problems
    )


def test_rows_put_own_rating_beside_the_mapping_and_the_others_median(data_dir):
    _write(data_dir, "beta", BETA)
    _write(data_dir, "gamma", GAMMA)
    tables = build_tables(load_network(data_dir))
    rows = assess.assessment_rows(tables, "alpha").set_index(["grid", "intervention", "cell"])
    assert len(rows) == 16 + 12
    help_isolated = rows.loc[("beneficiary", "help", "isolated")]
    assert help_isolated["From the plan"] == "1 plan action"  # alpha-a2
    assert help_isolated["Own rating (self-reported)"] == "not rated"
    # beta covered (2), gamma partly (1): the median lies between.
    assert help_isolated["Network median (self-reported)"] == "between partly covered and covered"
    assert help_isolated["Cities rating it"] == 2
    # beta's "not relevant" is left out of the median
    intensive = rows.loc[("support_level", "identify", "intensive")]
    assert (
        intensive["Cities rating it"] == 0 and intensive["Network median (self-reported)"] == "no rating yet"
    )


def test_disagreements_between_own_rating_and_plan(data_dir):
    _write(data_dir, "beta", BETA)
    tables = build_tables(load_network(data_dir))
    rows = assess.assessment_rows(tables, "beta")
    odd = assess.disagreements(rows)
    # beta rates help x isolated as covered but none of its plan actions reaches isolated people.
    assert list(zip(odd["intervention"], odd["cell"], strict=True)) == [("help", "isolated")]
    assert "in 1 of them its rating and the mapping of its plan differ" in assess.assessment_summary(
        rows, "Beta"
    )


@pytest.mark.parametrize(
    ("scores", "said"),
    [
        ([], "no rating yet"),
        ([2], "Covered"),
        ([0, 1, 2], "Partly covered"),
        ([0, 1], "between not covered and partly covered"),
    ],
)
def test_median_label(scores, said):
    assert assess.median_label(scores) == said
