"""The daily workflow's fetch and commit steps, run as GitHub Actions runs them (bash with -e
and pipefail, the step's environment) in a git copy of the repository with its own `origin`,
against the replay server: what content/sources.yaml names is fetched, and committed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_workflows import load, steps

from paperfeed.catchup import read_last_day, record_path
from paperfeed.testing import ROOT
from tools.replay_server import RECORDINGS, ReplayServer, write_arxiv_entries

QUERY = "all:transformer AND cat:cs.LG"  # recorded, 5 results
QUERY_IDS = {"2606.13677", "2606.13591", "2606.13568", "2606.13515", "2606.13501"}
SOURCES = f'huggingface:\n  tags: [cs.RO]\narxiv:\n  - query: "{QUERY}"\n    max: 5\n'
FAST = {"PAPERFEED_TIMEOUT": "5", "PAPERFEED_RETRIES": "0", "PAPERFEED_ARXIV_DELAY": "0"}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A clone of a copy of the repository (what the fetch step needs: the tasks, the fetch
    script, the topics) with a sources file, pushed to a bare `origin`."""
    work = tmp_path / "work"
    for name in ("tasks.py", "scripts/fetch.py", "content/topics.yaml"):
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, work / name)
    (work / "content" / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", "origin.git")
    git(work, "init", "--quiet", "--initial-branch=main")
    git(work, "add", ".")
    git(work, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "site")
    git(work, "remote", "add", "origin", str(tmp_path / "origin.git"))
    git(work, "push", "--quiet", "origin", "main")
    return work


@pytest.fixture
def upstream(tmp_path: Path):
    """The replay server, with arXiv's categories for three papers of the recorded day."""
    variations = tmp_path / "recordings"
    categories = {
        "2606.08039": ["cs.RO", "cs.LG"],
        "2606.08103": ["cs.RO"],
        "2606.00467": ["cs.CL"],
    }
    write_arxiv_entries(variations, categories)
    with ReplayServer([variations, RECORDINGS]) as server:
        yield server


def run_step(name: str, repo: Path, env: dict[str, str]) -> dict[str, str]:
    """Run the daily workflow's step `name` in `repo` on a scheduled run (no inputs); its
    outputs. A failing step fails the test with its output."""
    step = next(step for step in steps(load("fetch.yml")) if step.get("name") == name)
    outputs = repo.parent / "github_output"
    outputs.write_text("", encoding="utf-8")
    step_env = {
        key: "" if "${{ inputs." in value else value for key, value in step.get("env", {}).items()
    }
    environment = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(repo.parent),
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_REF_NAME": "main",
        **FAST,
        **step_env,
        **env,
    }
    command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]]
    result = subprocess.run(command, cwd=repo, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = outputs.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines)


def daily_run(repo: Path, upstream: ReplayServer, today: str) -> dict[str, str]:
    """The fetch step, then the commit step (given the fetch step's outputs); the commit
    step's outputs."""
    env = {**upstream.env(), "PAPERFEED_TODAY": today}
    fetched = run_step("Fetch papers", repo, env)
    return run_step("Commit new and changed papers", repo, {"WHAT": fetched["what"]})


def test_the_fetch_step_fetches_the_filtered_daily_papers_and_the_arxiv_searches(repo, upstream):
    outputs = run_step("Fetch papers", repo, {**upstream.env(), "PAPERFEED_TODAY": "2026-06-12"})

    papers = repo / "content" / "papers"
    assert {path.stem for path in papers.glob("*.md")} == {"2606.08039", "2606.08103", *QUERY_IDS}
    assert read_last_day(record_path(papers)).isoformat() == "2026-06-12"
    assert outputs["what"].startswith("the daily fetch of ")


def test_the_commit_step_commits_every_run_and_deploys_only_when_papers_changed(repo, upstream):
    first = daily_run(repo, upstream, "2026-06-12")
    record_only = daily_run(repo, upstream, "2026-06-13")
    nothing = daily_run(repo, upstream, "2026-06-13")

    assert first["changed"] == "true"
    assert record_only["changed"] == "false"
    assert record_only["sha"] != first["sha"]
    assert nothing == {"changed": "false"}
    subjects = git(repo, "log", "--format=%an: %s", "origin/main").splitlines()
    assert subjects[0] == subjects[1]
    assert subjects[0].startswith("github-actions[bot]: Papers of the daily fetch of ")
    changed = git(repo, "show", "--name-only", "--format=", record_only["sha"]).split()
    assert changed == ["content/papers/.upstream/last-fetch.yaml"]
