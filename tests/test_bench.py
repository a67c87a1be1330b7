"""The benchmark's own parts: synthetic networks are valid, targets are judged right, the
README block is written between its markers. (The timings themselves are `make bench`.)"""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from synthetic import make_network  # noqa: E402

import bench  # noqa: E402
from models import load_network


def test_synthetic_network_is_valid_and_grows_with_copies(tmp_path):
    network = load_network(make_network(25, tmp_path / "net"))
    real = load_network(ROOT / "data")
    assert network.problems == []
    assert len(network.cities) == 25
    # The first ten are the real cities unchanged; the others are renamed copies.
    assert {p.city.id for p in real.cities} <= {p.city.id for p in network.cities}
    copy = network.city("isernia-s1")
    assert copy is not None and copy.city.name == "Isernia (copy 1)"
    original = real.city("isernia")
    assert [a.id for a in copy.actions] == [f"{a.id}-s1" for a in original.actions]
    # A plan action that came from a testing action points at the copy's own testing action.
    origins = [a.testing_origin.action for a in copy.actions if a.testing_origin and a.testing_origin.action]
    assert origins and all(o.endswith("-s1") for o in origins)


def _results(rerun_10: float, rerun_300: float, per_action: tuple[float, float], first_chart: float) -> dict:
    def size(cities, actions, rerun, ms_per_action):
        pages = {
            p: {"first_run_ms": rerun * 3, "rerun_ms": rerun, "rerun_ratio_to_blank": rerun / 3}
            for p in bench.PAGES
        }
        load = {
            "cities": cities,
            "actions": actions,
            "load_ms": ms_per_action * actions,
            "tables_ms": 10.0,
            "load_ms_per_action": ms_per_action,
            "peak_python_memory_mb": 1.0,
        }
        return {"load": load, "data_load_in_app_ms": 50.0, "pages": pages}

    return {
        "when": "2026-01-01 00:00 UTC",
        "commit": "abc1234",
        "machine": {"cpus": 2, "load_average_at_start": 1.0},
        "blank_page_rerun_ms": 3.0,
        "sizes": {
            "10": size(10, 26, rerun_10, per_action[0]),
            "300": size(300, 780, rerun_300, per_action[1]),
        },
        "browser": {
            "rounds": 3,
            "first_visit_s": first_chart,
            "second_visit_s": first_chart / 2,
            "one_chart_page_s": 2.0,
            "one_chart_page_second_s": 1.0,
            "first_visit_ratio": first_chart / 2.0,
            "second_visit_ratio": first_chart / 2 / 1.0,
            "server_start_s": 3.0,
            "one_chart_server_start_s": 1.0,
        },
    }


def _issue16(results: dict, click_ratio: float, room_p95: float, failures: list[str]) -> dict:
    one = {"filter": 0.4, "page": 0.2, "step": 0.3}
    results["clicks"] = {
        "rounds": 3,
        "quiet_s": 0.6,
        "median_s": {
            "app10": {k: v * click_ratio for k, v in one.items()},
            "app300": {k: v * click_ratio for k, v in one.items()},
            "one_chart": one,
        },
        "ratios": {"10": dict.fromkeys(one, click_ratio), "300": dict.fromkeys(one, click_ratio)},
    }
    visit = {
        "sessions": 40,
        "assets": 120,
        "bytes_per_visit": 9e6,
        "single_first_chart_s": 0.4,
        "crowd_first_chart_median_s": room_p95 / 2,
        "crowd_first_chart_p95_s": room_p95,
        "server_cpu_s_per_crowd_visit": 0.3,
        "problems": [],
    }
    results["room"] = {
        "app": visit,
        "one_chart": visit,
        "visitor_estimate": {
            "browser_alone_s": 3.0,
            "median_s": 2.6 + room_p95 / 2,
            "p95_s": 2.6 + room_p95,
            "median_ratio": (2.6 + room_p95 / 2) / 3,
            "p95_ratio": (2.6 + room_p95) / 3,
        },
    }
    results["hard"] = {"100": {"failures": failures, "skipped": [], "seconds": 10}}
    results["profile"] = {"page": "budgets", "cities": 300, "run_ms": 900, "html": "bench/p.html"}
    return results


def test_targets_met_and_missed():
    met = bench.targets(_issue16(_results(100, 400, (0.8, 0.7), 2.0), 1.5, 5.0, []))
    assert [t["met"] for t in met] == [True] * 9
    missed = bench.targets(_issue16(_results(160, 600, (0.5, 1.0), 3.5), 3.5, 7.0, ["transfers: KeyError"]))
    assert [t["met"] for t in missed] == [False, False, False, False, False, False, False, True, False]
    assert missed[0]["measured"] == "slowest overview 160 ms"
    assert missed[2]["measured"].startswith("first visitor 3.50 s (1.75x 2.00 s)")
    assert "1 failures on 100 hard cities (transfers: KeyError)" in missed[6]["measured"]


def test_readme_block_replaces_only_its_part(tmp_path, monkeypatch):
    readme = tmp_path / "README.md"
    readme.write_text(
        f"before\n{bench.README_START}\nold figures\n{bench.README_END}\nafter\n", encoding="utf-8"
    )
    monkeypatch.setattr(bench, "README", readme)
    results = _issue16(_results(100, 400, (0.8, 0.7), 2.0), 1.5, 5.0, [])
    results["targets"] = bench.targets(results)
    bench.update_readme(results)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("before\n<!-- bench:start -->\nLatest run: 2026-01-01 00:00 UTC")
    assert text.endswith("<!-- bench:end -->\nafter\n")
    assert "old figures" not in text
    assert "| overview page rerun | 100 ms (33x); first 300 ms | 400 ms (133x); first 1200 ms |" in text
    assert "| filter | 0.60 s | 0.60 s | 0.40 s |" in text
    assert "- met: a room of 40" in text
