"""Fixtures for the site build tests."""

import shutil
import sys
from pathlib import Path

import pytest
from build_helpers import FIXTURE_CONTENT, ROOT, build_site

# The tests take the page_writer plugin's output lock (page_writer.output_lock) as a build does.
sys.path.insert(0, str(ROOT / "plugins"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture papers built once with pelicanconf.py (tests only read it)."""
    return build_site(FIXTURE_CONTENT, tmp_path_factory.mktemp("site") / "output")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the fixture content that a test may change."""
    return Path(shutil.copytree(FIXTURE_CONTENT, tmp_path / "content"))
