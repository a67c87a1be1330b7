"""Shared test helpers: small data folders built from fixture text."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Hypothesis: the whole suite (`make test`, CI) keeps every example (the default profile,
# 100 a test); `make check`, the inner loop, runs a fifth of them (HYPOTHESIS_PROFILE=check).
settings.register_profile("check", max_examples=20)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def _scan_components_once() -> None:
    """Every AppTest scans all installed packages' metadata for Streamlit components (about a
    third of a second of processor time each, hundreds of times a run); the packages installed
    do not change during a test run, so the scan's answer is kept after the first. If Streamlit
    moves this function, nothing is kept and the tests only run slower."""
    import functools

    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:
        return
    scan = getattr(manifest_scanner, "scan_component_manifests", None)
    if scan is not None and not hasattr(scan, "cache_info"):
        manifest_scanner.scan_component_manifests = functools.cache(scan)


_scan_components_once()

REAL_DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"


def entered_plans(network) -> list[str]:
    """The ids of the cities whose IAP document is in the data (their plan is entered), read
    from the data itself: tests on the real data compute what depends on entry from this."""
    return sorted(plan.city.id for plan in network.cities if plan.city.iap_document is not None)


def stamp_words(network, when: str = "24 November 2026") -> str:
    """The stamp a page or export of the whole `network` carries on date `when`."""
    total = len(network.cities)
    return f"Data of {when} · IAP entered for {len(entered_plans(network))} of {total} cit{'y' if total == 1 else 'ies'}"


def entered_words(network) -> str:
    """What the stamp says of the data's entered plans, without the date."""
    return stamp_words(network).split(" · ", 1)[1]


def plan_actions(network) -> list:
    """Every plan action (kind iap_action) of the network."""
    return [a for plan in network.cities for a in plan.actions if a.kind == "iap_action"]


def plan_budgets(network) -> dict[str, tuple[float, int, int]]:
    """City name -> (known total of its plan actions' budgets, plan actions with a budget, plan
    actions), for every city with a plan action: read from the data."""
    shown = {}
    for plan in network.cities:
        mine = [a for a in plan.actions if a.kind == "iap_action"]
        known = [
            a.budget.amount_eur for a in mine if a.budget is not None and a.budget.amount_eur is not None
        ]
        if mine:
            shown[plan.city.name] = (float(sum(known)), len(known), len(mine))
    return shown


def largest_plan_budget(network) -> tuple[str, float]:
    """The city with the largest known total of plan-action budgets (from the data)."""
    totals = {name: total for name, (total, known, _) in plan_budgets(network).items() if known}
    name = max(sorted(totals), key=lambda n: totals[n])
    return name, totals[name]


def assert_intervention_title(title: str, network) -> None:
    """`title` names the interventions with the most and the fewest plan actions, with their
    counts, as counted here from the data (an action counts in each of its interventions)."""
    import re

    import yaml

    model = yaml.safe_load((REAL_DATA / "model.yaml").read_text(encoding="utf-8"))
    labels = {term["id"]: term["label"] for term in model["interventions"]}
    counts = dict.fromkeys(labels.values(), 0)
    for action in plan_actions(network):
        for intervention in set(action.interventions):
            counts[labels[intervention]] += 1
    found = re.match(r"(.+) has the most plan actions \((\d+)\); (.+) the fewest \((\d+)\)", title)
    assert found, title
    most, high, fewest, low = found.groups()
    assert int(high) == counts[most] == max(counts.values()), (title, counts)
    assert int(low) == counts[fewest] == min(counts.values()), (title, counts)


@pytest.fixture(autouse=True)
def own_workspace(tmp_path_factory, monkeypatch):
    """Every test has its own (empty) accounts file and no backup remote: nothing a test does
    reaches the machine's real accounts or data history."""
    folder = tmp_path_factory.mktemp("workspace")
    monkeypatch.setenv("IAP_ACCOUNTS_FILE", str(folder / "accounts.yaml"))
    monkeypatch.delenv("IAP_DATA_REMOTE", raising=False)
    return folder


