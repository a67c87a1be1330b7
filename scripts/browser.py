"""Drive the app in Debian's headless Chromium: shared by the browser tests and by
`python scripts/browser.py` for screenshots while developing.

    python scripts/browser.py coverage /tmp/coverage.png [--port 8600] [--query "city=Fót"]

Filters in the address use the names shown in the sidebar (city=Fót, kind=Plan action).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def is_outside(url: str) -> bool:
    """A request that leaves this machine (the app must work without internet)."""
    from urllib.parse import urlparse

    host = urlparse(url).hostname
    return host not in (None, "127.0.0.1", "localhost") and not url.startswith(("data:", "blob:"))


def free_port() -> int:
    """A port free at this moment (kept for older callers). Another process may take it
    before it is bound again: to start the app, leave the port to app_process/running_app."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(port: int | None = None, data_dir: str | None = None):
    """Start the app (`streamlit run serve.py`: app.py, warmed up) on localhost; yield its
    base address once it answers; stop it."""
    with app_process(port, data_dir) as (base, _process):
        yield base


@contextlib.contextmanager
def app_process(port: int | None = None, data_dir: str | None = None, script: Path | None = None):
    """As running_app, yielding (base address, the server's Popen) for measurements;
    `script` serves another Streamlit script instead of app.py (a baseline page).

    Without a `port` the server binds port 0 and the system gives it a free one, read back
    from the address it prints: no port is chosen here and then bound there, so two servers
    started at once (two pytest workers) can never be handed the same one."""
    env = dict(os.environ)
    if data_dir:
        env["IAP_DATA_DIR"] = data_dir
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script or ROOT / "serve.py"),
            "--server.port",
            str(port or 0),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    said: list[str] = []
    bound = threading.Event()
    threading.Thread(target=_read_output, args=(process, said, bound), daemon=True).start()
    try:
        if not bound.wait(180) or not said or process.poll() is not None:
            raise RuntimeError("the app did not start: " + "".join(said[-20:]))
        base = f"http://127.0.0.1:{_bound_port(said)}"
        # Ready when it answers its health check: the socket is bound (and takes connections)
        # before the server has warmed up (serve.py), and requests would wait for that.
        deadline = time.monotonic() + 180
        while True:
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{base}/_stcore/health", timeout=30),
            ):
                break
            if process.poll() is not None:
                raise RuntimeError("".join(said[-20:]))
            if time.monotonic() > deadline:
                raise RuntimeError("the app did not start within 180 seconds")
            bound.wait(0.1)  # a poll interval (answers come quickly once warmed up)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@contextlib.contextmanager
def running_network(data_dir: str, caddy_data: str, env: dict | None = None, tries: int = 3):
    """`make network` (the app on loopback, Caddy's HTTPS in front, its local authority kept in
    `caddy_data`); yields (https base address, app port, the make process) once it says it is
    ready; stops it with one SIGTERM to make (the test may send it first).

    The app binds port 0 (the system gives it a free one, which `make network` reads back from
    its "ready" line): no port is chosen here and bound there. Caddy's HTTPS port has to be known
    before it starts (it is in the site's address), so it is chosen free here; in the moment
    before Caddy binds it another program may take it, and then `make network` stops at once
    ("address already in use") and is started again on another port."""
    import signal

    environment = dict(os.environ if env is None else env)
    # The test's own settings only: a server's /etc/iap.env (scripts/read-settings.sh) is not read.
    environment.update(IAP_DATA_DIR=data_dir, IAP_CADDY_DATA=caddy_data, IAP_ENV_FILE="/dev/null")
    for attempt in range(tries):
        https_port = free_port()
        process = subprocess.Popen(
            ["make", "--no-print-directory", "network", "PORT=0", f"HTTPS_PORT={https_port}"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own group: nothing else receives the test's signals
        )
        said = []
        try:
            for line in process.stdout:
                said.append(line)
                if "The dashboard is ready at" in line:
                    break
            else:
                process.wait(timeout=30)
                if "address already in use" in "".join(said) and attempt + 1 < tries:
                    continue  # another program took the HTTPS port first: another one
                raise RuntimeError("make network stopped before it was ready:\n" + "".join(said))
            # Keep reading what it says, so that it never blocks on a full pipe.
            threading.Thread(target=_keep_reading, args=(process, said), daemon=True).start()
            yield f"https://localhost:{https_port}", _behind_proxy_port(said), process
            return
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)


def _keep_reading(process, said: list[str]) -> None:
    said.extend(process.stdout)


def _behind_proxy_port(said: list[str]) -> int:
    """The app's port, from its "ready" line under `make network` (serve.py)."""
    for line in said:
        found = re.search(r"ready behind the proxy: http://127\.0\.0\.1:([1-9]\d*)", line)
        if found:
            return int(found.group(1))
    raise RuntimeError("make network did not say the app's port:\n" + "".join(said[-20:]))


# Streamlit's own "URL:" line, or serve.py's "ready" line when that one is switched off
# (.streamlit/config.toml), or, for another script (room.py's one-chart page), the server's
# "Uvicorn server started on" line: without it such a page was never taken for started.
_ADDRESS = re.compile(r"(?:URL: http://|ready: http://|Uvicorn server started on )127\.0\.0\.1:([1-9]\d*)")


