"""A room of forty: many visitors opening the app at once, measured on the server's side.

    python scripts/room.py [--sessions 40] [--cities 10]

Forty Chromium instances on the same two cores measure the browsers more than the server.
Each visitor here is a small client doing what a browser's first visit asks of the server,
on loopback only: it fetches the page and the static files a real browser fetched (recorded
once by bench.py, or given), then opens Streamlit's websocket (/_stcore/stream), asks for a
script run as the browser does (a BackMsg with rerun_script) and reads the ForwardMsgs until
the run finishes. Timed: from the first request to the first plotly chart element received
(the server's share of a first chart), and to the end of the run; also the server process's
CPU time per session (from /proc), which no contention on the machine changes much.

Bounded: each session makes one visit; every wait has a timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

TIMEOUT_S = 300


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its finished children (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(v) for v in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def _rerun_message(page: str, query: str = "") -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo

    state = ClientState(
        query_string=query,
        page_name=page,
        context_info=ContextInfo(timezone="UTC", timezone_offset=0, locale="en-GB", url=""),
    )
    return BackMsg(rerun_script=state).SerializeToString()


def _get(url: str, tls=None) -> int:
    # As a browser asks: compressed if the server offers it (the bytes counted as sent).
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_S, context=tls) as response:  # noqa: S310 - this machine only
        return len(response.read())


CONNECTIONS_PER_VISIT = 6  # as a browser does over HTTP/1.1: six connections to a host, each kept open


def _get_over_one_connection(base: str, paths: list[str], tls=None) -> int:
    """Fetch `paths` one after another over one kept-open connection, as a browser does (and
    so one TLS handshake, not one per file)."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(base)
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=TIMEOUT_S, context=tls)
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT_S)
    total = 0
    try:
        for path in paths:
            connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            total += len(response.read())
    finally:
        connection.close()
    return total


async def visit(
    base: str, assets: list[str], page: str = "", pool: ThreadPoolExecutor | None = None, tls=None
) -> dict:
    """One first visit; returns seconds to the first chart and to the end of the run, and
    what went wrong (an exception element, no chart, a timeout)."""
    import websockets
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    if not base.startswith(("http://127.0.0.1:", "https://localhost:")):
        raise ValueError("the room only visits a server on this machine (127.0.0.1, or localhost over HTTPS)")
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    result = {"first_chart_s": None, "finished_s": None, "bytes": 0, "ws_bytes": 0, "problems": []}
    try:
        groups = [assets[i::CONNECTIONS_PER_VISIT] for i in range(CONNECTIONS_PER_VISIT)]
        sizes = await asyncio.gather(
            *(
                loop.run_in_executor(pool, _get_over_one_connection, base, group, tls)
                for group in groups
                if group
            )
        )
        result["bytes"] = sum(sizes)
        uri = base.replace("https://", "wss://").replace("http://", "ws://") + "/_stcore/stream"
        async with websockets.connect(
            uri,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=TIMEOUT_S,
            ssl=tls,
            origin=base,  # as a browser sends it (the proxy passes it on)
        ) as socket:
            await socket.send(_rerun_message(page))
            deadline = time.perf_counter() + TIMEOUT_S
            while time.perf_counter() < deadline:
                raw = await asyncio.wait_for(socket.recv(), timeout=TIMEOUT_S)
                result["ws_bytes"] += len(raw)
                message = ForwardMsg()
                message.ParseFromString(raw)
                kind = message.WhichOneof("type")
                if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                    element = message.delta.new_element.WhichOneof("type")
                    if element == "plotly_chart" and result["first_chart_s"] is None:
                        result["first_chart_s"] = time.perf_counter() - start
                    elif element == "exception":
                        result["problems"].append(message.delta.new_element.exception.message[:200])
                elif kind == "script_finished" and message.script_finished == 0:
                    # FINISHED_SUCCESSFULLY; a run stopped for a rerun (st.rerun) goes on.
                    result["finished_s"] = time.perf_counter() - start
                    break
            else:
                result["problems"].append("the run did not finish")
    except Exception as error:  # noqa: BLE001 - every failure of a visit is reported
        result["problems"].append(f"{type(error).__name__}: {error}")
    if result["first_chart_s"] is None and not result["problems"]:
        result["problems"].append("no chart received")
    return result


