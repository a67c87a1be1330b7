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

3. The skip link's words (SKIP_LINK). Streamlit's front end writes "Skip to main content",
   the first thing a keyboard or screen-reader user meets, in English, with no setting; a
   small script gives the link (data-testid "stSkipToContent") the page's words, and
   gives them again if Streamlit draws the link anew.
"""

from __future__ import annotations

import json

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
# the language in use where the script is sent (ui.exports.svg_toolbar).
SVG_TITLE = N_("Download plot as SVG")
SVG_BUTTON = """<script>
(function () {
  if (window.__svgToolbar) { return; }
  window.__svgToolbar = true;
  function add(plot) {
    var bar = plot.querySelector('.modebar');
    var camera = bar && bar.querySelector('[data-title^="Download plot"]');
    if (!camera || bar.querySelector('.svg-download')) { return; }
    var button = document.createElement('a');
    button.className = 'modebar-btn svg-download';
    button.setAttribute('rel', 'tooltip');
    button.setAttribute('data-title', 'Download plot as SVG');
    button.setAttribute('data-gravity', 'n');
    button.textContent = 'SVG';
    button.style.cssText = 'display: inline-block; box-sizing: border-box; height: 22px; padding: 5px 4px; ' +
      'font: bold 10px/12px sans-serif; color: rgba(68, 68, 68, 0.5); cursor: pointer; vertical-align: top;';
    button.addEventListener('click', function () {
      var options = plot._context && plot._context.toImageButtonOptions;
      if (!options) { return; }
      var before = options.format;
      options.format = 'svg';
      camera.dispatchEvent(new MouseEvent('click', {bubbles: true}));
      options.format = before;
    });
    camera.parentNode.insertBefore(button, camera.nextSibling);
  }
  function scan() { document.querySelectorAll('.js-plotly-plot').forEach(add); }
  new MutationObserver(scan).observe(document.body, {childList: true, subtree: true});
  scan();
})();
</script>
"""


# Point 3: the skip link in the page's language. Sent on every run (the words follow the
# language chosen); the watcher is set up once per browser tab.
SKIP_TEXT = N_("Skip to main content")
_SKIP_LINK = """<script>
(function () {
  window.__skipWords = WORDS;
  function put() {
    var link = document.querySelector('[data-testid="stSkipToContent"]');
    if (link && link.textContent !== window.__skipWords) { link.textContent = window.__skipWords; }
  }
  if (!window.__skipLink) {
    window.__skipLink = true;
    new MutationObserver(put).observe(document.body, {childList: true, subtree: true});
  }
  put();
})();
</script>
"""


def skip_link_script(words: str) -> str:
    """The script that writes `words` (SKIP_TEXT in the page's language) into the skip link."""
    return _SKIP_LINK.replace("WORDS", json.dumps(words))