def _read_output(process, said: list[str], bound: threading.Event) -> None:
    """Keep reading what the server prints (a full pipe would stop it); say when it has told
    its address, or ended without."""
    for line in process.stdout:
        said.append(line)
        if _ADDRESS.search(line):
            bound.set()
    bound.set()


def _bound_port(said: list[str]) -> int:
    for line in said:
        found = _ADDRESS.search(line)
        if found:
            return int(found.group(1))
    raise RuntimeError("the app did not say its address: " + "".join(said[-20:]))


# The page is ready when Streamlit's own marker on the app says its script run has finished
# (`data-test-script-state`, "initial" until the first run: a page just opened is never taken
# for ready), nothing is left from a previous run (stale elements) and nothing is still
# loading. An event, not a quiet window.
READY = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector(
            '[data-testid="stStatusWidget"], [data-testid="stSkeleton"], [data-stale="true"]');
}"""

# Counts finished script runs in the open page (each time the marker leaves "running"), so
# that after a click or a key the wait is for the run it started, not the one before it.
_COUNT_RUNS = """() => {
    if (window.__iapRuns === undefined) {
        window.__iapRuns = 0;
        const app = document.querySelector('[data-testid="stApp"]');
        new MutationObserver((records) => {
            for (const record of records) {
                if (record.oldValue === 'running') window.__iapRuns += 1;
            }
        }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state'],
                         attributeOldValue: true});
    }
    return window.__iapRuns;
}"""


def wait_until_settled(page, timeout_s: float = 45) -> None:
    """Wait for the app to render and finish its script run (the READY marker above).

    After an action in the page (a click, a key) prefer `with settled_after(page): ...`,
    which waits for the run that action started; here a run asked for but not yet begun is
    caught by checking the marker again a moment later."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_s * 1000)
    page.wait_for_function(READY, timeout=timeout_s * 1000, polling=50)
    # Called after an action (not through settled_after or goto_settled), the run that
    # action asked for may not have begun yet: look once more a moment later.
    page.wait_for_timeout(150)
    page.wait_for_function(READY, timeout=timeout_s * 1000, polling=50)


@contextlib.contextmanager
def settled_after(page, timeout_s: float = 45):
    """Wait, after the block, for the script run the block's action started (a click, a
    key, a typed value) to finish: the page's count of finished runs went up and it is ready.
    For actions inside the open page; after `page.goto` use wait_until_settled."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_s * 1000)
    before = page.evaluate(_COUNT_RUNS)
    yield
    try:
        page.wait_for_function(
            f"(before) => window.__iapRuns > before && ({READY})()",
            arg=before,
            timeout=timeout_s * 1000,
            polling=50,
        )
    except Exception as error:
        raise TimeoutError(f"no script run finished after the action: {_state(page)}") from error


def _state(page) -> str:
    """What the page says of its run, for a wait's failure message."""
    return page.evaluate("""() => {
        const app = document.querySelector('[data-testid="stApp"]');
        return JSON.stringify({runs: window.__iapRuns, url: location.href,
            state: app && app.getAttribute('data-test-script-state'),
            busy: !!document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]'),
            stale: document.querySelectorAll('[data-stale="true"]').length});
    }""")


def goto_settled(page, url: str, timeout_s: float = 60) -> None:
    """Open `url` and wait until its first script run has finished (a page just opened
    says "initial" until its first run has begun: no earlier state is taken for ready)."""
    page.goto(url)
    page.wait_for_function(READY, timeout=timeout_s * 1000, polling=50)


def reload_settled(page, timeout_s: float = 60) -> None:
    """Reload the page and wait until its first script run has finished."""
    page.reload()
    page.wait_for_function(READY, timeout=timeout_s * 1000, polling=50)


# Every chart on the page has been drawn by plotly (its figure laid out, its SVG made, no
# redraw queued); then two animation frames let the browser lay out and paint what it drew.
CHARTS_DRAWN = """() => [...document.querySelectorAll('.js-plotly-plot')].every(
    (gd) => gd._fullLayout && gd.querySelector('.main-svg') && !(gd._promises && gd._promises.length))"""
NEXT_PAINT = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


# A Sankey moves its nodes and labels to a new size in an animated transition (its bands are
# drawn at once): a chart is still when every word of it stands where it stood at the previous
# look, polled below. Measured or pictured before, a Present view showed bands beside their nodes.
CHARTS_STILL = """() => {
  const where = [...document.querySelectorAll('.js-plotly-plot text')].map(t => {
    const r = t.getBoundingClientRect();
    return [r.left, r.top, r.width, r.height].map(Math.round).join(',');
  }).join(';');
  const still = window.__chartsLastLook === where;
  window.__chartsLastLook = where;
  return still;
}"""


def wait_for_charts(page, timeout_s: float = 30) -> None:
    """Wait until every chart on the page is drawn, standing still and painted."""
    page.wait_for_function(CHARTS_DRAWN, timeout=timeout_s * 1000, polling="raf")
    page.evaluate("() => { window.__chartsLastLook = null; }")
    page.wait_for_function(CHARTS_STILL, timeout=timeout_s * 1000, polling=150)
    page.evaluate(NEXT_PAINT)


