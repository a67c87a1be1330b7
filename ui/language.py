"""The interface's language: chosen in the sidebar, kept in the address (?lang=fr).

The choice is a widget whose value is written into the address, so a link or a reload keeps
the language; app.py reads it before anything is drawn and runs the whole page in it
(words.i18n.use_language). A fragment reruns without app.py: `keeps_language` gives it the
language of the run that drew it.
"""

from __future__ import annotations

import functools
import html

import streamlit as st

from words.i18n import (
    SOURCE_LANGUAGE,
    _,
    known_language,
    language,
    language_name,
    languages,
    use_language,
    written_as,
)

LANGUAGE_KEY = "lang"


def chosen_language() -> str:
    """The language asked for (the widget's value, else the address's ?lang=), before the
    widget is drawn: English when none is asked for or no catalog exists for it."""
    asked = st.session_state.get(LANGUAGE_KEY) or st.query_params.get(LANGUAGE_KEY)
    return known_language(asked)


def sidebar_language() -> None:
    """The language choice in the sidebar (only when a catalog besides English exists), and
    the address kept saying it."""
    offered = languages()
    if len(offered) < 2:
        return
    if st.session_state.get(LANGUAGE_KEY) not in offered:
        st.session_state[LANGUAGE_KEY] = chosen_language()
    code = st.sidebar.selectbox(
        _("Language"),
        offered,
        format_func=language_name,
        key=LANGUAGE_KEY,
        help=_("The dashboard's own words; the plans' texts stay in the language they were written in."),
    )
    _keep_in_address(code)
    # The page says which language it is in, for screen readers and the browser's own
    # translation offer (Streamlit writes <html lang="en"> whatever the page says).
    # A file of the app's own origin, not an inline script (the CSP of `make network`).
    st.sidebar.html(
        f'<script src="/app/static/page-language.js" data-lang="{html.escape(written_as(code), quote=True)}"></script>',
        unsafe_allow_javascript=True,
    )


def _keep_in_address(code: str) -> None:
    # Not bound with bind="query-params": that writes the option as shown ("Français"), and
    # the address is to say ?lang=fr. A page link drops the address's parameters; the next
    # run writes it back, so a link copied from any page opens in the same language.
    if code == SOURCE_LANGUAGE:
        if LANGUAGE_KEY in st.query_params:
            del st.query_params[LANGUAGE_KEY]
    elif st.query_params.get(LANGUAGE_KEY) != code:
        st.query_params[LANGUAGE_KEY] = code


def keeps_language(fragment):
    """For a function that st.fragment reruns on its own: it runs in the language of the
    page run that defined it. Decorate under @st.fragment."""
    code = language()

    @functools.wraps(fragment)
    def in_language(*args, **kwargs):
        with use_language(code):
            return fragment(*args, **kwargs)

    return in_language
