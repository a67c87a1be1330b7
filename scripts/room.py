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


def _get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:  # noqa: S310 - loopback only
        return len(response.read())


async def visit(base: str, assets: list[str], page: str = "", pool: ThreadPoolExecutor | None = None) -> dict:
    """One first visit; returns seconds to the first chart and to the end of the run, and
    what went wrong (an exception element, no chart, a timeout)."""
    import websockets
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    if not base.startswith("http://127.0.0.1:"):
        raise ValueError("the room only visits a server on this machine (127.0.0.1)")
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    result = {"first_chart_s": None, "finished_s": None, "bytes": 0, "ws_bytes": 0, "problems": []}
    try:
        sizes = await asyncio.gather(*(loop.run_in_executor(pool, _get, base + path) for path in assets))
        result["bytes"] = sum(sizes)
        uri = base.replace("http://", "ws://") + "/_stcore/stream"
        async with websockets.connect(
            uri, subprotocols=["streamlit"], max_size=None, open_timeout=TIMEOUT_S
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


async def _room(base: str, assets: list[str], sessions: int, page: str) -> list[dict]:
    with ThreadPoolExecutor(max_workers=min(64, max(4, sessions * 2))) as pool:
        return await asyncio.gather(*(visit(base, assets, page, pool) for _ in range(sessions)))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def measure_room(
    base: str, pid: int, assets: list[str], sessions: int = 40, singles: int = 5, page: str = ""
) -> dict:
    """`singles` visits one after another, then `sessions` at once, against one server."""
    asyncio.run(_room(base, assets, 1, page))  # a visit first: the server's own first-run costs
    alone, cpu_alone = [], []
    for _ in range(singles):
        before = cpu_seconds(pid)
        alone += asyncio.run(_room(base, assets, 1, page))
        cpu_alone.append(cpu_seconds(pid) - before)
    before = cpu_seconds(pid)
    started = time.perf_counter()
    crowd = asyncio.run(_room(base, assets, sessions, page))
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
        page = browser.new_page()
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


def main() -> int:
    from browser import app_process
    from synthetic import make_network

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--cities", type=int, default=10)
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory(prefix="iap-room-") as tmp:
        data_dir = make_network(args.cities, Path(tmp) / "data")
        with app_process(data_dir=str(data_dir)) as (base, process):
            assets = record_assets(base)
            result = measure_room(base, process.pid, assets, args.sessions)
    print(json.dumps(result, indent=2))
    return 0 if not result["problems"] else 1


if __name__ == "__main__":
    sys.exit(main())