async def _room(base: str, assets: list[str], sessions: int, page: str, tls=None) -> list[dict]:
    with ThreadPoolExecutor(max_workers=min(64, max(4, sessions * 2))) as pool:
        return await asyncio.gather(*(visit(base, assets, page, pool, tls) for _ in range(sessions)))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def measure_room(
    base: str, pid: int, assets: list[str], sessions: int = 40, singles: int = 5, page: str = "", tls=None
) -> dict:
    """`singles` visits one after another, then `sessions` at once, against one server
    (`pid`: the Python process, whose CPU time is counted; `tls`: the context trusting the
    proxy's certificate, for a visit over HTTPS)."""
    asyncio.run(_room(base, assets, 1, page, tls))  # a visit first: the server's own first-run costs
    alone, cpu_alone = [], []
    for _ in range(singles):
        before = cpu_seconds(pid)
        alone += asyncio.run(_room(base, assets, 1, page, tls))
        cpu_alone.append(cpu_seconds(pid) - before)
    before = cpu_seconds(pid)
    started = time.perf_counter()
    crowd = asyncio.run(_room(base, assets, sessions, page, tls))
    wall = time.perf_counter() - started
    cpu_crowd = cpu_seconds(pid) - before
    problems = [p for r in alone + crowd for p in r["problems"]]
    single = statistics.median(r["first_chart_s"] for r in alone if r["first_chart_s"] is not None)
    charts = [r["first_chart_s"] for r in crowd if r["first_chart_s"] is not None]
    return {
        "sessions": sessions,
        "assets": len(assets),
        "bytes_per_visit": alone[0]["bytes"] if alone else 0,
        "single_first_chart_s": round(single, 3),
        "single_finished_s": round(statistics.median(r["finished_s"] or 0 for r in alone), 3),
        "server_cpu_s_per_single_visit": round(statistics.median(cpu_alone), 3),
        "crowd_first_chart_median_s": round(statistics.median(charts), 3) if charts else None,
        "crowd_first_chart_p95_s": round(percentile(charts, 0.95), 3) if charts else None,
        "crowd_first_chart_max_s": round(max(charts), 3) if charts else None,
        "crowd_finished_max_s": round(max((r["finished_s"] or 0) for r in crowd), 3),
        "crowd_wall_s": round(wall, 2),
        "server_cpu_s_per_crowd_visit": round(cpu_crowd / sessions, 3),
        "charts_received": len(charts),
        "problems": problems[:10],
    }


def record_assets(base: str) -> list[str]:
    """The paths a real browser GETs from the server on a first visit (page, scripts,
    styles, fonts, health and configuration), recorded with headless Chromium."""
    from browser import launch
    from playwright.sync_api import sync_playwright

    paths: list[str] = []
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(ignore_https_errors=base.startswith("https://"))
        page.on(
            "request",
            lambda r: (
                paths.append(r.url[len(base) :])
                if r.url.startswith(base) and r.method == "GET" and r.resource_type != "websocket"
                else None
            ),
        )
        page.goto(base, wait_until="commit")
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
        page.wait_for_timeout(500)
        browser.close()
    # Once each, as a browser with an empty cache asks for them; no per-session links.
    return [p for p in dict.fromkeys(paths) if not p.startswith(("/_stcore/stream", "/media/"))]


