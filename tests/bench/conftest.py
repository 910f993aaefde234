"""Fixtures for the benchmark tests: scripts/bench.py loaded as a module."""

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "bench.py"


@pytest.fixture(scope="session")
def bench():
    """The bench script as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("paperfeed_bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the module executes.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
