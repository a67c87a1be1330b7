"""`make bench`: load time, page reruns, first chart in a browser, memory and load, in one run.

    python scripts/bench.py [--sizes 10,100,300,3000] [--repeat 5] [--no-browser] [--no-load-test]

Measures, on this machine and in this one run:
- load + validation (models.load_network) and the tables (insights.frames.build_tables) for
  the real ten cities and for synthetic networks made from them (scripts/synthetic.py),
  with the time per action, and the peak Python memory of one load (tracemalloc);
- every page's server-side run under AppTest at each size: the first run of a new session
  (data already loaded) and the median warm rerun, in ms and as a ratio to a blank
  Streamlit page timed in the same run;
- the time from opening the app in headless Chromium to the first chart drawn, on a fresh
  server (its first visitor loads the data) and for a second visitor, and the server's
  peak memory;
- 20 browser sessions at once while a city file is edited (scripts/load_test.py).

Prints a table, writes bench/results.json and the figures block of README.md.
Shared machines are noisy: compare ratios within one run, not absolute times across runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

PAGES = ["overview", "coverage", "budgets", "transfers", "actions", "mycity", "compare", "progress"]
SIZES = [10, 100, 300, 3000]
RESULTS = ROOT / "bench" / "results.json"
README = ROOT / "README.md"
README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"
# Targets of issue 7 (benchmark targets, not timed tests).
RERUN_TARGET_MS = {10: 150, 300: 500}
FIRST_CHART_TARGET_S = 3.0
# Page runs at this size or above are skipped unless asked for: one first run takes
# tens of seconds there, and the whole bench must stay within about ten minutes.
PAGES_SKIPPED_FROM = 3000


def median_ms(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def timed_ms(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return (time.perf_counter() - start) * 1000, result


# --- load and validation ------------------------------------------------------------------


def measure_load(data_dir: Path, repeat: int) -> dict:
    from insights.frames import build_tables
    from models import load_network

    network = load_network(data_dir)  # warm the imports and the OS file cache
    assert not network.problems, network.problems[:3]
    load = median_ms(lambda: load_network(data_dir), repeat)
    tables_ms = median_ms(lambda: build_tables(network), repeat)
    gc.collect()
    tracemalloc.start()
    build_tables(load_network(data_dir))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    actions = sum(len(plan.actions) for plan in network.cities)
    return {
        "cities": len(network.cities),
        "actions": actions,
        "load_ms": round(load, 1),
        "tables_ms": round(tables_ms, 1),
        "load_ms_per_action": round(load / actions, 3),
        "peak_python_memory_mb": round(peak / 2**20, 1),
    }


# --- page runs under AppTest ----------------------------------------------------------------


def blank_page_ms(repeat: int) -> float:
    from streamlit.logger import set_log_level
    from streamlit.testing.v1 import AppTest

    # AppTest outside `streamlit run` warns about a missing script context on cached calls.
    set_log_level("error")

    app = AppTest.from_string("import streamlit as st\nst.write('blank')\n", default_timeout=60).run()
    return median_ms(app.run, repeat)


def measure_pages(data_dir: Path, repeat: int, baseline_ms: float) -> dict:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    # Imported before timing, so that a page's first run measures its work, not imports.
    import insights.action_table
    import insights.budgets
    import insights.coverage
    import insights.overview
    import insights.slides
    import insights.transfers  # noqa: F401

    os.environ["IAP_DATA_DIR"] = str(data_dir)
    st.cache_resource.clear()
    st.cache_data.clear()
    loader = AppTest.from_string("from ui.data import load\nload()\n", default_timeout=600)
    load_in_app, _ = timed_ms(loader.run)
    pages = {}
    for page in PAGES:
        app = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=600)
        first, _ = timed_ms(app.run)
        if app.exception:
            raise RuntimeError(f"{page}: {app.exception[0].value}")
        rerun = median_ms(app.run, repeat)
        pages[page] = {
            "first_run_ms": round(first, 1),
            "rerun_ms": round(rerun, 1),
            "rerun_ratio_to_blank": round(rerun / baseline_ms, 1),
        }
    return {"data_load_in_app_ms": round(load_in_app, 1), "pages": pages}


# --- the browser ----------------------------------------------------------------------------


def peak_rss_mb(pid: int) -> float | None:
    """Peak resident memory of a running process (Linux), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


