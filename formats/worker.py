"""Run one parse of an uploaded file in a process of its own, with a time and a memory limit.

The server is one process shared by every person using the dashboard: a file that makes a
parser run for minutes or take gigabytes would stop it for all of them. Here the parse runs
in a fresh Python process (`python -m formats.worker`) whose address space is capped where the
platform allows (resource.RLIMIT_AS on Linux and macOS) and which is killed when its time is
up. The function's module and name and its arguments go to it pickled on its standard input,
its result comes back pickled on its standard output (both written by this module only).
The cost is the child's start, about a second.
"""

from __future__ import annotations

import importlib
import logging
import os
import pickle
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from words import number
from words.i18n import _, language, use_language

logger = logging.getLogger(__name__)

TIME_LIMIT_S = 60
MEMORY_LIMIT_BYTES = 1_500_000_000
ROOT = Path(__file__).resolve().parent.parent  # the project, for `-m formats.worker`


class OverLimit(Exception):
    """The parse passed its time or memory limit, or could not be run; in words."""


def _too_much_memory(memory: int) -> OverLimit:
    return OverLimit(
        _("reading it needed more than the {size} GB of memory a file may use").format(
            size=number(round(memory / 1e9, 1))
        )
    )


def run_limited(function: Callable, *args, seconds: float = TIME_LIMIT_S, memory: int = MEMORY_LIMIT_BYTES):
    """`function(*args)` in a child process; its result, or OverLimit saying which limit it
    passed. `function` must be a module-level function, its arguments and result picklable.
    An exception inside it is logged (with its traceback, for whoever runs the server) and
    raised as OverLimit."""
    # The child speaks the language of this run: its messages are read by the same person.
    job = pickle.dumps((function.__module__, function.__qualname__, args, memory, language()))
    environ = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and module, no shell
            [sys.executable, "-m", "formats.worker"],
            input=job,
            capture_output=True,
            timeout=seconds,
            env=environ,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise OverLimit(
            _("reading it took longer than {seconds} seconds, the most a file may take").format(
                seconds=number(round(seconds))
            )
        ) from None
    try:
        kind, value = pickle.loads(done.stdout)  # noqa: S301 - written by our own child process
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError):
        logger.error(
            "The reading process ended with code %s:\n%s",
            done.returncode,
            done.stderr.decode(errors="replace"),
        )
        if done.returncode < 0 or b"MemoryError" in done.stderr:
            raise _too_much_memory(memory) from None
        raise OverLimit(_("it could not be read (the reason is in the server's log)")) from None
    if kind == "memory":
        raise _too_much_memory(memory)
    if kind == "error":
        logger.error("Reading an uploaded file failed:\n%s", value)
        raise OverLimit(_("it could not be read (the reason is in the server's log)"))
    return value


def _main() -> None:
    module, name, args, memory, spoken = pickle.loads(sys.stdin.buffer.read())  # noqa: S301 - from run_limited
    try:
        import resource  # optional: POSIX only (absent on Windows)

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):  # Windows, or a lower limit already set
        pass
    out = sys.stdout.buffer
    try:
        function = importlib.import_module(module)
        for part in name.split("."):
            function = getattr(function, part)
        with use_language(spoken):
            result = ("ok", function(*args))
    except MemoryError:
        result = ("memory", None)
    except Exception:  # noqa: BLE001 - any failure goes back to the parent, which logs it
        result = ("error", traceback.format_exc())
    try:
        payload = pickle.dumps(result)
    except MemoryError:
        payload = pickle.dumps(("memory", None))
    out.write(payload)
    out.flush()


if __name__ == "__main__":
    _main()
