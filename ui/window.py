"""The size of the reader's window, for what only the server can size: the type inside a
plotly chart is set in pixels when the figure is built, so Present's charts need the window's
size to grow with a 4K projector as the page's own words do (CSS scales those).

A Streamlit component (st.components.v2, its public API) reports the window's width and
height once when the page opens and again when the window is resized for good (after half a
second without change); it reports nothing while the size is the one already known, so a
window of the same size costs no run of the page."""

from __future__ import annotations

import streamlit as st

# Runs in the page (no frame): the window's size in CSS pixels, as [width, height].
_JS = """
export default function (component) {
  const { data, setStateValue } = component;
  const known = (data && data.known) || null;
  let last = known ? known.join('x') : '';
  let wait = null;
  const report = () => {
    const size = [window.innerWidth, window.innerHeight];
    if (size.join('x') === last) return;
    last = size.join('x');
    setStateValue('size', size);
  };
  report();
  const later = () => { clearTimeout(wait); wait = setTimeout(report, 500); };
  window.addEventListener('resize', later);
  return () => { clearTimeout(wait); window.removeEventListener('resize', later); };
}
"""

_window = st.components.v2.component("iap_window_size", js=_JS)


def window_size(key: str = "window_size") -> tuple[int, int] | None:
    """The reader's window as (width, height) in CSS pixels; None until the browser has
    said it (the first run of a page, or AppTest, which has no browser). Mounts the
    component: call it once per run, where its empty element takes no room."""
    known = st.session_state.get(f"{key}_known")
    result = _window(key=key, data={"known": known}, on_size_change=lambda: None)
    size = getattr(result, "size", None) or known
    if not size or len(size) != 2:
        return None
    st.session_state[f"{key}_known"] = [int(size[0]), int(size[1])]
    return int(size[0]), int(size[1])