BASELINE_CHART_PAGE = """import plotly.graph_objects as go
import streamlit as st

st.title("One chart")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])))
"""


def _seconds_to_first_chart(browser, address: str, visits: int = 2) -> list[float]:
    """Seconds from page.goto to the first plotly chart drawn, each visit in a fresh browser
    context (nothing cached: a first visit)."""
    times = []
    for _ in range(visits):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        start = time.perf_counter()
        page.goto(address, wait_until="commit")
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
        times.append(time.perf_counter() - start)
        if page.locator('[data-testid="stException"]').count():
            raise RuntimeError(f"{address} shows an exception in the browser")
        context.close()
    return times


def first_chart(data_dir: Path, tmp: Path) -> dict:
    """The Overview's first chart on a fresh server (its first visitor loads the data) and
    for a second visitor; and, as a baseline, a Streamlit page holding one small chart."""
    from browser import app_process, launch
    from playwright.sync_api import sync_playwright

    baseline_script = tmp / "one_chart.py"
    baseline_script.write_text(BASELINE_CHART_PAGE, encoding="utf-8")
    with sync_playwright() as p:
        browser = launch(p)
        with app_process(data_dir=str(data_dir)) as (base, process):
            times = _seconds_to_first_chart(browser, f"{base}/overview")
            server_peak = peak_rss_mb(process.pid)
        with app_process(script=baseline_script) as (base, _process):
            baseline = _seconds_to_first_chart(browser, base)
        browser.close()
    return {
        "first_visit_s": round(times[0], 2),
        "second_visit_s": round(times[1], 2),
        "one_chart_page_s": round(min(baseline), 2),
        "server_peak_memory_mb": server_peak,
    }


# --- report ---------------------------------------------------------------------------------


def targets(results: dict) -> list[dict]:
    found = []
    for size, limit in RERUN_TARGET_MS.items():
        pages = results["sizes"].get(str(size), {}).get("pages")
        if not pages:
            continue
        worst_page, worst = max(pages.items(), key=lambda item: item[1]["rerun_ms"])
        found.append(
            {
                "target": f"{size} cities: every page reruns in under {limit} ms",
                "measured": f"slowest {worst_page} {worst['rerun_ms']:.0f} ms",
                "met": worst["rerun_ms"] < limit,
            }
        )
    browser = results.get("browser")
    if browser:
        slowest = max(browser["first_visit_s"], browser["second_visit_s"])
        found.append(
            {
                "target": f"10 cities: first chart drawn within {FIRST_CHART_TARGET_S:.0f} s of opening",
                "measured": f"first visitor {browser['first_visit_s']:.2f} s, "
                f"second {browser['second_visit_s']:.2f} s (a Streamlit page with one small chart: "
                f"{browser['one_chart_page_s']:.2f} s)",
                "met": slowest < FIRST_CHART_TARGET_S,
            }
        )
    per_action = [
        (int(size), entry["load"]["load_ms_per_action"]) for size, entry in results["sizes"].items()
    ]
    if len(per_action) > 1:
        smallest, largest = per_action[0][1], per_action[-1][1]
        # Linear means a flat time per action; allow for noise (and a fixed cost that
        # makes small networks dearer per action).
        found.append(
            {
                "target": "load time at most linear in the number of actions",
                "measured": ", ".join(f"{n} cities {ms:.2f} ms/action" for n, ms in per_action),
                "met": largest <= smallest * 1.5,
            }
        )
    load_test = results.get("load_test")
    if load_test:
        found.append(
            {
                "target": f"{load_test['sessions']} browser sessions while a file is edited: "
                "no error, consistent data, edit kept",
                "measured": f"{load_test['page_views']} page views in {load_test['seconds']:.0f} s, "
                f"{load_test['saves']} saves, {len(load_test['failures'])} failures",
                "met": load_test["ok"],
            }
        )
    return found


