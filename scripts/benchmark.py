"""How long the data load and each page rerun take, on the bundled data.

    python scripts/benchmark.py [--repeat 5]

Prints medians. Machines are shared and noisy: compare the ratios within one run (a page
against the blank-page baseline), not absolute times across runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = ["overview", "coverage", "budgets", "transfers", "actions", "mycity", "compare"]


def median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from streamlit.testing.v1 import AppTest

    from analysis.frames import build_tables
    from models import load_network

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    load = median_seconds(lambda: build_tables(load_network(ROOT / "data")), args.repeat)
    print(f"{'data load + tables (uncached)':34} {load * 1000:8.1f} ms")

    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as blank:
        blank.write("import streamlit as st\nst.write('blank')\n")
    baseline_app = AppTest.from_file(blank.name, default_timeout=60).run()
    baseline = median_seconds(baseline_app.run, args.repeat)
    print(f"{'blank page rerun (baseline)':34} {baseline * 1000:8.1f} ms")

    for page in PAGES:
        app = AppTest.from_file(
            str(ROOT / "pages" / f"{page}.py"), default_timeout=60
        ).run()  # warms the cache
        rerun = median_seconds(app.run, args.repeat)
        print(
            f"{page + ' rerun (cached data)':34} {rerun * 1000:8.1f} ms  ({rerun / baseline:5.1f}x baseline)"
        )


if __name__ == "__main__":
    main()
