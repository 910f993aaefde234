"""Tools the browser checks of every test area share: a static server for a built site,
Debian's Chromium and the page checkers, and the rule for a missing tool."""

import contextlib
import os
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NoReturn

import pytest

from paperfeed.testing import ROOT

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


def missing_tool(reason: str) -> NoReturn:
    """Skip the test for a missing tool; fail it where .ci/run said every tool is installed."""
    if os.environ.get("PAPERFEED_BROWSER_TESTS") == "required":
        pytest.fail(f"{reason}, yet PAPERFEED_BROWSER_TESTS=required (.ci/run installs it)")
    pytest.skip(f"{reason}: {MISSING_TOOLS}")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve `folder` with a threaded http.server on 127.0.0.1 (a free port); yields its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