def print_table(results: dict) -> None:
    print(f"\nblank Streamlit page rerun (baseline): {results['blank_page_rerun_ms']:.1f} ms")
    print(f"\n{'cities':>6} {'actions':>7} {'load ms':>8} {'ms/action':>9} {'tables ms':>9} {'peak MB':>8}")
    for entry in results["sizes"].values():
        load = entry["load"]
        print(
            f"{load['cities']:>6} {load['actions']:>7} {load['load_ms']:>8.1f} "
            f"{load['load_ms_per_action']:>9.3f} {load['tables_ms']:>9.1f} {load['peak_python_memory_mb']:>8.1f}"
        )
    print(f"\n{'page rerun ms (x blank) / first run ms':40}" + "".join(f"{s:>20}" for s in results["sizes"]))
    for page in PAGES:
        cells = []
        for entry in results["sizes"].values():
            timing = (entry.get("pages") or {}).get(page)
            cells.append(
                f"{timing['rerun_ms']:.0f} ({timing['rerun_ratio_to_blank']:.0f}x) / {timing['first_run_ms']:.0f}"
                if timing
                else "skipped"
            )
        print(f"{page:40}" + "".join(f"{c:>20}" for c in cells))
    for size, entry in results["sizes"].items():
        if entry.get("pages_skipped"):
            print(f"  {size} cities: {entry['pages_skipped']}")
    if results.get("browser"):
        b = results["browser"]
        print(
            f"\nfirst chart in Chromium (10 cities): first visitor {b['first_visit_s']:.2f} s, "
            f"second {b['second_visit_s']:.2f} s; a Streamlit page with one small chart "
            f"{b['one_chart_page_s']:.2f} s; server peak memory {b['server_peak_memory_mb']} MB"
        )
    if results.get("load_test"):
        lt = results["load_test"]
        print(
            f"load test: {lt['sessions']} sessions, {lt['page_views']} page views, {lt['saves']} saves in "
            f"{lt['seconds']:.0f} s; slowest page view {lt['slowest_view_s']:.1f} s; failures: "
            f"{lt['failures'] or 'none'}"
        )
    print(f"bench process peak memory: {results['bench_process_peak_memory_mb']} MB\n")
    for target in results["targets"]:
        print(f"[{'met' if target['met'] else 'MISSED'}] {target['target']}: {target['measured']}")


