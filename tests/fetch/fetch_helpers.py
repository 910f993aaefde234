"""Helpers of the fetch tests: run the CLI, snapshot folders, make Daily Papers variations."""

from __future__ import annotations

import copy
import json
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

from paperfeed.check import check_content
from paperfeed.store import PaperStore
from paperfeed.tags import read_vocabulary
from paperfeed.testing import ROOT
from tools.replay_server import RECORDINGS, ReplayServer

__all__ = ["CONSTRUCTED", "FAST", "RECORDINGS", "ReplayServer"]

FETCH_SCRIPT = ROOT / "scripts" / "fetch.py"
TOPICS = ROOT / "content" / "topics.yaml"
# Upstream answers made up for the tests (tests/fixtures/upstream/ holds recorded ones).
CONSTRUCTED = ROOT / "tests" / "fixtures" / "upstream-constructed"
DAY = "2026-06-12"
DAILY_LIST = RECORDINGS / "hf" / f"daily_papers_{DAY}.json"
# Fast failures: one retry, short timeouts, no arXiv pacing.
FAST = {"PAPERFEED_TIMEOUT": "1", "PAPERFEED_RETRIES": "1", "PAPERFEED_ARXIV_DELAY": "0"}


# scripts/fetch.py run with a signal sent to itself just before its Nth os.replace (the renames
# that commit a paper's files): argv is signal number, N, the script, then its arguments.
_SIGNALLED_FETCH = """
import os, runpy, sys

from paperfeed.testing import ROOT
signum, at_call = int(sys.argv[1]), int(sys.argv[2])
replace, calls = os.replace, 0
def signalling_replace(source, target):
    global calls
    calls += 1
    if calls == at_call:
        os.kill(os.getpid(), signum)
    replace(source, target)
os.replace = signalling_replace
sys.argv = sys.argv[3:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def run_in_process(*args: str) -> int:
    """Run scripts/fetch.py in this process as `python scripts/fetch.py ARGS` runs it; its exit
    status."""
    saved = sys.argv
    sys.argv = [str(FETCH_SCRIPT), *args]
    try:
        runpy.run_path(str(FETCH_SCRIPT), run_name="__main__")
    except SystemExit as exit:
        return exit.code
    finally:
        sys.argv = saved
    raise AssertionError("scripts/fetch.py ended without an exit status")


def run_cli(server: ReplayServer, papers: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `python scripts/fetch.py` as a user does, against the replay server."""
    command = [sys.executable, str(FETCH_SCRIPT), *args, "--content-dir", str(papers)]
    return subprocess.run(command, env=_env(server), capture_output=True, text=True, timeout=60)


def start_cli(server: ReplayServer, papers: Path, *args: str) -> subprocess.Popen:
    """Start `python scripts/fetch.py` as run_cli does, without waiting for it."""
    command = [sys.executable, str(FETCH_SCRIPT), *args, "--content-dir", str(papers)]
    return subprocess.Popen(command, env=_env(server), stdout=subprocess.PIPE, text=True)


def run_cli_signalled(
    server: ReplayServer, papers: Path, signum: int, at_replace: int, *args: str
) -> subprocess.CompletedProcess:
    """Run the fetch in its own process as run_cli does, sending it `signum` just before its
    `at_replace`-th rename of a file (1 is the first)."""
    command = [
        *(sys.executable, "-c", _SIGNALLED_FETCH, str(signum), str(at_replace), str(FETCH_SCRIPT)),
        *(*args, "--content-dir", str(papers)),
    ]
    return subprocess.run(command, env=_env(server), capture_output=True, text=True, timeout=60)


def _env(server: ReplayServer) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", **server.env(), **FAST}


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a content folder (hidden ones too), by relative path, but its topics
    file, which the fetch only reads."""
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path != folder / TOPICS.name
    }


def recorded_list() -> list[dict]:
    """A fresh copy of the recorded Daily Papers list of 2026-06-12."""
    return json.loads(DAILY_LIST.read_text(encoding="utf-8"))


def serve_list(variations: Path, day: str, entries: list[dict]) -> None:
    """Serve `entries` as the Daily Papers list of `day` (their listing day set to it)."""
    entries = copy.deepcopy(entries)
    for entry in entries:
        entry["paper"]["submittedOnDailyAt"] = f"{day}T00:00:00.000Z"
    path = variations / "hf" / f"daily_papers_{day}.json"
    path.write_text(json.dumps(entries), encoding="utf-8")


def entry(arxiv_id: str, title: str, authors: list[str], summary: str, **paper) -> dict:
    """A Daily Papers entry of the shape Hugging Face sends."""
    fields = {
        "id": arxiv_id,
        "title": title,
        "summary": summary,
        "authors": [{"name": name, "hidden": False} for name in authors],
        "publishedAt": "2026-06-10T00:00:00.000Z",
        "submittedOnDailyAt": "2026-06-11T00:00:00.000Z",
        "upvotes": 1,
        **paper,
    }
    return {"paper": fields, "title": title, "summary": summary, "numComments": 0}


def content_folder(papers: Path) -> None:
    """Make the content folder of `papers` as the repository's: the project's topics file
    beside the (not yet existing) papers folder, as the fetch and the check expect it."""
    papers.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(TOPICS, papers.parent / TOPICS.name)


def read_paper(path: Path) -> dict | None:
    """A paper file as the fetch reads a file it merges into: its front matter and its body
    (PaperFileError when the model's validation refuses it)."""
    return PaperStore(path.parent, read_vocabulary(TOPICS)).read_paper(path)


def check_problems(papers: Path) -> list[str]:
    """What `invoke check` says of the fetched papers (with the topics file beside them)."""
    return [str(problem) for problem in check_content(papers).problems]


def write_sources(papers: Path, text: str) -> Path:
    """Write the sources file of the content folder of `papers`."""
    path = papers.parent / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path
