"""`invoke new-site`: a clean start from the shipped sample site, then a fetch writes every
paper of a day (with the samples deleted by hand instead, it skipped all of them)."""

from __future__ import annotations

import datetime
import shutil
import subprocess

from fetch_helpers import DAY

from paperfeed.catchup import record_path, write_last_day
from paperfeed.check import shown_path
from paperfeed.testing import ROOT, invoke_command


def test_new_site_then_a_fetch_writes_every_paper_of_the_day(run, papers):
    content = papers.parent
    shutil.copytree(ROOT / "content", content, dirs_exist_ok=True)
    write_last_day(record_path(papers), datetime.date.fromisoformat(DAY))
    topics, sources = (
        (content / "topics.yaml").read_bytes(),
        (content / "sources.yaml").read_bytes(),
    )

    result = subprocess.run(
        invoke_command("new-site", "--content", str(content)),
        capture_output=True,
        text=True,
        check=True,
    )

    shipped = len(list((ROOT / "content" / "papers").glob("*.md")))
    assert result.stdout.splitlines() == [
        f"new-site: deleted {shipped} paper files from {shown_path(papers)}/ and {shipped} base "
        f"records from {shown_path(papers / '.upstream')}/, and the record of the last fetch "
        f"(until you commit, `git restore {shown_path(content)}` brings them back)",
        f"new-site: kept {shown_path(content / 'topics.yaml')}, "
        f"{shown_path(content / 'sources.yaml')}, and the settings in pelicanconf.py",
        "new-site: next (README, Make it your own): name the site in pelicanconf.py, choose its "
        "topics and sources, then fetch: python scripts/fetch.py daily",
    ]
    assert [path for path in papers.rglob("*") if path.is_file()] == []
    assert (content / "topics.yaml").read_bytes() == topics
    assert (content / "sources.yaml").read_bytes() == sources

    status, out, _ = run("hf", "--date", DAY, "--no-enrich")

    assert status == 0
    assert out.splitlines()[-1] == "new 30, updated 0, unchanged 0, skipped 0"
