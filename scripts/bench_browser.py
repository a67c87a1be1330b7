"""The browser half of `make bench`: the first chart and every click, each against a
Streamlit baseline timed in the same run (issue 16, targets 1 and 2).

- First chart: seconds from opening the address to the first plotly chart drawn, in a fresh
  browser context (nothing cached), for the first and the second visitor of a freshly
  started server; the same for a Streamlit page holding one small chart. Servers are started
  afresh for each round, rounds alternate between the app and the baseline, medians count.
- Clicks: a filter (a city added in the sidebar), a page (a link in the sidebar) and a
  Present step (its Next button), each settled in the browser: from the click to the last
  change of the page, once the page has been still for QUIET_S and Streamlit shows no
  running or loading sign. The same clicks on a baseline app of one chart with a sidebar
  filter, two pages and a Next button. Rounds alternate between the apps.

Only 127.0.0.1 is visited; every wait has a timeout.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from browser import app_process, launch  # noqa: E402

ONE_CHART_PAGE = """import plotly.graph_objects as go
import streamlit as st

st.title("One chart")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])))
"""

# The same clicks on the smallest app that has them: a sidebar filter bound to the address,
# two pages, a Next button; one small chart that each of them changes.
ONE_CHART_APP = """import plotly.graph_objects as go
import streamlit as st


def _next():
    st.session_state["step"] = st.session_state.get("step", 0) + 1


def _page(title):
    def page():
        st.title(title)
        chosen = st.session_state.get("city") or []
        step = st.session_state.get("step", 0)
        st.plotly_chart(go.Figure(go.Bar(x=["a", "b"], y=[1 + len(chosen), 2 + step])))
        st.button("Next", key="next", on_click=_next)

    return page


with st.sidebar:
    st.multiselect("Cities", [f"City {i}" for i in range(10)], key="city", bind="query-params")
pages = [
    st.Page(_page("One"), title="One", url_path="one", default=True),
    st.Page(_page("Two"), title="Two", url_path="two"),
]
st.navigation(pages).run()
"""

QUIET_S = 0.6  # the page unchanged this long: settled
CLICK_TIMEOUT_S = 60
CHART = ".js-plotly-plot .main-svg"

# Records, in the page, when the last click happened and when the document last changed.
WATCH = """
window.__lastChange = performance.now();
window.__clickAt = null;
document.addEventListener('click', () => { window.__clickAt = performance.now(); }, true);
new MutationObserver(() => { window.__lastChange = performance.now(); })
  .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""
STATE = """() => [performance.now(), window.__lastChange, window.__clickAt,
  document.querySelectorAll('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]').length]"""


def _seconds_to_first_chart(browser, address: str) -> float:
    """Seconds from page.goto to the first plotly chart drawn, in a fresh browser context."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(address, wait_until="commit")
    page.wait_for_selector(CHART, timeout=120_000)
    took = time.perf_counter() - start
    if page.locator('[data-testid="stException"]').count():
        raise RuntimeError(f"{address} shows an exception in the browser")
    context.close()
    return took


def first_chart(data_dir: Path, rounds: int = 3) -> dict:
    """Median seconds to the first chart: first and second visitor of a fresh server, for
    the app (serve.py: warmed at start) and for a one-chart Streamlit page."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {"app_first": [], "app_second": [], "one_first": [], "one_second": []}
    starts: dict[str, list[float]] = {"app": [], "one": []}
    with tempfile.TemporaryDirectory(prefix="iap-one-chart-") as tmp, sync_playwright() as p:
        baseline = Path(tmp) / "one_chart.py"
        baseline.write_text(ONE_CHART_PAGE, encoding="utf-8")
        browser = launch(p)
        for _ in range(rounds):
            for name, options in (("app", {"data_dir": str(data_dir)}), ("one", {"script": baseline})):
                begun = time.perf_counter()
                with app_process(**options) as (base, _process):
                    starts[name].append(time.perf_counter() - begun)
                    times[f"{name}_first"].append(_seconds_to_first_chart(browser, base))
                    times[f"{name}_second"].append(_seconds_to_first_chart(browser, base))
        browser.close()
    med = {k: statistics.median(v) for k, v in times.items()}
    return {
        "rounds": rounds,
        "first_visit_s": round(med["app_first"], 2),
        "second_visit_s": round(med["app_second"], 2),
        "one_chart_page_s": round(med["one_first"], 2),
        "one_chart_page_second_s": round(med["one_second"], 2),
        "first_visit_ratio": round(med["app_first"] / med["one_first"], 2),
        "second_visit_ratio": round(med["app_second"] / med["one_second"], 2),
        "server_start_s": round(statistics.median(starts["app"]), 1),
        "one_chart_server_start_s": round(statistics.median(starts["one"]), 1),
        "all_s": {k: [round(t, 2) for t in v] for k, v in times.items()},
    }


# --- clicks -----------------------------------------------------------------------------------


