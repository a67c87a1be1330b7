"""The one place that leans on parts of Streamlit (and of the plotly.js it bundles) that
are not public API. Nothing else in the app may: every other module uses documented
interfaces. tests/test_streamlit_private.py checks each part below against the installed
Streamlit and fails with a plain message when an upgrade moves or changes it.

1. The legacy mode for a folder named `pages/` (multipage apps "v1"). Streamlit runs
   pages/NAME.py on its own, without app.py, for a deep link such as /coverage?city=Fót
   until app.py has called st.navigation once in the server's life. No public switch turns
   that mode off (the public way round is a folder not named `pages/`); st.navigation turns
   it off by setting the class attribute PagesManager.uses_pages_directory to False, and so
   does leave_pages_folder_mode.

2. The chart toolbar's "SVG" button (SVG_BUTTON). Plotly's public way to add a button is
   the config's `modeBarButtonsToAdd` with a `click` function calling the public
   Plotly.downloadImage(gd, {format: 'svg', filename}); neither reaches a Streamlit chart:
   st.plotly_chart sends the config as JSON (a function cannot travel in it), and the page
   has no global `Plotly` to call. So a small script beside the camera button asks plotly's
   own camera for an SVG, reading the format from the chart's config at each click: plotly's
   `gd._context.toImageButtonOptions`, the object the camera reads.

3. The skip link's words (static/skip-link.js). Streamlit's front end writes "Skip to main content",
   the first thing a keyboard or screen-reader user meets, in English, with no setting; a
   small script gives the link (data-testid "stSkipToContent") the page's words, and
   gives them again if Streamlit draws the link anew.
"""

from __future__ import annotations

import html
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager

from words.i18n import N_


def in_pages_folder_mode() -> bool:
    """Is Streamlit running a `pages/` file on its own (the legacy mode, point 1)?"""
    return bool(PagesManager.uses_pages_directory)


def leave_pages_folder_mode() -> bool:
    """Switch the legacy `pages/` mode off for the server, as st.navigation does; True when it
    was on (the caller then reruns, from app.py)."""
    if not in_pages_folder_mode():
        return False
    PagesManager.uses_pages_directory = False
    return True


# Point 2: an "SVG" button in every chart's toolbar, beside the camera (PNG). The script runs
# once per browser tab and watches for charts drawn later. Its tooltip is SVG_TITLE, put in
# the language in use where the script is sent (ui.exports.svg_toolbar, as data-title).
SVG_TITLE = N_("Download plot as SVG")
# A file of the app's own origin (static/, served at /app/static/), not an inline script: the
# Content-Security-Policy of `make network` allows only the site's own scripts.
SVG_SCRIPT = Path(__file__).resolve().parent.parent / "static" / "svg-toolbar.js"
SVG_SCRIPT_URL = "/app/static/svg-toolbar.js"
SVG_BUTTON = SVG_SCRIPT.read_text(encoding="utf-8")


# Point 3: the skip link in the page's language. Like the SVG button, a file of the app's own
# origin (static/skip-link.js) given the words in a data attribute: no inline script.
SKIP_TEXT = N_("Skip to main content")
SKIP_SCRIPT_URL = "/app/static/skip-link.js"


def skip_link_script(words: str) -> str:
    """The script element that writes `words` (SKIP_TEXT in the page's language) into the skip link."""
    return f'<script src="{SKIP_SCRIPT_URL}" data-words="{html.escape(words, quote=True)}"></script>'