@pytest.fixture(autouse=True)
def quick_passwords(request, monkeypatch):
    """Passwords hashed at argon2's cheapest costs by this process (argon2.profiles.CHEAPEST):
    the library's recommended costs take 0.17 s of a core for each hash and each check, and
    the tests hash and check hundreds. What they test (who may sign in, what is refused or
    slowed) does not depend on the cost; the servers the browser tests start, and the tests
    marked real_password_cost (tests/test_accounts.py), keep the real one."""
    if request.node.get_closest_marker("real_password_cost"):
        return
    from argon2 import PasswordHasher, profiles

    import workspace.accounts

    monkeypatch.setattr(
        workspace.accounts, "_hasher", lambda: PasswordHasher.from_parameters(profiles.CHEAPEST)
    )


@pytest.fixture
def cookie(monkeypatch):
    """The session cookie a browser would send with the page (AppTest sends none): a test signs
    in through the same functions as the server's sign-in route, then sets `cookie.token`."""
    from types import SimpleNamespace

    jar = SimpleNamespace(token=None)
    monkeypatch.setattr("ui.access.session_token", lambda: jar.token)
    return jar


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the small, valid fixture network (three cities) that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(scope="session")
def real_network():
    from models import load_network

    return load_network(REAL_DATA)


@pytest.fixture(scope="session")
def mini_network(tmp_path_factory):
    from models import load_network

    target = tmp_path_factory.mktemp("mini") / "data"
    shutil.copytree(MINI, target)
    return load_network(target)


@pytest.fixture(scope="module")
def real(real_network):
    """The bundled data as the dashboard's tables."""
    from analysis.frames import build_tables

    return build_tables(real_network)


@pytest.fixture
def real_data(monkeypatch):
    """Pages read the bundled data (whatever IAP_DATA_DIR the shell has)."""
    monkeypatch.delenv("IAP_DATA_DIR", raising=False)


@pytest.fixture
def mini_data(monkeypatch, data_dir):
    """Pages read a copy of the small fixture network."""
    monkeypatch.setenv("IAP_DATA_DIR", str(data_dir))
    return data_dir


def run_models(*args: str, env: dict | None = None, text: bool = False, check: bool = False, input=None):
    """`python -m models ARGS` run in this process (cli.main.main), as subprocess.run would
    report it: returncode, stdout and stderr (str with text=True, else bytes). The command
    sees `env` as its environment (default: this one without IAP_DATA_DIR), runs from the
    project's folder and reads `input` (bytes or str) as its standard input. Seconds faster
    than a new interpreter; tests/test_cli.py keeps real `python -m models` runs for the
    entry point and its exit codes."""
    import contextlib
    import io
    import os
    import subprocess

    from cli.main import main

    environment = env if env is not None else {k: v for k, v in os.environ.items() if k != "IAP_DATA_DIR"}
    raw_in = input.encode() if isinstance(input, str) else (input or b"")
    out, err = io.BytesIO(), io.BytesIO()
    streams = [io.TextIOWrapper(b, encoding="utf-8", write_through=True) for b in (out, err)]
    saved_env, saved = dict(os.environ), (sys.stdin, sys.stdout, sys.stderr)
    try:
        os.environ.clear()
        os.environ.update(environment)
        sys.stdin = io.TextIOWrapper(io.BytesIO(raw_in), encoding="utf-8")
        sys.stdout, sys.stderr = streams
        with contextlib.chdir(ROOT):
            try:
                code = main(list(args))
            except SystemExit as ended:  # argparse's refusals, a command's sys.exit
                code = ended.code if isinstance(ended.code, int) else (0 if ended.code is None else 1)
                if isinstance(ended.code, str):
                    print(ended.code, file=sys.stderr)
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        os.environ.clear()
        os.environ.update(saved_env)
    stdout, stderr = out.getvalue(), err.getvalue()
    if text:
        stdout, stderr = stdout.decode("utf-8"), stderr.decode("utf-8")
    result = subprocess.CompletedProcess(["python", "-m", "models", *args], code or 0, stdout, stderr)
    if check:
        result.check_returncode()
    return result


def in_own_thread(function, *args, **kwargs):
    """`function(*args, **kwargs)` called in a thread of its own: what it returns, or what it
    raised. For code that runs an asyncio loop of its own (asyncio.run): a worker whose tests
    have started the session's Chromium has Playwright's loop running in its main thread, and
    asyncio.run refuses to start a second loop there."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def run_page(path: str, **state):
    """Run one page with AppTest, widget values preset by key; fail on any exception."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(path, default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def figures(at) -> list[dict]:
    """The plotly figures a page drew, as plain dicts."""
    import json

    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def titles(at) -> list[str]:
    return [fig["layout"]["title"]["text"].replace("<br>", " ") for fig in figures(at)]


