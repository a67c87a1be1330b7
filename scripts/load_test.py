"""Many browser sessions at once while a city file is edited: part of `make bench`.

    python scripts/load_test.py [--sessions 20] [--views 2]

One headless Chromium with one context (a separate visitor) per session, all on loopback
against one `streamlit run app.py` serving a temporary copy of the data. While they open
the Actions and Overview pages, a writer saves new titles for one action through
workspace.changes.save (the one write path every change in the app takes: checked, written whole,
one commit each). Each Actions view must
show no exception and the action's title as one of the versions written, never anything
else; at the end the file on disk holds the last edit and the data still validates.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from browser import CHROMIUM, CHROMIUM_ARGS, app_process  # noqa: E402

CITY = "agen"  # its first action is the first row of the Actions page, shown in full below it
VIEWS = ("actions", "overview")  # the edited title, then the charts


def _first_action_title(text: str) -> str:
    return yaml.safe_load(text)["actions"][0]["title"]


class Writer(threading.Thread):
    """Saves a new title for the city's first action every `interval` seconds until stopped."""

    def __init__(self, data_dir: Path, interval: float = 2.0):
        super().__init__(daemon=True)
        from workspace.store import read_with_version

        self.data_dir = data_dir
        self.path = data_dir / "cities" / f"{CITY}.yaml"
        text, _ = read_with_version(self.path)
        self.original = _first_action_title(text)
        self.titles = [self.original]  # every title the file has held, in order
        self.interval = interval
        self.stop = threading.Event()
        self.errors: list[str] = []

    def run(self) -> None:
        from workspace.changes import Author, save_one
        from workspace.store import read_with_version
        from workspace.yaml_format import city_yaml, leading_comment, updated_text

        number = 0
        while not self.stop.wait(self.interval):
            number += 1
            text, version = read_with_version(self.path)
            data = yaml.safe_load(text)
            title = f"{self.original} (edit {number})"
            data["actions"][0]["title"] = title
            try:
                # Added before the save: a reader may see the new title as soon as it is on disk.
                self.titles.append(title)
                save_one(
                    self.data_dir,
                    f"cities/{self.path.name}",
                    updated_text(text, data, city_yaml(data, leading_comment(text))),
                    version,
                    Author("Load test"),
                    f"load test: edit {number}",
                )
            except Exception as error:  # noqa: BLE001 - reported as a failure of the test
                self.errors.append(f"save {number}: {error}")
                return

    @property
    def saves(self) -> int:
        return len(self.titles) - 1


async def _settled(page, timeout_s: float) -> None:
    """As browser.wait_until_settled, for the async API."""
    await page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    quiet_since = None
    while time.monotonic() < deadline:
        busy = await page.locator('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]').count()
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 1.0:
            return
        await asyncio.sleep(0.2)
    raise TimeoutError("the page kept running")


async def _session(number: int, browser, base: str, writer: Writer, views: int, timeout_s: float, log: dict):
    context = await browser.new_context(viewport={"width": 1200, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(timeout_s * 1000)
    try:
        for view in range(views):
            path = VIEWS[view % len(VIEWS)]
            start = time.monotonic()
            await page.goto(f"{base}/{path}", wait_until="commit")
            await _settled(page, timeout_s)
            log["durations"].append(time.monotonic() - start)
            where = f"session {number} view {view + 1} ({path})"
            if await page.locator('[data-testid="stException"]').count():
                text = await page.locator('[data-testid="stException"]').first.inner_text()
                log["failures"].append(f"{where}: exception shown: {text[:200]}")
                continue
            if path == "actions":
                # The last heading is the full record of the first row: the edited action
                # (the one before it is the section's own heading).
                await page.wait_for_function(
                    "() => document.querySelectorAll('[data-testid=\"stMain\"] h3').length >= 2"
                )
                heading = (await page.locator('[data-testid="stMain"] h3').last.inner_text()).strip()
                if heading not in writer.titles:
                    log["failures"].append(f"{where}: shows the title {heading[:80]!r}, never written")
                log["seen"].add(heading)
            log["views"] += 1
    except Exception as error:  # noqa: BLE001 - a timeout or a crash is a failure of the run
        log["failures"].append(f"session {number}: {type(error).__name__}: {str(error)[:200]}")
    finally:
        await context.close()


async def _sessions(base: str, writer: Writer, sessions: int, views: int, timeout_s: float) -> dict:
    from playwright.async_api import async_playwright

    log = {"failures": [], "durations": [], "views": 0, "seen": set()}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            await asyncio.wait_for(
                asyncio.gather(
                    *(_session(n + 1, browser, base, writer, views, timeout_s, log) for n in range(sessions))
                ),
                timeout=timeout_s * views * 2,
            )
        except TimeoutError:
            log["failures"].append(f"the sessions did not finish within {timeout_s * views * 2:.0f} s")
        finally:
            await browser.close()
    return log


def run_load_test(source_data: Path, sessions: int = 20, views: int = 2, timeout_s: float = 240) -> dict:
    """Run the load test on a temporary copy of `source_data`; return what happened."""
    from models import load_network

    with tempfile.TemporaryDirectory(prefix="iap-load-") as tmp:
        data_dir = Path(tmp) / "data"
        shutil.copytree(source_data, data_dir, ignore=shutil.ignore_patterns(".git", ".history"))
        with app_process(data_dir=str(data_dir)) as (base, _process):
            writer = Writer(data_dir)
            started = time.monotonic()
            writer.start()
            try:
                log = asyncio.run(_sessions(base, writer, sessions, views, timeout_s))
            finally:
                writer.stop.set()
                writer.join(timeout=30)
            seconds = time.monotonic() - started
        failures = log["failures"] + writer.errors
        on_disk = _first_action_title((data_dir / "cities" / f"{CITY}.yaml").read_text(encoding="utf-8"))
        if on_disk != writer.titles[-1]:
            failures.append(f"the file holds {on_disk!r}, not the last edit {writer.titles[-1]!r}")
        network = load_network(data_dir)
        if network.problems:
            failures.append(f"the edited data no longer validates: {network.problems[0]}")
        from workspace import history

        commits = [e for e in history.log(data_dir, limit=10_000) if e.message.startswith("load test:")]
        if len(commits) != writer.saves:
            failures.append(f"{writer.saves} saves but {len(commits)} commits in the data's history")
    return {
        "sessions": sessions,
        "page_views": log["views"],
        "saves": writer.saves,
        "seconds": round(seconds, 1),
        "slowest_view_s": round(max(log["durations"], default=0), 2),
        "median_view_s": round(sorted(log["durations"])[len(log["durations"]) // 2], 2)
        if log["durations"]
        else 0,
        "titles_seen": len(log["seen"]),
        "failures": failures,
        "ok": not failures and log["views"] == sessions * views,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--views", type=int, default=2)
    args = parser.parse_args()
    result = run_load_test(ROOT / "data", args.sessions, args.views)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
