"""A YAML alias bomb in a hand-edited progress or self-assessment file is refused in words at
once, by the page and the command alike (issue 24, item 9): it once held "Record the value"
for over 90 seconds while the loader itself refused that file."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

from workspace import assessments

BOMB = """city: {city}
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
reports: []
"""


@pytest.fixture
def bombed(data_dir):
    for folder in ("progress", "assessments"):
        (data_dir / folder).mkdir()
        (data_dir / folder / "alpha.yaml").write_text(BOMB.format(city="alpha"), encoding="utf-8")
    return data_dir


def _with_indicator_id(data_dir):
    path = data_dir / "cities" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('target: "1 per year"}', 'target: "1 per year", id: alpha-a1-n1}'), encoding="utf-8"
    )


ADD_A_VALUE = """
import sys
from models import load_network
from workspace import progress
data_dir = sys.argv[1]
network = load_network(data_dir)
report = {"action": "alpha-a1", "indicator": "alpha-a1-n1", "value": 3, "date": "2026-05-01", "reported_by": "Eva"}
try:
    progress.add_report(data_dir, "alpha", report, {"vocabulary": network.vocabulary})
except ValueError as error:
    print(f"ValueError: {error}")
"""


def test_recording_a_value_beside_an_alias_bomb_is_refused_in_words(bombed):
    """What "Record the value" calls, in a process of its own, so that the old behaviour
    (minutes of work) fails the test instead of holding it."""
    _with_indicator_id(bombed)
    done = subprocess.run(
        [sys.executable, "-c", ADD_A_VALUE, str(bombed)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=90,
        check=False,
    )
    said = done.stdout.strip()
    assert said.startswith("ValueError: progress/alpha.yaml cannot be read as reports ("), done.stderr
    assert "uses a YAML alias (*name)" in said
    assert (bombed / "progress" / "alpha.yaml").read_text(encoding="utf-8") == BOMB.format(city="alpha")


def test_the_self_assessment_beside_an_alias_bomb_is_refused_in_words(bombed):
    with pytest.raises(ValueError, match="uses a YAML alias"):
        assessments.read_for_editing(bombed, "alpha")


def test_the_commands_report_an_alias_bomb_in_words(bombed):
    done = subprocess.run(
        [sys.executable, "-m", "models", "validate", "--data", str(bombed)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert "progress/alpha.yaml: (whole file): line 3: uses a YAML alias" in done.stdout + done.stderr


def test_the_pages_show_an_alias_bomb_in_words(bombed, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("IAP_DATA_DIR", str(bombed))
    at = AppTest.from_file(str(ROOT / "pages" / "mycity.py"), default_timeout=120)
    at.session_state["my_city"] = "alpha"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("uses a YAML alias" in e.value for e in at.error), [e.value for e in at.error]
