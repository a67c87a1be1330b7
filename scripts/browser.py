"""Drive the app in Debian's headless Chromium: shared by the browser tests and by
`python scripts/browser.py` for screenshots while developing.

    python scripts/browser.py coverage /tmp/coverage.png [--port 8600] [--query "city=Fót"]

Filters in the address use the names shown in the sidebar (city=Fót, kind=Plan action).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import subprocess
import sys
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
    `script` serves another Streamlit script instead of app.py (a baseline page)."""
    port = port or free_port()
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
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        # Ready when it answers its health check: the socket is bound (and takes connections)
        # before the server has warmed up (serve.py), and requests would wait for that.
        deadline = time.time() + 180
        while time.time() < deadline:
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2),
            ):
                break
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode())
            time.sleep(0.1)
        else:
            raise RuntimeError("the app did not start within 180 seconds")
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@contextlib.contextmanager
def running_network(data_dir: str, caddy_data: str, env: dict | None = None):
    """`make network` on free ports (the app on loopback, Caddy's HTTPS in front, its local
    authority kept in `caddy_data`); yields (https base address, app port, the make process)
    once it says it is ready; stops it with one SIGTERM to make (the test may send it first)."""
    import signal

    port, https_port, http_port = free_port(), free_port(), free_port()
    environment = dict(os.environ if env is None else env)
    environment.update(IAP_DATA_DIR=data_dir, IAP_CADDY_DATA=caddy_data, HTTP_PORT=str(http_port))
    process = subprocess.Popen(
        ["make", "--no-print-directory", "network", f"PORT={port}", f"HTTPS_PORT={https_port}"],
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
            raise RuntimeError("make network stopped before it was ready:\n" + "".join(said))
        # Keep reading what it says, so that it never blocks on a full pipe.
        import threading

        threading.Thread(target=lambda: [said.append(line) for line in process.stdout], daemon=True).start()
        yield f"https://localhost:{https_port}", port, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def wait_until_settled(page, timeout_s: float = 45) -> None:
    """Wait for the app to render and stop running (no status widget, no skeleton)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_s * 1000)
    deadline = time.time() + timeout_s
    quiet_since = None
    while time.time() < deadline:
        busy = page.locator('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]').count()
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.time()
        elif time.time() - quiet_since > 1.2:
            return
        time.sleep(0.2)
    raise TimeoutError("the page kept running")


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
        page.goto(url)
        page.wait_for_selector('[data-testid="stMain"] h1', timeout=60000)
        wait_until_settled(page)
        with contextlib.suppress(Exception):  # a page may have no chart at all
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=15000)
        page.wait_for_timeout(1500)  # let plotly finish drawing
        exceptions = page.locator('[data-testid="stException"]').count()
        charts = page.locator(".js-plotly-plot").count()
        page.screenshot(path=args.out, full_page=True)
        print(f"{url}: {charts} charts drawn, {exceptions} exceptions -> {args.out}")
        browser.close()


if __name__ == "__main__":
    main()
