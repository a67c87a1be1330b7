"""Known, not known, and gap: no output calls a cell of a plan nobody has entered a gap.

On the bundled data the checks are driven by the data (every city whose IAP document is
not entered), so entering a plan keeps them green; a copy of data/ with Fót's plan entered
shows its cells turning from not known to covered or gap; a copy with a broken city file
keeps the city in sight with its problem.
"""

from __future__ import annotations

import io
import json
import re
import shutil

import pytest
import yaml
from conftest import MINI, REAL_DATA, ROOT, run_models
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from analysis import coverage, gaps, known
from analysis.frames import build_tables
from figures import mycity, presentation
from models.knowledge import scan_broken_file
from models.loader import load_network
from outputs import deck, report

APP = str(ROOT / "app.py")
# "gap" as a claim: the word alone or "N cells are gaps" (never "its gaps are not known", nor
# the key that defines “gap” under a grid).
GAP_CLAIM = re.compile(r"(?<!“)\bgap\b(?!”)|\bare gaps\b", re.IGNORECASE)


def _not_entered(tables) -> list[str]:
    return list(tables.cities.loc[~tables.cities["iap_entered"].astype(bool), "id"])


def _entered(tables) -> list[str]:
    return list(tables.cities.loc[tables.cities["iap_entered"].astype(bool), "id"])


def _figure_texts(fig) -> list[str]:
    texts = []
    for trace in fig.data:
        values = getattr(trace, "text", None)
        if values is None:
            continue
        texts += [str(v) for v in (values if isinstance(values, tuple | list) else [values])]
    return texts


def _deck_city_texts(tables, city: str) -> list[str]:
    pptx = Presentation(io.BytesIO(deck.deck_bytes(tables, [f"city:{city}"], "stamp")))
    city_slide = pptx.slides[1]
    texts = [city_slide.shapes.title.text]
    for shape in city_slide.shapes:
        if shape.has_table:
            texts += [cell.text for row in shape.table.rows for cell in row.cells]
        elif shape.has_text_frame:
            texts.append(shape.text_frame.text)
    return texts


# --- the bundled data: nine plans not entered ---------------------------------------------


@pytest.fixture(scope="module")
def tables():
    return build_tables(load_network(REAL_DATA))


def test_every_city_has_one_state(tables):
    assert set(tables.cities["knowledge"]) <= set(known.CELL_STATES) | {
        "plan_entered",
        "partly_known",
        "nothing_known",
        "broken",
    }
    # Isernia's IAP is in the data (sources/003): its plan is entered.
    assert tables.cities.set_index("id").loc["isernia", "knowledge"] == "plan_entered"


def test_no_output_calls_a_cell_of_an_unentered_plan_a_gap(tables):
    for city in _not_entered(tables):
        name = tables.cities.set_index("id").loc[city, "name"]
        found = gaps.city_cells(tables, city)
        assert found["gaps"] == [] and found["not_known"], city
        said = [gaps.gaps_sentence(found, tables, name)] + [
            gaps.summary(found, tables, name, across) for across in gaps.GRIDS
        ]
        view = presentation.present_view(tables, f"city:{city}")
        said += [view.title, *view.lines]
        page = mycity.mycity_view(tables, city)
        said += [page.gaps_sentence, page.focus_sentence]
        assert not any(GAP_CLAIM.search(s) for s in said), (city, said)
        for across in gaps.GRIDS:
            grid = page.grids[across]
            assert "gap" not in set(grid.numbers["Cell"]), (city, across)
            assert "gap" not in _figure_texts(grid.figure), (city, across)
        assert not any(GAP_CLAIM.search(t) for t in _deck_city_texts(tables, city)), city
        html = report.city_report_html(tables, city)
        assert 'class="gap"' not in html and "not known" in html, city


