"""Helpers of the `invoke check` tests: content folders made from the valid fixture papers,
real commands."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from paperfeed.testing import ROOT, SITES

VALID = SITES / "valid-papers"
GOOD_PAPER = (VALID / "papers" / "2406.01234.md").read_text(encoding="utf-8")
CHECK_SCRIPT = ROOT / "scripts" / "check.py"
# A script address in an optional field: one problem, on line 10.
SCRIPT_LINK = ("project_page: https://example.org/attention/", 'project_page: "javascript:x()"')
# Problems on lines 5, 6, 8, 9 and 11 (and its topic Agents has problems).
BAD_TOPICS = """\
- name: LLMs
  slug: llms
  description: Large language models.
  phrases: ["large language model", "LLM"]
- name: llms
  slug: llms
  description: The same topic again.
  phrases: []
- name: Agents
  description: Systems that plan and act with tools.
  phrases: ["agent", ""]
"""


def one_paper(
    destination: Path,
    edit: tuple[str, str] = ("", ""),
    name: str = "2406.01234.md",
    topics: bool = True,
) -> Path:
    """destination/content holding one paper file, `name`: the good paper with `edit` made,
    and (with `topics`) the topics file of the valid papers; returns the content folder."""
    content = destination / "content"
    (content / "papers").mkdir(parents=True)
    old, new = edit
    assert old in GOOD_PAPER
    (content / "papers" / name).write_text(GOOD_PAPER.replace(old, new, 1), encoding="utf-8")
    if topics:
        shutil.copy(VALID / "topics.yaml", content / "topics.yaml")
    return content


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None):
    """Run a real command; returns the completed process with text output."""
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )
