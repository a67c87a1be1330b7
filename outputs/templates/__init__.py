"""The HTML reports' templates (Jinja2) and the one environment that renders them.

Autoescaping is on for every template: any value written with `{{ ... }}` is HTML-escaped,
so text from the data reaches a page only escaped. `Markup` is kept for HTML and script the
code builds itself (a chart's JSON, plotly.js). A variable a template names but is not given
fails the rendering (StrictUndefined) instead of showing as an empty string; a value that
is None (a text the data leaves out) is written as nothing, not as "None".

The templates' own words are written `{{ _("...") }}` (Jinja2's i18n extension, new style:
`{{ _("%(n)s cities", n=3) }}` escapes its values) and come from the interface's catalog in
the language in use (words/i18n.py), like every other text.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from words.i18n import gettext, ngettext, pgettext

ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    finalize=lambda value: "" if value is None else value,  # a missing text shows as nothing
    extensions=["jinja2.ext.i18n"],
)
# Looked up at each call, so a report rendered inside use_language("fr") is in French.
ENVIRONMENT.install_gettext_callables(gettext, ngettext, newstyle=True, pgettext=pgettext)


def render(template: str, **context) -> str:
    """The template (a file name in this folder) rendered with `context`."""
    return ENVIRONMENT.get_template(template).render(**context)
