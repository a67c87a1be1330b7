"""Shared test helpers: small data folders built from fixture text."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REAL_DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"


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
