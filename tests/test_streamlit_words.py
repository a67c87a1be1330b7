"""Streamlit's own words, where Streamlit lets the page choose them: an empty cell of a table
reads as empty (or as what it means, "not rated"), never "None"; a multiselect says in the page's
language what to choose, never Streamlit's English "Choose options"; a selectbox that starts
empty says the same of its choice. Checked on the source of every page and UI helper, so a new
table or selector is held to it the day it is written."""

from __future__ import annotations

import ast

import pytest
from conftest import ROOT

FILES = sorted([*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py"), ROOT / "app.py"])


def _calls(path, names):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in names:
            yield node, {k.arg for k in node.keywords}, {k.arg: k.value for k in node.keywords}


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_an_empty_table_cell_never_reads_none(path):
    bare = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for node, given, _ in _calls(path, {"dataframe", "data_editor"})
        if "placeholder" not in given
    ]
    assert bare == [], "tables that would show 'None' in an empty cell: pass placeholder"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_selector_says_what_to_choose_in_the_page_language(path):
    bare = []
    for node, given, values in _calls(path, {"multiselect", "selectbox"}):
        starts_empty = node.func.attr == "multiselect" or (
            isinstance(values.get("index"), ast.Constant) and values["index"].value is None
        )
        # a helper that hands on **kwargs sets the placeholder with setdefault (ui/editing.py)
        if starts_empty and "placeholder" not in given and None not in given:
            bare.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bare == [], "selectors that would show Streamlit's English placeholder: pass placeholder=_()"


def test_the_self_assessment_says_not_rated(real_data):
    from conftest import run_page

    from words.i18n import _

    at = run_page(str(ROOT / "pages" / "mycity.py"), my_city="isernia")
    editors = [e for e in at.get("dataframe") if e.proto.editing_mode]
    assert editors, "the self-assessment editor is drawn"
    assert {e.proto.placeholder for e in editors} == {_("not rated")}
    assert {e.proto.placeholder for e in at.get("dataframe") if not e.proto.editing_mode} == {""}
