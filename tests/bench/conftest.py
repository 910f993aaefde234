"""Fixtures for the benchmark tests: tools/bench.py as a module."""

import pytest

from tools import bench as bench_module


@pytest.fixture(scope="session")
def bench():
    """The bench tool (`python -m tools.bench`) as a module."""
    return bench_module
