"""Fixtures for the feed tests: the fixture papers plus a 600-author paper, built for real."""

import shutil
from pathlib import Path

import pytest
from feeds_helpers import FIXTURES, PUBLIC, write_large_collaboration

from paperfeed.testing import build_site


def _content(folder: Path) -> Path:
    content = Path(shutil.copytree(FIXTURES / "content", folder))
    write_large_collaboration(content / "papers")
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture content built once (tests only read it)."""
    folder = tmp_path_factory.mktemp("feeds")
    # Every author gets a page here, so the tests can tell pages from feeds: author feeds
    # stay limited to authors of two or more papers whatever the page threshold is.
    content = _content(folder / "content")
    return build_site(content, folder / "output", TAXONOMY_AUTHOR_MIN_PAPERS=1, **PUBLIC)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the fixture content (with the 600-author paper) that a test may change."""
    return _content(tmp_path / "content")
