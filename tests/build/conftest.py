"""Fixtures for the site build tests."""

from pathlib import Path

import pytest

from paperfeed.testing import copy_site


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/sites/daily-papers that a test may change."""
    return copy_site("daily-papers", tmp_path / "content")
