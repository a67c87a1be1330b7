"""The suite's xdist groups hold: under `--dist loadgroup` (the Makefile's PARALLEL) a test
marked xdist_group carries its group in its address, which is what pytest-xdist sends to one
worker as a whole. pytest 9.2 stopped pytest-xdist 3.8 from adding it, and nothing said so:
the servers of the browser modules (tests/conftest.py groups each module's tests) and the one
walk of Present (tests/present_walk.py) were started again in every worker."""

from __future__ import annotations

import pytest


@pytest.mark.xdist_group("groups-hold")
def test_a_grouped_test_carries_its_group_in_its_address(request):
    if not getattr(request.config.option, "loadgroup", False):  # set in pytest-xdist's workers
        pytest.skip("not run by pytest-xdist with --dist loadgroup")
    assert request.node.nodeid.endswith("@groups-hold"), (
        "pytest-xdist did not add the group to the test's address: every xdist_group is ignored "
        "(a pytest release pytest-xdist does not follow? see pyproject.toml)"
    )
