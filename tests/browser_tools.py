"""Tools the browser checks of every test area share: a static server for a built site,
Debian's Chromium and the page checkers, and the rule for a missing tool."""

import os
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