def readme_block(results: dict) -> str:
    """The README's figures, as markdown."""
    sizes = list(results["sizes"])
    lines = [
        README_START,
        f"Latest run: {results['when']} on {results['machine']['cpus']} shared cores "
        f"(load average {results['machine']['load_average_at_start']}), commit {results['commit']}. "
        f"A blank Streamlit page reruns in {results['blank_page_rerun_ms']:.1f} ms in the same run.",
        "",
        "| | " + " | ".join(f"{s} cities" for s in sizes) + " |",
        "|---|" + "---|" * len(sizes),
        "| actions | " + " | ".join(str(results["sizes"][s]["load"]["actions"]) for s in sizes) + " |",
        "| load + validation | "
        + " | ".join(
            f"{results['sizes'][s]['load']['load_ms']:.0f} ms ({results['sizes'][s]['load']['load_ms_per_action']:.2f} ms/action)"
            for s in sizes
        )
        + " |",
        "| tables | "
        + " | ".join(f"{results['sizes'][s]['load']['tables_ms']:.0f} ms" for s in sizes)
        + " |",
        "| peak Python memory of a load | "
        + " | ".join(f"{results['sizes'][s]['load']['peak_python_memory_mb']:.0f} MB" for s in sizes)
        + " |",
    ]
    for page in PAGES:
        cells = []
        for s in sizes:
            timing = (results["sizes"][s].get("pages") or {}).get(page)
            cells.append(
                f"{timing['rerun_ms']:.0f} ms ({timing['rerun_ratio_to_blank']:.0f}x); first {timing['first_run_ms']:.0f} ms"
                if timing
                else "not run"
            )
        lines.append(f"| {page} page rerun | " + " | ".join(cells) + " |")
    lines.append("")
    if results.get("browser"):
        b = results["browser"]
        lines.append(
            f"First chart in headless Chromium, ten cities: {b['first_visit_s']:.2f} s for the first visitor of "
            f"a fresh server, {b['second_visit_s']:.2f} s for the next (each in a browser with nothing "
            f"cached); a Streamlit page holding one small chart takes {b['one_chart_page_s']:.2f} s in the "
            f"same run. Server peak memory {b['server_peak_memory_mb']} MB."
        )
    if results.get("load_test"):
        lt = results["load_test"]
        lines.append(
            f"Load: {lt['sessions']} browser sessions at once, {lt['page_views']} page views while "
            f"{lt['saves']} edits of a city file were saved, in {lt['seconds']:.0f} s (a page view took "
            f"{lt['median_view_s']:.0f} s at the median, {lt['slowest_view_s']:.0f} s at most, with every "
            "session loading at once): "
            f"{'no failure' if lt['ok'] else 'failures: ' + '; '.join(lt['failures'][:3])}."
        )
    lines.append("")
    for target in results["targets"]:
        lines.append(
            f"- {'met' if target['met'] else '**missed**'}: {target['target']} ({target['measured']})"
        )
    lines.append(README_END)
    return "\n".join(lines)


def update_readme(results: dict) -> None:
    text = README.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text:
        return
    before, rest = text.split(README_START, 1)
    _, after = rest.split(README_END, 1)
    README.write_text(before + readme_block(results) + after, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="numbers of cities")
    parser.add_argument("--repeat", type=int, default=5, help="reruns per page (median)")
    parser.add_argument("--all-pages", action="store_true", help="run pages at 3,000 cities too")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-load-test", action="store_true")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite README's figures")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from synthetic import make_network

    started = time.perf_counter()
    results: dict = {
        "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _commit(),
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_at_start": round(os.getloadavg()[0], 1),
            "python": platform.python_version(),
        },
        "sizes": {},
    }
    with tempfile.TemporaryDirectory(prefix="iap-bench-") as tmp:
        print("timing a blank Streamlit page...", flush=True)
        results["blank_page_rerun_ms"] = round(blank_page_ms(max(args.repeat, 10)), 2)
        for size in sizes:
            data_dir = make_network(size, Path(tmp) / f"net{size}")
            print(f"{size} cities: load...", flush=True)
            entry: dict = {"load": measure_load(data_dir, args.repeat if size < 3000 else 2)}
            if size >= PAGES_SKIPPED_FROM and not args.all_pages:
                entry["pages_skipped"] = (
                    "page runs skipped at this size to keep the bench short (run with --all-pages)"
                )
            else:
                print(f"{size} cities: pages...", flush=True)
                entry.update(measure_pages(data_dir, args.repeat, results["blank_page_rerun_ms"]))
            results["sizes"][str(size)] = entry
        if not args.no_browser:
            print("browser: first chart...", flush=True)
            results["browser"] = first_chart(Path(tmp) / f"net{sizes[0]}", Path(tmp))
        if not args.no_load_test:
            from load_test import run_load_test

            print("browser: 20 sessions while a file is edited...", flush=True)
            results["load_test"] = run_load_test(ROOT / "data", sessions=20, views=2)
    results["bench_process_peak_memory_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
    )
    results["machine"]["load_average_at_end"] = round(os.getloadavg()[0], 1)
    results["seconds"] = round(time.perf_counter() - started)
    results["targets"] = targets(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(results)
    print(f"\nwritten to {args.out} in {results['seconds']} s")
    if not args.no_readme:
        update_readme(results)
    return 0


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