def earlier_versions(data_dir: Path, shown_as: str) -> list[str]:
    """The texts a file had before its current version, newest first, from the data's history."""
    from workspace import history

    texts = [history.file_at(data_dir, e.commit, shown_as) for e in history.log(data_dir, [shown_as])]
    return [t for t in texts[1:] if t is not None]


# Browser tests. One server of the bundled data, read only, serves every browser test that
# only looks (`live_app`, one per pytest-xdist worker); a test that writes starts its own
# (`running_app(data_dir=...)`), and the tests of such a module run in one worker
# (pytest_collection_modifyitems below), so each of those servers starts once.


@pytest.fixture(scope="session")
def live_app():
    """The address of the app serving the bundled data, started once per worker; for tests
    that only read (nothing a test does may change what the next one sees)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from browser import running_app

    with running_app() as base:
        yield base


@pytest.fixture
def app(live_app):
    """The worker's shared read-only server (live_app), for the tests that only look."""
    return live_app


@pytest.fixture(scope="session")
def chromium():
    """Debian's headless Chromium, started once per pytest-xdist worker; a test opens pages
    through `browser` (below), which closes them after it. Session scope: a worker runs the
    tests of several modules in turn (the order pytest_collection_modifyitems gives), and a
    module-scoped browser was closed and started again at each change of module, each time a
    new Playwright driver, Chromium and page (seconds of processor time per browser test)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from browser import launch
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


class OpenedByTest:
    """The worker's Chromium as one test uses it: new_page and new_context as on a Browser
    (each page in a context of its own: its own cookies), and whatever the test opened is
    closed after it, failed or not, so that no page of an ended test keeps running."""

    def __init__(self, browser):
        self._browser = browser
        self._opened = []

    def new_page(self, **options):
        page = self._browser.new_page(**options)
        self._opened.append(page.context)
        return page

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        self._opened.append(context)
        return context

    def close_opened(self) -> None:
        from playwright.sync_api import Error as PlaywrightError

        for context in self._opened:
            with contextlib.suppress(PlaywrightError):  # closed by the test already
                context.close()


@pytest.fixture
def browser(chromium):
    """Chromium for one test (see OpenedByTest); screenshots go to tests/artifacts."""
    (ROOT / "tests" / "artifacts").mkdir(parents=True, exist_ok=True)
    opened = OpenedByTest(chromium)
    yield opened
    opened.close_opened()


def _waits(item) -> bool:
    """A test that spends much of its time waiting on a browser, a server or LibreOffice."""
    return bool(item.get_closest_marker("browser") or item.get_closest_marker("office"))


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    """Group and order the tests for pytest-xdist (`--dist loadgroup --no-loadscope-reorder`,
    the Makefile's PARALLEL).

    Groups: a browser module that starts a server of its own has its tests in one group, so
    that server starts once, in one worker. A test on the shared read-only server (live_app,
    one per worker) is free to run on any worker: the long surveys spread over every core.

    Order: a browser or office test waits half of its time (on Chromium, on the server, on
    LibreOffice), the others keep a core busy. The waiting ones are spread evenly through the
    first three quarters of the run, so that while some workers wait the others compute
    (the Makefile runs more workers than cores), and the run ends on short tests that keep
    both cores busy to the last. Every worker computes the same order from the same tests."""
    for item in items:
        if item.get_closest_marker("xdist_group"):
            continue
        if item.get_closest_marker("browser") and "live_app" not in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
    units: dict[str, list] = {}  # what xdist hands to one worker at a time
    for item in items:
        group = item.get_closest_marker("xdist_group")
        units.setdefault(group.args[0] if group else item.nodeid, []).append(item)
    waiting = [unit for unit in units.values() if any(_waits(item) for item in unit)]
    working = [unit for unit in units.values() if not any(_waits(item) for item in unit)]
    span = max(1, len(working) * 3 // 4)
    before: dict[int, list] = {}
    for n, unit in enumerate(waiting):
        before.setdefault(n * span // len(waiting), []).append(unit)
    ordered = []
    for n, unit in enumerate(working or [[]]):
        for spread in before.get(n, []):
            ordered.extend(spread)
        ordered.extend(unit)
    assert len(ordered) == len(items)
    items[:] = ordered
