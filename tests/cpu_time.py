"""Processor time per test and per module (`pytest -p tests.cpu_time`), not wall time.

The machine is shared, so a test's wall time says as much about the neighbours as about the test;
the processor time a test spends (its own, plus that of the programs it starts and waits for) is
what two cores can give. Each worker writes its figures to $CPU_TIME_OUT (a folder, one JSON file
per worker); `python tests/cpu_time.py FOLDER` sums them and prints the top tests and modules.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

_spent: dict[str, float] = {}
# When each test ran (wall clock, seconds since the epoch): which worker waited at the end.
_ran: dict[str, tuple[float, float]] = {}
# $CPU_PROFILE_OUT: also profile the whole run (cProfile) into that file, to see which functions
# of the code the tests' time goes to.
_profile = None


def pytest_sessionstart(session):
    global _profile
    if os.environ.get("CPU_PROFILE_OUT"):
        import cProfile

        _profile = cProfile.Profile()
        _profile.enable()


def _now() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime + _running_descendants()


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _running_descendants() -> float:
    """Processor time of the programs still running under this worker (a session's Chromium,
    started through Playwright's driver, is reaped only at the end: without this its time
    would land on the worker's last test). A process's own time and that of the children it
    reaped: nothing is counted twice. When Chromium ends, its renderers may be handed to init
    and leave the tree: the test that closes it can show less than nothing."""
    parent: dict[int, int] = {}
    spent: dict[int, float] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parent[pid] = int(fields[1])
        # own user + system time, and that of its children it has reaped
        spent[pid] = sum(int(f) for f in fields[11:15]) / _TICK
    me, total = os.getpid(), 0.0
    for pid, seconds in spent.items():
        up = parent.get(pid)
        while up and up != me:
            up = parent.get(up)
        if up == me:
            total += seconds
    return total


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    # Setup, call and teardown together: a fixture's cost lands on the test that builds it.
    start, began = _now(), time.time()
    yield
    _spent[item.nodeid] = _spent.get(item.nodeid, 0.0) + _now() - start
    _ran[item.nodeid] = (began, time.time())


def pytest_sessionfinish(session):
    if _profile is not None:
        _profile.disable()
        # One file per xdist worker: FILE.gw0, FILE.gw1, ... (FILE alone without workers).
        worker = os.environ.get("PYTEST_XDIST_WORKER")
        out = os.environ["CPU_PROFILE_OUT"]
        _profile.dump_stats(f"{out}.{worker}" if worker else out)
    folder = os.environ.get("CPU_TIME_OUT")
    if not folder:
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    Path(folder).mkdir(parents=True, exist_ok=True)
    total = _now()
    (Path(folder) / f"{worker}.json").write_text(json.dumps({"tests": _spent, "process": total, "ran": _ran}))


def report(folder: Path, top_tests: int = 30, top_modules: int = 15) -> str:
    tests: dict[str, float] = {}
    process = 0.0
    # With workers, the controller's own figure ("main") holds theirs again (its children).
    parts = sorted(folder.glob("gw*.json")) or sorted(folder.glob("*.json"))
    for part in parts:
        figures = json.loads(part.read_text())
        tests.update(figures["tests"])
        process += figures["process"]
    modules: dict[str, float] = defaultdict(float)
    for nodeid, seconds in tests.items():
        modules[nodeid.split("::")[0]] += seconds
    lines = [f"{len(tests)} tests, {sum(tests.values()):.1f} s in tests, {process:.1f} s in the workers"]
    lines.append(f"\ntop {top_tests} tests (CPU s)")
    for nodeid, seconds in sorted(tests.items(), key=lambda kv: -kv[1])[:top_tests]:
        lines.append(f"{seconds:7.2f}  {nodeid}")
    lines.append(f"\ntop {top_modules} modules (CPU s)")
    for name, seconds in sorted(modules.items(), key=lambda kv: -kv[1])[:top_modules]:
        lines.append(f"{seconds:7.2f}  {name}")
    lines.extend(_ends(parts))
    return "\n".join(lines)


def _ends(parts: list[Path]) -> list[str]:
    """Per worker: when it began and ended, and the last tests it ran (the run's tail)."""
    ran = {part.stem: json.loads(part.read_text()).get("ran", {}) for part in parts}
    starts = [b for tests in ran.values() for b, _ in tests.values()]
    if not starts:
        return []
    zero = min(starts)
    lines = ["\nworkers (seconds from the first test's start)"]
    for worker, tests in sorted(ran.items()):
        if not tests:
            continue
        order = sorted(tests.items(), key=lambda kv: kv[1][1])
        last = ", ".join(
            f"{nodeid.split('::')[-1][:50]} ({end - begin:.0f} s)" for nodeid, (begin, end) in order[-3:]
        )
        lines.append(f"{worker}: {order[0][1][0] - zero:.0f}-{order[-1][1][1] - zero:.0f} s; last: {last}")
    return lines


if __name__ == "__main__":
    print(report(Path(sys.argv[1])))
