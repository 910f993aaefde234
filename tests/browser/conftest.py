"""Fixtures for the browser tests: the shipped site built once, served on localhost, and
Debian's Chromium driven by Playwright.

The tests skip, saying why, only when a tool they need is not installed: Playwright for
Python, /usr/bin/chromium, Java, node_modules. `.ci/run` installs all of them and sets
PAPERFEED_BROWSER_TESTS=required, which turns a missing tool into a failure.
"""

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NoReturn

import pytest
import yaml
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).parents[2]
# scripts/search_index.py, which indexes the site, also says which shard holds a paper.
sys.path.insert(0, str(ROOT / "scripts"))
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "test-artifacts"
MISSING_TOOLS = "run .ci/run, or see README.md 'Browser tests'"

# A paper with a very long author list, added to a copy of the shipped content: the paper
# page must shorten such a list into a <details> element.
# Shards of the search index: the 39 papers make four Pagefind bundles.
SHARD_PAGES = 12
LONG_PAPER_ID = "2605.00600"
LONG_PAPER_AUTHORS = [f"Author Number{n}" for n in range(1, 601)]


def _missing(reason: str) -> NoReturn:
    """Skip the test for a missing tool; fail it where .ci/run said every tool is installed."""
    if os.environ.get("PAPERFEED_BROWSER_TESTS") == "required":
        pytest.fail(f"{reason}, yet PAPERFEED_BROWSER_TESTS=required (.ci/run installs it)")
    pytest.skip(f"{reason}: {MISSING_TOOLS}")


def _write_long_paper(papers: Path) -> None:
    front_matter = {
        "title": "A Collaboration Paper with Six Hundred Authors",
        "arxiv_id": LONG_PAPER_ID,
        "authors": LONG_PAPER_AUTHORS,
        "date": "2026-05-01",
        "published": "2026-05-01",
        "tags": ["cs.LG"],
    }
    text = yaml.safe_dump(front_matter, sort_keys=False, allow_unicode=True)
    text = text.replace("'2026-05-01'", "2026-05-01")  # YAML dates, as the contract says
    body = "A large collaboration reports its results."
    (papers / f"{LONG_PAPER_ID}.md").write_text(f"---\n{text}---\n\n{body}\n", encoding="utf-8")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content plus the long paper: built with pelicanconf.py, indexed by Pagefind."""
    content = Path(shutil.copytree(ROOT / "content", tmp_path_factory.mktemp("content") / "c"))
    _write_long_paper(content / "papers")
    output = tmp_path_factory.mktemp("site") / "output"
    override = {"PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": f"{output}-cache"}
    Pelican(settings=read_settings(str(ROOT / "pelicanconf.py"), override=override)).run()
    # The command `invoke build` runs after Pelican, with shards small enough that the search
    # page merges several Pagefind bundles, as it does on a large site.
    search_index = ROOT / "scripts" / "search_index.py"
    command = [sys.executable, search_index, "--site", output, "--shard-pages", str(SHARD_PAGES)]
    subprocess.run(command, check=True)
    return output


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site served by a threaded http.server on 127.0.0.1 (a free port)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, launched by Playwright (its own browser download is not used)."""
    try:
        from playwright import sync_api
    except ImportError:
        _missing("Playwright for Python is not installed (pip install -r requirements-dev.txt)")
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's script from node_modules (npm ci)."""
    if not AXE.exists():
        _missing(f"{AXE.relative_to(ROOT)} is missing (npm ci)")
    return AXE


@pytest.fixture(scope="session")
def vnu_command() -> list[str]:
    """The Nu Html Checker: `java -jar vnu.jar` from node_modules (npm ci)."""
    java = shutil.which("java")
    if java is None:
        _missing("java is missing (apt-get install default-jre-headless)")
    if not VNU.exists():
        _missing(f"{VNU.relative_to(ROOT)} is missing (npm ci)")
    return [java, "-jar", str(VNU)]


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The folder for screenshots (test-artifacts/, ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
