"""The house rules of the code's shape (scripts/house_rules.py), which `make lint` runs once
over the code: here, that each rule catches what it must and lets pass what it may, and that
the code keeps them."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import house_rules  # noqa: E402

UNEXPLAINED = """
def draw():
    import plotly.express as px
    return px
"""

EXPLAINED = """
def draw():
    # heavy: plotly is loaded only when a chart is drawn
    import plotly.express as px
    return px


def load():
    # a cycle: models imports this module
    from models import loader
    from workspace import store

    return loader, store
"""


def test_an_import_inside_a_function_without_a_reason_is_caught():
    assert house_rules.unexplained_inner_imports(UNEXPLAINED) == [(3, "import plotly.express as px")]


def test_an_import_inside_a_function_with_its_reason_passes():
    assert house_rules.unexplained_inner_imports(EXPLAINED) == []


def test_a_comment_without_a_reason_is_not_enough():
    text = UNEXPLAINED.replace("    import plotly", "    # plotly\n    import plotly")
    assert house_rules.unexplained_inner_imports(text) == [(4, "import plotly.express as px")]


def test_private_streamlit_plotly_and_pptx_imports_are_caught():
    text = (
        "import streamlit as st\n"
        "from streamlit.runtime.scriptrunner import get_script_run_ctx\n"
        "import streamlit.proto.ForwardMsg_pb2\n"
        "from plotly._subplots import make_subplots\n"
        "from pptx.oxml.ns import qn\n"
        "from pptx._private import thing\n"
    )
    assert house_rules.private_imports(text) == [
        (2, "streamlit.runtime.scriptrunner"),
        (3, "streamlit.proto.ForwardMsg_pb2"),
        (4, "plotly._subplots"),
        (6, "pptx._private"),
    ]


def test_a_breach_is_named_with_its_file_and_line(tmp_path):
    (tmp_path / "ui").mkdir()
    (tmp_path / "app.py").write_text("import streamlit\n", encoding="utf-8")
    (tmp_path / "serve.py").write_text("", encoding="utf-8")
    (tmp_path / "ui" / "page.py").write_text(
        UNEXPLAINED + "from streamlit.web import cli\n", encoding="utf-8"
    )
    (tmp_path / "ui" / "streamlit_private.py").write_text("from streamlit.web import cli\n", encoding="utf-8")
    found = house_rules.breaches(tmp_path)
    assert len(found) == 2
    assert found[0].startswith("ui/page.py:3: an import inside a function")
    assert found[1] == "ui/page.py:5: imports streamlit.web: use ui/streamlit_private.py or a public API"


def test_the_code_keeps_the_house_rules():
    """The same check `make lint` runs, so that `pytest` alone still catches a breach."""
    assert house_rules.breaches() == []
