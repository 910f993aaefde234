"""Fixtures for the browser tests: the shipped site built once and served on localhost.

The browser, the server and the page checkers are the suite's own (tests/conftest.py).
"""

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_site import EXTRA_PAPERS, SHARD_PAGES

from paperfeed.testing import ROOT, build_site, copy_site
from tools.static_server import served


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content plus EXTRA_PAPERS: built with pelicanconf.py, indexed by Pagefind."""
    folder = tmp_path_factory.mktemp("site")
    content = copy_site(ROOT / "content", folder / "content", EXTRA_PAPERS)
    output = build_site(content, folder / "output")
    # The command `invoke build` runs after Pelican, with shards small enough that the search
    # page merges several Pagefind bundles, as it does on a large site.
    search_index = ROOT / "scripts" / "search_index.py"
    command = [sys.executable, search_index, "--site", output, "--shard-pages", str(SHARD_PAGES)]
    subprocess.run(command, check=True)
    return output


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1."""
    with served(site) as url:
        yield url


@pytest.fixture
def new_page(browser, base_url: str):
    """Open a page in a fresh browser context (empty storage) with the given options."""
    contexts = []

    def open_page(**context_options):
        context = browser.new_context(base_url=base_url, **context_options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
