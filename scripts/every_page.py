"""Every page and every export of the dashboard on one data folder, without exception:
part of `make bench` (target 4 of issue 16) and of the tests, on networks made by
scripts/synthetic.py --hard (shared display names, 200-character names, a city of 300
actions).

    python scripts/every_page.py DATA_DIR

Pages run under AppTest through the frame (app.py, then st.switch_page), the way a visitor
reaches them; the city pages once for each of a few awkward cities (the biggest, one with a
very long name, two that share a name), the Present page at a few positions. Exports are the
functions the download buttons call. Prints what failed; exits non-zero if anything did.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from ui import registry  # noqa: E402


def awkward_cities(tables) -> list[str]:
    """Ids of the cities a page is most likely to trip on: the one with most actions, one
    with the longest name, and two that share a display name (when any do)."""
    cities = tables.cities
    counts = tables.actions.groupby("city").size()
    chosen = [str(counts.idxmax())] if len(counts) else []
    if len(cities):
        chosen.append(str(cities.loc[cities["name"].str.len().idxmax(), "id"]))
    shared = [name for name, n in Counter(cities["name"]).items() if n > 1]
    if shared:
        chosen += list(cities.loc[cities["name"] == shared[0], "id"][:2])
    return list(dict.fromkeys(chosen))


def _page_runs(tables, thorough: bool = True) -> list[tuple[str, dict, dict]]:
    """(page, query parameters, session state) for every run to make; not `thorough`: the
    Present page through each view of the network and one city's step, not at every step
    of the awkward cities."""
    cities = awkward_cities(tables)
    runs = [(entry.path, {}, {}) for entry in registry.PAGES]  # every page of the navigation, in order
    for city in cities:
        runs.append(("mycity", {"my_city": city}, {}))
        runs.append(("progress", {}, {"progress_city": city}))
        runs.append(("transfers", {}, {"transfers_city": city}))
    if len(cities) >= 2:
        runs.append(("compare", {"compare": ",".join(cities[:4])}, {}))
    if not thorough:
        from analysis import presentation

        views = len(presentation.VIEWS)
        runs += [("present", {"at": str(at)}, {}) for at in range(2, views + 1)]
        return runs + [("present", {"cities": cities[0], "at": str(views + 1)}, {})] if cities else runs
    # The Present page at its first steps and through the awkward cities' own steps.
    runs += [("present", {"at": str(at)}, {}) for at in (2, 3, 5)]
    runs += [("present", {"cities": ",".join(cities), "at": str(at)}, {}) for at in range(1, 12)]
    return runs


def check_pages(data_dir: Path, timeout: float = 600, thorough: bool = True) -> tuple[list[str], dict]:
    """Run every page; return (failures, {page: slowest run in ms})."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from models import load_network

    os.environ["IAP_DATA_DIR"] = str(data_dir)
    st.cache_resource.clear()
    st.cache_data.clear()
    from analysis.frames import build_tables

    tables = build_tables(load_network(data_dir))
    failures, slowest = [], {}
    for page, params, state in _page_runs(tables, thorough):
        where = f"{page} {params or ''}{state or ''}".strip()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
        for name, value in params.items():
            at.query_params[name] = value
        start = time.perf_counter()
        try:
            at.run()
            at.switch_page(f"pages/{page}.py")
            for key, value in state.items():
                at.session_state[key] = value
            at.run()
        except Exception as error:  # noqa: BLE001 - a crash of the test harness is a failure too
            failures.append(f"{where}: {type(error).__name__}: {error}")
            continue
        slowest[page] = max(slowest.get(page, 0), round((time.perf_counter() - start) * 1000))
        failures += [f"{where}: {e.message[:300]}" for e in at.exception]
    return failures, slowest


# 0.7 s of CPU per city section: a network of more than 30 cities gets 30 of them by default
# (outputs/report_html.py), so the report is built at 3,000 cities too.
WHOLE_NETWORK_REPORT = "network report (HTML)"


def check_exports(data_dir: Path, skip: tuple[str, ...] = ()) -> tuple[list[str], dict]:
    """Every file the dashboard offers for download, built for this network (but `skip`)."""
    from analysis import presentation
    from analysis.frames import Filters, build_tables
    from formats.export import to_csv, to_json
    from formats.progress_sheet import template_bytes
    from models import load_network
    from outputs import action_table, deck, downloads, report, report_html

    network = load_network(data_dir)
    tables = build_tables(network)
    cities = awkward_cities(tables)
    stamp = "bench"
    exports = {
        "network CSV": lambda: to_csv(network),
        "network JSON": lambda: to_json(network),
        "actions CSV": lambda: action_table.csv_bytes(tables.actions),
        "actions Excel": lambda: action_table.excel_bytes(tables.actions, "every action", stamp),
        "table CSV": lambda: downloads.csv_bytes(tables.cities),
        "table Excel": lambda: downloads.excel_bytes(tables.cities, "cities", {"what": "cities"}),
        "overview slides": lambda: deck.for_filters(tables, Filters(), stamp),
        "overview slides, awkward cities": lambda: deck.for_filters(
            tables, Filters(cities=tuple(cities)), stamp
        ),
        "presentation deck": lambda: deck.deck_bytes(
            tables, presentation.steps(list(presentation.VIEWS), cities, tables), stamp
        ),
        WHOLE_NETWORK_REPORT: lambda: report_html.report_for(tables, stamp),
        "progress workbook template": lambda: template_bytes(network),
    }
    for city in cities:
        exports[f"city report {city[:40]}"] = lambda city=city: report.city_report_html(tables, city)
    failures, times = [], {}
    for name, build in exports.items():
        if name in skip:
            continue
        start = time.perf_counter()
        try:
            build()
        except Exception:  # noqa: BLE001 - every failing export is reported, not just the first
            failures.append(f"{name}: {traceback.format_exc(limit=-2)[-600:]}")
        times[name] = round((time.perf_counter() - start) * 1000)
    return failures, times


def main() -> int:
    data_dir = Path(sys.argv[1])
    page_failures, page_ms = check_pages(data_dir)
    export_failures, export_ms = check_exports(data_dir)
    for line in page_failures + export_failures:
        print(f"FAILED {line}")
    print(f"pages (slowest run, ms): {page_ms}\nexports (ms): {export_ms}")
    return 1 if page_failures or export_failures else 0


if __name__ == "__main__":
    sys.exit(main())