def test_entered_plans_keep_their_gaps(tables):
    for city in _entered(tables):
        found = gaps.city_cells(tables, city)
        assert found["plan_entered"] and found["not_known"] == []
        page = mycity.mycity_view(tables, city)
        empty = [across for across in gaps.GRIDS if "gap" in set(page.grids[across].numbers["Cell"])]
        assert bool(empty) == bool(found["gaps"]), city
        if found["gaps"]:
            assert 'class="gap"' in report.city_report_html(tables, city)
            assert "gap" in _deck_city_texts(tables, city)


def test_network_findings_say_what_they_rest_on(tables):
    basis = known.Basis.of(tables.cities)
    view = presentation.present_view(tables, "coverage")
    if not basis.all_entered:
        assert "cells are gaps" not in view.title
        assert basis.rests_on() in " ".join(view.lines)
        assert f"Based on {len(basis.entered)} entered plan" in basis.rests_on()
    if not basis.can_rank:
        assert presentation.present_view(tables, "gaps").title.startswith("Too little is known to compare")


def test_gaps_command_says_whether_the_plan_is_entered(tables):
    for city, expect in [(_not_entered(tables)[0], False), (_entered(tables)[0], True)]:
        done = run_models("gaps", city, "--format", "json", "--data", str(REAL_DATA), text=True, check=True)
        out = json.loads(done.stdout)
        assert out["plan_entered"] is expect
        if expect:
            assert "note" not in out and out["not_known"] == []
        else:
            assert out["gaps"] == [] and out["not_known"] and "not entered" in out["note"]


# --- a plan entered: not known turns into covered or gap ------------------------------------


@pytest.fixture(scope="module")
def fot_entered(tmp_path_factory):
    """A copy of data/ in which Fót's plan is entered, with one more action."""
    data = tmp_path_factory.mktemp("fot") / "data"
    shutil.copytree(REAL_DATA, data)
    sources = yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8"))
    sources["sources"].append(
        {
            "id": "fot-iap-test",
            "title": "Fót IAP (made up for a test)",
            "address": "https://example.org/fot-iap",
        }
    )
    (data / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True), encoding="utf-8")
    fot = yaml.safe_load((data / "cities" / "fot.yaml").read_text(encoding="utf-8"))
    fot["iap_document"] = {"title": "Fót Integrated Action Plan", "source": "fot-iap-test"}
    fot["sources"].append("fot-iap-test")
    fot["actions"].append(
        {
            "id": "fot-test-a9",
            "title": "Library chat corner",
            "kind": "iap_action",
            "description": "A made-up action of the test plan.",
            "interventions": ["identify"],
            "support_level": "intensive",
            "beneficiaries": ["isolated"],
            "model_reason": "Made up for the test.",
            "sources": ["fot-iap-test"],
        }
    )
    (data / "cities" / "fot.yaml").write_text(yaml.safe_dump(fot, allow_unicode=True), encoding="utf-8")
    network = load_network(data)
    assert network.ok, [str(p) for p in network.problems]
    return data, build_tables(network)


def test_entering_a_plan_turns_not_known_into_covered_or_gap(tables, fot_entered):
    if "fot" in _entered(tables):
        pytest.skip("Fót's plan is entered in the bundled data: the fixture network tests this")
    _, after = fot_entered
    before = gaps.city_cells(tables, "fot")
    now = gaps.city_cells(after, "fot")
    assert before["plan_entered"] is False and before["gaps"] == []
    assert now["plan_entered"] is True and now["not_known"] == [] and now["gaps"]
    # The new action covers Identify x isolated: a cell that was not known is now covered.
    was = {(e["grid"], e["intervention"], e.get("beneficiary")) for e in before["not_known"]}
    assert ("beneficiary", "identify", "isolated") in was
    assert ("beneficiary", "identify", "isolated") not in {
        (e["grid"], e["intervention"], e.get("beneficiary")) for e in now["gaps"]
    }
    page = mycity.mycity_view(after, "fot")
    assert "gap" in set(page.grids[coverage.GROUP].numbers["Cell"])
    assert "not known" not in set(page.grids[coverage.GROUP].numbers["Cell"])
    assert "gap" in _deck_city_texts(after, "fot")
    assert 'class="gap"' in report.city_report_html(after, "fot")
    assert "plan is not entered" not in presentation.present_view(after, "city:fot").title
    # Two entered plans: cities are compared again, and said to be compared among entered plans.
    assert not presentation.present_view(after, "gaps").title.startswith("Too little is known")


