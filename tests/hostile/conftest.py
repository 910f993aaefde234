"""The hostile chain run once: upstream answers replayed -> fetch -> a pull request's file ->
check -> build -> search index, each as a user runs it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile_inputs import (
    ARXIV_QUERY,
    DAY,
    PULL_REQUEST_FILE,
    PULL_REQUEST_PAPER,
    Expected,
    write_recordings,
)

from paperfeed.testing import ROOT, pelican_command
from tools.replay_server import RECORDINGS, ReplayServer

FAST = {"PAPERFEED_TIMEOUT": "5", "PAPERFEED_RETRIES": "0", "PAPERFEED_ARXIV_DELAY": "0"}


@dataclass
class Chain:
    """What each step of the chain printed and made."""

    expected: list[Expected]
    fetches: list[subprocess.CompletedProcess]
    check: subprocess.CompletedProcess
    build: subprocess.CompletedProcess
    search: subprocess.CompletedProcess
    content: Path
    site: Path

    def accepted(self) -> list[str]:
        """The file ids of the papers the chain must have published."""
        return [item.fileid for item in self.expected if item.fileid] + [PULL_REQUEST_FILE]


def _run(command: list, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=300, **options
    )


@pytest.fixture(scope="session")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Chain:
    """Run the whole chain on hostile input into a temporary folder."""
    work = tmp_path_factory.mktemp("hostile")
    expected = write_recordings(work / "recordings")
    content = work / "content"
    (content / "papers").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "topics.yaml", content / "topics.yaml")
    papers = content / "papers"
    fetch = [sys.executable, ROOT / "scripts" / "fetch.py"]
    with ReplayServer([work / "recordings", RECORDINGS]) as server:
        env = {"PATH": "/usr/bin:/bin", **server.env(), **FAST}
        fetches = [
            _run([*fetch, "hf", "--date", DAY, "--content-dir", papers], env=env),
            _run(
                [*fetch, "arxiv", "--query", ARXIV_QUERY, "--max", "5", "--content-dir", papers],
                env=env,
            ),
        ]
    (papers / f"{PULL_REQUEST_FILE}.md").write_text(PULL_REQUEST_PAPER, encoding="utf-8")
    check = _run([sys.executable, ROOT / "scripts" / "check.py", "--content-dir", papers])
    site = work / "output"
    build = _run(pelican_command(content, site), cwd=ROOT)
    search = _run([sys.executable, ROOT / "scripts" / "search_index.py", "--site", site])
    return Chain(expected, fetches, check, build, search, content, site)
