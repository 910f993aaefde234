"""Fixtures for the site build tests."""

import shutil
from pathlib import Path

import pytest
from build_helpers import FIXTURE_CONTENT

from paperfeed.testing import build_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture papers built once with pelicanconf.py (tests only read it)."""
    return build_site(FIXTURE_CONTENT, tmp_path_factory.mktemp("site") / "output")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the fixture content that a test may change."""
    return Path(shutil.copytree(FIXTURE_CONTENT, tmp_path / "content"))
