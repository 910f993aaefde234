"""Fixtures every area of the tests may use: Debian's Chromium driven by Playwright and the
page checkers (axe-core, the Nu Html Checker).

The browser tests skip, saying why, only when a tool they need is not installed: Playwright
for Python, /usr/bin/chromium, Java, node_modules. `.ci/run` installs all of them and sets
PAPERFEED_BROWSER_TESTS=required, which turns a missing tool into a failure.
"""

import shutil
from pathlib import Path

import pytest
from browser_tools import ARTIFACTS, AXE, CHROMIUM, CHROMIUM_ARGS, ROOT, VNU, missing_tool


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, launched by Playwright (its own browser download is not used)."""
    try:
        from playwright import sync_api
    except ImportError:
        missing_tool("Playwright for Python is not installed (pip install -r requirements-dev.txt)")
    if not CHROMIUM.exists():
        missing_tool(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's script from node_modules (npm ci)."""
    if not AXE.exists():
        missing_tool(f"{AXE.relative_to(ROOT)} is missing (npm ci)")
    return AXE


@pytest.fixture(scope="session")
def vnu_command() -> list[str]:
    """The Nu Html Checker: `java -jar vnu.jar` from node_modules (npm ci)."""
    java = shutil.which("java")
    if java is None:
        missing_tool("java is missing (apt-get install default-jre-headless)")
    if not VNU.exists():
        missing_tool(f"{VNU.relative_to(ROOT)} is missing (npm ci)")
    return [java, "-jar", str(VNU)]


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The folder for screenshots (test-artifacts/, ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
