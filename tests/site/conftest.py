"""The fixture sites the tests of the built site read, each built once per session."""

import shutil
from pathlib import Path

import pytest
from browser_tools import missing_tool
from site_helpers import LARGE_COLLABORATION, LARGE_PAPER, PUBLIC, REPO_URL, RICH_PAPER

from paperfeed.testing import ROOT, copy_site


@pytest.fixture(scope="session")
def daily_site(fixture_site) -> Path:
    """tests/fixtures/sites/daily-papers built with pelicanconf.py."""
    return fixture_site("daily-papers")


@pytest.fixture(scope="session")
def markup_site(fixture_site) -> Path:
    """tests/fixtures/sites/tex-and-markup and a 600-author paper, built with pelicanconf.py
    and a repository address."""
    return fixture_site("tex-and-markup", [LARGE_PAPER], REPO_URL=REPO_URL)


@pytest.fixture(scope="session")
def feeds_site(fixture_site) -> Path:
    """tests/fixtures/sites/shared-authors and a 600-author paper, built with the hosted
    site's addresses. Every author gets a page, so the tests can tell pages from feeds:
    author feeds stay limited to authors of two or more papers whatever the page threshold."""
    return fixture_site(
        "shared-authors", [LARGE_COLLABORATION], TAXONOMY_AUTHOR_MIN_PAPERS=1, **PUBLIC
    )


@pytest.fixture(scope="session")
def rich_site(fixture_site) -> Path:
    """tests/fixtures/sites/shared-authors and a paper with every field an entry shows, built
    with the hosted site's addresses."""
    return fixture_site("shared-authors", [RICH_PAPER], **PUBLIC)


@pytest.fixture(scope="session")
def shipped_site(fixture_site) -> Path:
    """The shipped content (content/), built with the hosted site's addresses."""
    return fixture_site(ROOT / "content", **PUBLIC)


@pytest.fixture(scope="session")
def newsboat() -> str:
    """Debian's newsboat, the terminal feed reader."""
    found = shutil.which("newsboat")
    if found is None:
        missing_tool("newsboat is missing (apt-get install newsboat)")
    return found


@pytest.fixture
def feeds_content(tmp_path: Path) -> Path:
    """A copy of the content of feeds_site that a test may change."""
    return copy_site("shared-authors", tmp_path / "content", [LARGE_COLLABORATION])