def test_gaps_command_on_the_copy_lists_fots_gaps(fot_entered):
    data, _ = fot_entered
    done = run_models("gaps", "fot", "--format", "json", "--data", str(data), text=True, check=True)
    out = json.loads(done.stdout)
    assert out["plan_entered"] is True and out["gaps"] and out["not_known"] == []


# --- a broken file never hides a city --------------------------------------------------------


@pytest.fixture
def serres_broken(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data)
    path = data / "cities" / "serres.yaml"
    text = path.read_text(encoding="utf-8").replace("country: Greece", "country: Greece\n  oops: [", 1)
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("IAP_DATA_DIR", str(data))
    return data


def test_a_broken_file_keeps_its_city_in_the_tables_present_and_deck(serres_broken):
    tables = build_tables(load_network(serres_broken))
    row = tables.cities.set_index("id").loc["serres"]
    assert row["knowledge"] == "broken" and row["name"] == "Serres"
    assert "serres.yaml" in row["file"] and row["file_problem"]
    assert len(tables.cities) == len(list((serres_broken / "cities").glob("*.yaml")))
    assert row["lat"] is not None  # its map position is still read from the file
    glance = presentation.present_view(tables, "glance")
    assert glance.cards[0][0] == len(tables.cities)
    view = presentation.present_view(tables, "city:serres")
    assert "data file has a problem" in view.title and view.figure is None
    texts = _deck_city_texts(tables, "serres")
    assert any("data file has a problem" in t for t in texts)
    with pytest.raises(gaps.BrokenCityFile):
        gaps.city_cells(tables, "serres")


def test_gaps_and_report_on_a_broken_city_exit_1_naming_the_file(serres_broken, tmp_path):
    for command in (["gaps", "serres"], ["report", "serres", "--out", str(tmp_path / "r.html")]):
        done = run_models(*command, "--data", str(serres_broken), text=True)
        assert done.returncode == 1, command
        assert "cities/serres.yaml" in done.stderr and "has a problem" in done.stderr
        assert "Traceback" not in done.stderr and "unknown city" not in done.stderr.lower()


def test_pages_show_the_broken_city_at_the_top(serres_broken):
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception
    assert at.metric[0].value == str(len(list((serres_broken / "cities").glob("*.yaml"))))
    assert "Serres" in at.warning[0].value and "serres" in at.warning[0].value
    for page in ("mycity", "coverage", "present", "compare"):
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert any("Serres" in w.value for w in at.warning), page


def test_scan_of_a_broken_file_reads_what_it_can():
    text = "id: skofja-loka\nname: Škofja Loka\ncountry: Slovenia\nlocation:\n  lat: 46.16\n  lon: 14.3\n  x: [\n"
    city = scan_broken_file(text, "skofja-loka", "cities/skofja-loka.yaml", ["line 7: broken"])
    assert (city.name, city.country, city.lat, city.lon) == ("Škofja Loka", "Slovenia", 46.16, 14.3)
    assert city.problem == "line 7: broken"
    unnamed = scan_broken_file("name: [\n", "beta", "cities/beta.yaml", [])
    assert unnamed.name == "beta" and unnamed.lat is None


# --- filters that do not apply say so --------------------------------------------------------


@pytest.mark.parametrize(("page", "applies"), [("coverage", True), ("mycity", False), ("progress", False)])
def test_filters_say_where_they_do_not_apply(monkeypatch, page, applies):
    monkeypatch.setenv("IAP_DATA_DIR", str(MINI))
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    said = " ".join(c.value for c in at.sidebar.caption)
    assert ("do not apply on this page" in said) is not applies
    assert all(m.disabled is not applies for m in at.sidebar.multiselect)
