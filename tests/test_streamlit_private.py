"""The parts of Streamlit (and of the plotly.js it bundles) that are not public API, all in
ui/streamlit_private.py, checked against the installed Streamlit. When one of these tests
fails after an upgrade, read its message, then ui/streamlit_private.py: the part it names
moved or changed meaning, and the app would silently lose what it gives."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
import streamlit
from conftest import ROOT

from ui import streamlit_private

UPGRADE = f"(Streamlit {streamlit.__version__}; see ui/streamlit_private.py)"


# --- 1. the legacy mode for a folder named pages/ ------------------------------------------------


def test_pages_manager_still_has_the_legacy_pages_folder_switch():
    from streamlit.runtime import pages_manager

    manager = getattr(pages_manager, "PagesManager", None)
    assert manager is not None, f"streamlit.runtime.pages_manager.PagesManager is gone {UPGRADE}"
    assert "uses_pages_directory" in vars(manager), (
        f"PagesManager.uses_pages_directory is gone: deep links may run a page without the frame {UPGRADE}"
    )
    source = inspect.getsource(manager)
    assert re.search(r"uses_pages_directory\s*=\s*Path\(.*\n?.*pages", source), (
        f"PagesManager no longer sets uses_pages_directory from a pages/ folder {UPGRADE}"
    )


def test_st_navigation_still_switches_the_legacy_mode_off_the_same_way():
    from streamlit.commands import navigation

    source = inspect.getsource(navigation.navigation)
    assert "PagesManager.uses_pages_directory = False" in source, (
        f"st.navigation no longer turns the pages/ mode off through PagesManager.uses_pages_directory {UPGRADE}"
    )


def test_the_script_runner_still_reads_the_switch():
    from streamlit.runtime.scriptrunner import script_runner

    assert "PagesManager.uses_pages_directory" in inspect.getsource(script_runner), (
        f"the script runner no longer consults PagesManager.uses_pages_directory {UPGRADE}"
    )


def test_leaving_the_pages_folder_mode(monkeypatch):
    from streamlit.runtime.pages_manager import PagesManager

    monkeypatch.setattr(PagesManager, "uses_pages_directory", True)
    assert streamlit_private.in_pages_folder_mode()
    assert streamlit_private.leave_pages_folder_mode() is True
    assert PagesManager.uses_pages_directory is False
    assert streamlit_private.leave_pages_folder_mode() is False  # already off: no rerun asked
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)  # not decided yet: off
    assert streamlit_private.leave_pages_folder_mode() is False


# --- 2. the SVG button of the chart toolbar ---------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_plotly() -> str:
    folder = Path(streamlit.__file__).parent / "static" / "static" / "js"
    found = sorted(folder.glob("PlotlyChart.*.js"))
    assert found, f"Streamlit's plotly chart bundle (static/js/PlotlyChart.*.js) is gone {UPGRADE}"
    return "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in found)


def test_plotly_camera_still_reads_its_format_from_the_chart_config_at_each_click(bundled_plotly):
    # The SVG button flips gd._context.toImageButtonOptions.format to 'svg' around a click on
    # the camera: the camera must read that object when clicked.
    pattern = (
        r"click:function\((\w)\)\{var (\w)=\1\._context\.toImageButtonOptions,\w+=\{format:\2\.format\|\|"
    )
    assert re.search(pattern, bundled_plotly), (
        f"plotly's camera button no longer reads gd._context.toImageButtonOptions when clicked: "
        f"the SVG button would save a PNG {UPGRADE}"
    )


def test_the_toolbar_still_has_the_marks_the_svg_script_looks_for(bundled_plotly):
    for mark, what in [
        ("js-plotly-plot", "the class of a chart's element"),
        ("modebar-btn", "the class of a toolbar button"),
        ("Download plot", "the camera button's title"),
        ("data-title", "the attribute holding a button's title"),
    ]:
        assert mark in bundled_plotly, f"plotly's toolbar lost {what} ({mark!r}) {UPGRADE}"
        assert mark in streamlit_private.SVG_BUTTON


def test_a_plotly_config_still_travels_as_json():
    # Why the button is not a modeBarButtonsToAdd entry with a click function: st.plotly_chart
    # sends the config as JSON. If this changes, the public route may have opened.
    from streamlit.elements import plotly_chart

    assert "json.dumps(config)" in inspect.getsource(plotly_chart), (
        f"st.plotly_chart no longer sends its config as JSON: a modeBarButtonsToAdd button with a "
        f"click function may now be possible - the public way for the SVG button {UPGRADE}"
    )


# --- nothing else leans on private parts -----------------------------------------------------------
# Checked once over the code by scripts/house_rules.py (`make lint`; tests/test_layout.py).


# --- 3. the skip link's words ----------------------------------------------------------------


def test_the_skip_link_is_still_where_the_script_looks():
    folder = Path(streamlit.__file__).parent / "static" / "static" / "js"
    bundles = [p.read_text(encoding="utf-8", errors="replace") for p in folder.glob("index.*.js")]
    assert any("stSkipToContent" in text and streamlit_private.SKIP_TEXT in text for text in bundles), (
        f"Streamlit's skip link (data-testid stSkipToContent, 'Skip to main content') moved: "
        f"it stays English in every language {UPGRADE}"
    )


def test_the_skip_link_script_carries_the_words_in_an_attribute_of_an_own_origin_script():
    script = streamlit_private.skip_link_script('Aller au « contenu » "principal"')
    # No inline script (the Content-Security-Policy of `make network` refuses one): a file of the
    # app's own origin, the words escaped into its data attribute.
    assert script.startswith(f'<script src="{streamlit_private.SKIP_SCRIPT_URL}"')
    assert 'data-words="Aller au « contenu » &quot;principal&quot;"' in script
    served = ROOT / "static" / Path(streamlit_private.SKIP_SCRIPT_URL).name
    assert '[data-testid="stSkipToContent"]' in served.read_text(encoding="utf-8")