def settle_after(page, click) -> float:
    """Call `click()` (one click on the page); return seconds from the click to the page's
    last change, once it has been still for QUIET_S with nothing running or loading."""
    page.evaluate("() => { window.__clickAt = null; }")
    click()
    deadline = time.monotonic() + CLICK_TIMEOUT_S
    while time.monotonic() < deadline:
        now, last, clicked, busy = page.evaluate(STATE)
        if clicked is not None and not busy and last > clicked and now - last >= QUIET_S * 1000:
            return (last - clicked) / 1000
        time.sleep(0.05)
    raise TimeoutError("the page did not settle after a click")


def _open(browser, address: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(WATCH)
    page = context.new_page()
    page.goto(address)
    page.wait_for_selector(CHART, timeout=120_000)
    wait_still(page)
    return context, page


def wait_still(page) -> None:
    """Until the page has not changed for QUIET_S and nothing runs or loads."""
    deadline = time.monotonic() + CLICK_TIMEOUT_S
    while time.monotonic() < deadline:
        now, last, _, busy = page.evaluate(STATE)
        if not busy and now - last >= QUIET_S * 1000:
            return
        time.sleep(0.05)
    raise TimeoutError("the page kept changing")


def _add_city(page, number: int):
    """The sidebar's first multiselect: open it, choose its `number`th option still offered."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    box.click()
    option = page.locator('[role="option"]').nth(number)
    option.wait_for(timeout=10_000)
    return option


def _page_clicks(page, pages: tuple[str, str]) -> list[float]:
    """To the first page of `pages` and back, by the sidebar's links."""
    out = []
    for title in pages:
        link = page.locator('[data-testid="stSidebarNav"] a', has_text=title).first
        out.append(settle_after(page, link.click))
        page.wait_for_selector(CHART, timeout=60_000)
    return out


def _one_round(browser, name: str, base: str, found: dict) -> None:
    """Each kind of click once (a page change twice) on a newly opened app."""
    app = name != "one_chart"
    context, page = _open(browser, base)
    try:
        option = _add_city(page, 1)
        found["filter"].append(settle_after(page, option.click))
        page.keyboard.press("Escape")
        wait_still(page)
        found["page"] += _page_clicks(page, ("Coverage", "Overview") if app else ("Two", "One"))
        if app:  # the Present page, opened as a presenter does; then its Next button
            page.goto(base + "/present")
            page.wait_for_selector(CHART, timeout=120_000)
            wait_still(page)
        button = page.locator(f".st-key-{'present_next' if app else 'next'} button").first
        found["step"].append(settle_after(page, button.click))
        if page.locator('[data-testid="stException"]').count():
            raise RuntimeError(f"{name}: an exception is shown")
    finally:
        context.close()


def clicks(data_dirs: dict[int, Path], rounds: int = 3) -> dict:
    """Median seconds a click takes to settle, per kind, for the app at each size and for
    the baseline app; and their ratios."""
    import contextlib

    from playwright.sync_api import sync_playwright

    kinds = ("filter", "page", "step")
    with tempfile.TemporaryDirectory(prefix="iap-one-chart-app-") as tmp, sync_playwright() as p:
        baseline = Path(tmp) / "one_chart_app.py"
        baseline.write_text(ONE_CHART_APP, encoding="utf-8")
        browser = launch(p)
        servers = {f"app{size}": {"data_dir": str(d)} for size, d in data_dirs.items()}
        servers["one_chart"] = {"script": baseline}
        found = {name: {kind: [] for kind in kinds} for name in servers}
        with contextlib.ExitStack() as stack:
            bases = {
                name: stack.enter_context(app_process(**options))[0] for name, options in servers.items()
            }
            for _ in range(rounds):  # the apps in turn, so that the machine's moods fall on each
                for name, base in bases.items():
                    _one_round(browser, name, base, found[name])
        browser.close()
    medians = {
        name: {k: round(statistics.median(v), 3) for k, v in by_kind.items()}
        for name, by_kind in found.items()
    }
    result = {
        "rounds": rounds,
        "quiet_s": QUIET_S,
        "median_s": medians,
        "all_s": {n: {k: [round(t, 3) for t in v] for k, v in by.items()} for n, by in found.items()},
        "ratios": {},
    }
    for size in data_dirs:
        result["ratios"][str(size)] = {
            kind: round(medians[f"app{size}"][kind] / medians["one_chart"][kind], 2) for kind in kinds
        }
    return result


if __name__ == "__main__":
    import json

    from synthetic import make_network

    with tempfile.TemporaryDirectory() as tmp:
        dirs = {n: make_network(n, Path(tmp) / f"net{n}") for n in (10, 300)}
        if "--clicks" not in sys.argv:
            print(json.dumps(first_chart(dirs[10], rounds=1), indent=2), flush=True)
        print(json.dumps(clicks(dirs, rounds=1), indent=2))
