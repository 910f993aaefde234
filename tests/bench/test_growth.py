"""The repository-growth simulation end to end, on a few days: the real daily fetch against
the replay server, a commit a run, a packed repository and a report that parses."""

import json
import subprocess
import sys

import yaml

from paperfeed.testing import ROOT
from tools import growth


def test_a_few_days_of_daily_runs_settle_every_paper_and_report_the_packed_size(tmp_path):
    work = tmp_path / "work"
    options = ["--days", "2", "--papers", "6", "--refresh-days", "3", "--upvote-days", "2"]

    result = subprocess.run(
        [sys.executable, "-m", "tools.growth", *options, "--json", "--keep", str(work)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    # Monday and Tuesday, then the three days the refresh window still covers Tuesday.
    assert report["runs"] == 5
    repo = work / "repo"
    log = subprocess.run(
        ["git", "log", "--format=%s"], cwd=repo, capture_output=True, text=True, check=True
    )
    assert len(log.stdout.splitlines()) == report["commits"] + 1
    assert report["packed_mb"] > 0
    # Papers listed late (after their day was first read) and upvotes given late all arrived.
    days = growth.listing_days(2)
    final = {
        paper.entry["paper"]["id"]: paper.final_upvotes
        for listed in growth.make_papers(days, 6, seed=1).values()
        for paper in listed
    }
    papers = repo / "content" / "papers"
    fetched = {}
    for path in papers.glob("*.md"):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        fetched[str(front["arxiv_id"])] = front.get("upvotes", 0)
    assert fetched == final
    assert report["papers"] == len(final) == 12
