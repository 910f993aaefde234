"""Fixtures for the page tests: real Pelican builds of papers no other test uses."""

import shutil
from pathlib import Path

import pytest
from pages_helpers import FIXTURE_CONTENT, REPO_URL, write_large_paper

from paperfeed.testing import build_site


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture papers plus a generated 600-author paper."""
    folder = Path(shutil.copytree(FIXTURE_CONTENT, tmp_path_factory.mktemp("pages") / "content"))
    write_large_paper(folder / "papers")
    return folder


@pytest.fixture(scope="module")
def site(content: Path) -> Path:
    """The content built once with pelicanconf.py and a repository address."""
    return build_site(content, content.parent / "output", REPO_URL=REPO_URL)