def wait_until_drawn(page, timeout_s: float = 45) -> None:
    """wait_until_settled, then every chart drawn and painted: what a screenshot or a
    measurement of the page needs (after a resize, a tab, a click)."""
    wait_until_settled(page, timeout_s)
    wait_for_charts(page, timeout_s)


# A click or a key that asks for a run can be lost while Streamlit draws the run before (its
# shortcuts bound again, its widgets replaced): seen under load, the action done and no run
# begun. Such an action is done again when no run has begun within a while.
_RUN_BEGUN = """(before) => window.__iapRuns > before || document.querySelector(
    '[data-testid="stApp"]').getAttribute('data-test-script-state') !== 'notRunning'"""


def until_run_begins(page, action, what: str = "the action", tries: int = 3, timeout_s: float = 10) -> None:
    """Do `action()` (a click, a key) and wait until the script run it asks for has begun;
    again (at most `tries` times) when none begins within `timeout_s`. Use inside
    settled_after to wait for that run to finish."""
    from playwright.sync_api import (
        TimeoutError as PlaywrightTimeout,  # a test tool: only where a browser is driven
    )

    for _try in range(tries):
        before = page.evaluate(_COUNT_RUNS)
        action()
        try:
            page.wait_for_function(_RUN_BEGUN, arg=before, timeout=timeout_s * 1000, polling=50)
            return
        except PlaywrightTimeout:  # the action was lost: do it again
            continue
    raise AssertionError(f"no run began after {what} ({tries} tries): {_state(page)}")


def press_shortcut(page, key: str, tries: int = 1, timeout_s: float = 60) -> None:
    """Press `key` for a Streamlit shortcut (st.button(shortcut=...)) once the page has drawn
    its charts, and wait until the run it asks for has begun (tries > 1 presses again when
    none begins within timeout_s: under load a late run then makes two steps)."""
    wait_for_charts(page)
    until_run_begins(page, lambda: page.keyboard.press(key), f"the key {key}", tries, timeout_s)


def goto_with_socket(page, url: str, timeout_s: float = 60):
    """Open `url`, wait until its first script run has finished, and return the page's
    connection to the app (Streamlit's websocket), for press_sent."""
    with page.expect_websocket(
        lambda ws: ws.url.endswith("/_stcore/stream"), timeout=timeout_s * 1000
    ) as opened:
        page.goto(url)
    page.wait_for_function(READY, timeout=timeout_s * 1000, polling=50)
    return opened.value


def press_sent(page, socket, key: str, tries: int = 3, timeout_s: float = 15) -> None:
    """Press `key` (a Streamlit shortcut) and wait until the page has sent it to the app on
    `socket` (goto_with_socket). A key the page did not take (pressed while Streamlit bound
    its shortcuts again) sends nothing and is pressed again; a key that was sent is never
    pressed twice, however late the server answers it (under load: tens of seconds), so a
    step is never taken twice. Wait for the run it asked for with the page's own marker."""
    from playwright.sync_api import (
        TimeoutError as PlaywrightTimeout,  # a test tool: only where a browser is driven
    )

    for _try in range(tries):
        try:
            with socket.expect_event("framesent", timeout=timeout_s * 1000):
                page.keyboard.press(key)
            return
        except PlaywrightTimeout:  # nothing sent: the key was not taken
            continue
    raise AssertionError(f"the page sent nothing after the key {key} ({tries} tries): {_state(page)}")


# Present's own marker (pages/present.py): the step and the window size its last run drew for.
PRESENT_DRAWN = f"""([at, size]) => {{
    const where = document.querySelector('.present-where');
    return !!where && where.dataset.at === String(at) && where.dataset.window === size
        && ({READY})();
}}"""


def wait_for_present(page, at: int, timeout_s: float = 90) -> None:
    """Wait until Present shows step `at` drawn for the page's present window size (the run
    that answered a key or a resize has finished), and its charts are drawn and painted."""
    size = page.viewport_size
    page.wait_for_function(
        PRESENT_DRAWN, arg=[at, f"{size['width']}x{size['height']}"], timeout=timeout_s * 1000, polling=50
    )
    wait_for_charts(page, timeout_s)


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("page", help="url path of the page, e.g. coverage")
    parser.add_argument("out", help="PNG file to write")
    parser.add_argument("--port", type=int)
    parser.add_argument("--query", default="")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args()
    with running_app(args.port) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        url = f"{base}/{args.page}" + (f"?{args.query}" if args.query else "")
        goto_settled(page, url)
        page.wait_for_selector('[data-testid="stMain"] h1', timeout=60000)
        wait_for_charts(page)
        exceptions = page.locator('[data-testid="stException"]').count()
        charts = page.locator(".js-plotly-plot").count()
        page.screenshot(path=args.out, full_page=True)
        print(f"{url}: {charts} charts drawn, {exceptions} exceptions -> {args.out}")
        browser.close()


if __name__ == "__main__":
    main()
