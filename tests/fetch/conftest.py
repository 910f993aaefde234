"""Fixtures for the fetch tests: the replay server, a variations folder, a fetch runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from fetch_helpers import (
    CONSTRUCTED,
    FAST,
    RECORDINGS,
    ReplayServer,
    content_folder,
    run_in_process,
)


@pytest.fixture
def variations(tmp_path: Path) -> Path:
    """A recordings folder served before the recorded responses, for a test's variations."""
    folder = tmp_path / "recordings"
    (folder / "hf").mkdir(parents=True)
    (folder / "arxiv").mkdir()
    return folder


@pytest.fixture
def server(variations: Path):
    """The replay server: test variations first, then the constructed and the recorded answers."""
    with ReplayServer([variations, CONSTRUCTED, RECORDINGS]) as replay:
        yield replay


@pytest.fixture
def papers(tmp_path: Path) -> Path:
    """The papers folder the fetch writes to (not made yet), in a content folder holding the
    project's topics file; its base records go beside it."""
    papers = tmp_path / "content" / "papers"
    content_folder(papers)
    return papers


@pytest.fixture
def run(server: ReplayServer, papers: Path, monkeypatch, capsys):
    """Run scripts/fetch.py in this process against the replay server: (exit status, stdout,
    stderr)."""
    for name, value in {**server.env(), **FAST}.items():
        monkeypatch.setenv(name, value)

    def run_fetch(*args: str) -> tuple[int, str, str]:
        status = run_in_process(*args, "--content-dir", str(papers))
        out, err = capsys.readouterr()
        return status, out, err

    return run_fetch