@contextlib.contextmanager
def proxy_in_front(app_port: int, caddy_data: Path):
    """deploy/run-proxy.sh (Caddy, as `make network` runs it) in front of an app already on
    127.0.0.1:app_port; yields (https base address, a TLS context trusting its local root)."""
    import ssl
    import subprocess

    from browser import free_port

    https_port = free_port()
    env = {
        **os.environ,
        "PORT": str(app_port),
        "HTTPS_PORT": str(https_port),
        "HTTP_PORT": str(free_port()),
        "IAP_CADDY_DATA": str(caddy_data),
    }
    env.pop("DOMAIN", None)
    process = subprocess.Popen(
        ["bash", "deploy/run-proxy.sh"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"https://localhost:{https_port}"
    root = caddy_data / "pki" / "authorities" / "local" / "root.crt"
    try:
        deadline = time.time() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode())
            if root.exists():
                tls = ssl.create_default_context(cafile=str(root))
                try:
                    _get(f"{base}/_stcore/health", tls)
                    break
                except OSError:
                    pass
            if time.time() > deadline:
                raise RuntimeError("the proxy did not answer within 120 seconds")
            time.sleep(0.2)
        yield base, tls
    finally:
        process.terminate()
        process.wait(timeout=30)


def browser_first_chart_s(base: str, rounds: int = 3) -> float:
    """One visitor alone in headless Chromium with an empty cache: seconds from the address
    typed to the first chart drawn (median of `rounds`)."""
    from browser import launch
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as p:
        browser = launch(p)
        for _ in range(rounds):
            context = browser.new_context(ignore_https_errors=base.startswith("https://"))
            page = context.new_page()
            started = time.perf_counter()
            page.goto(base, wait_until="commit")
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
            times.append(time.perf_counter() - started)
            context.close()
        browser.close()
    return statistics.median(times)


def measure_room_behind_proxy(data_dir: Path, baseline: Path, tmp: Path, sessions: int = 40) -> dict:
    """The room through the HTTPS proxy of `make network` (Caddy serving the front-end files,
    the app on loopback), for the app and for a one-chart Streamlit page behind the same proxy."""
    from browser import app_process

    found = {}
    for name, options in (("app", {"data_dir": str(data_dir)}), ("one_chart", {"script": baseline})):
        with (
            app_process(**options) as (direct, process),
            proxy_in_front(int(direct.rsplit(":", 1)[1]), tmp / "caddy") as (base, tls),
        ):
            assets = record_assets(base)
            alone = browser_first_chart_s(base)
            found[name] = measure_room(base, process.pid, assets, sessions, tls=tls)
            found[name]["browser_alone_first_chart_s"] = round(alone, 3)
            found[name]["visitor_estimate"] = visitor_estimate(found[name], alone)
    return found


def visitor_estimate(room: dict, browser_alone_s: float) -> dict | None:
    """What a visitor in the room waits for the first chart: the browser's own part (measured
    alone: its time less the server's part alone) plus the server's part in the room; and its
    ratio to one visitor alone. Forty Chromiums on two cores would measure the browsers."""
    if not room["crowd_first_chart_p95_s"]:
        return None
    own = max(browser_alone_s - room["single_first_chart_s"], 0)
    return {
        "median_s": round(own + room["crowd_first_chart_median_s"], 2),
        "p95_s": round(own + room["crowd_first_chart_p95_s"], 2),
        "median_ratio": round((own + room["crowd_first_chart_median_s"]) / browser_alone_s, 2),
        "p95_ratio": round((own + room["crowd_first_chart_p95_s"]) / browser_alone_s, 2),
    }


def main() -> int:
    from browser import app_process
    from synthetic import make_network

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--cities", type=int, default=10)
    parser.add_argument(
        "--network",
        action="store_true",
        help="through the HTTPS proxy of make network, beside a one-chart page",
    )
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory(prefix="iap-room-") as tmp:
        data_dir = make_network(args.cities, Path(tmp) / "data")
        if args.network:
            from bench_browser import ONE_CHART_PAGE

            baseline = Path(tmp) / "room_one_chart.py"
            baseline.write_text(ONE_CHART_PAGE, encoding="utf-8")
            result = measure_room_behind_proxy(data_dir, baseline, Path(tmp), args.sessions)
            print(json.dumps(result, indent=2))
            return 0 if not result["app"]["problems"] else 1
        with app_process(data_dir=str(data_dir)) as (base, process):
            assets = record_assets(base)
            result = measure_room(base, process.pid, assets, args.sessions)
    print(json.dumps(result, indent=2))
    return 0 if not result["problems"] else 1


if __name__ == "__main__":
    sys.exit(main())
