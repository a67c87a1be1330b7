"""A small version of `make bench`'s load step, in every `make test`: a few browser sessions
at once while a city file is edited and saved. (The 20-session run takes minutes on a shared
two-core machine, so it lives in `make bench`; see scripts/load_test.py.)"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import REAL_DATA, ROOT, in_own_thread

sys.path.insert(0, str(ROOT / "scripts"))
from browser import CHROMIUM  # noqa: E402
from load_test import run_load_test  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


def test_sessions_during_edits_see_whole_versions_and_the_edit_is_kept():
    result = in_own_thread(run_load_test, REAL_DATA, sessions=4, views=2, timeout_s=120)
    assert result["failures"] == []
    assert result["ok"]
    assert result["page_views"] == 8
    assert result["saves"] >= 1  # the file really changed while the sessions ran


def test_a_small_room_through_the_websocket_protocol_gets_every_first_chart():
    from browser import app_process
    from room import measure_room

    with app_process(data_dir=str(REAL_DATA)) as (base, process):
        result = in_own_thread(measure_room, base, process.pid, assets=[], sessions=3, singles=1)
    assert result["problems"] == []
    assert result["charts_received"] == 3
    assert result["server_cpu_s_per_crowd_visit"] > 0
