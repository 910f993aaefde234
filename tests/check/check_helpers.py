"""Helpers of the `invoke check` tests: fixture content in a temp folder, real commands."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from paperfeed.testing import SITES

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
VALID = SITES / "valid-papers"
CHECK_SCRIPT = ROOT / "scripts" / "check.py"


def copy_fixture(destination: Path, kind: str, shared_topics: bool = True) -> Path:
    """Copy fixture folder `kind` to `destination`/content; returns that content folder.

    The fixture's own topics.yaml is used when it has one, else the shared one (unless
    `shared_topics` is false).
    """
    content = destination / "content"
    shutil.copytree(VALID if kind == "good" else FIXTURES / kind, content)
    if shared_topics and not (content / "topics.yaml").exists():
        shutil.copy(VALID / "topics.yaml", content / "topics.yaml")
    return content


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None):
    """Run a real command; returns the completed process with text output."""
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )
