"""A fetch killed, stopped or doubled mid-write: paper files and base records stay a pair."""

from __future__ import annotations

import signal
import time

import pytest
from fetch_helpers import (
    DAY,
    entry,
    read_paper,
    run_cli,
    run_cli_signalled,
    serve_list,
    snapshot,
    start_cli,
)

ID = "2606.99001"
# A paper's commit renames three files: its journal into place, the paper file, its base record.
KILL_POINTS = {
    "while staging, before the journal": 1,
    "after the journal, before the paper file": 2,
    "between the paper file and its base record": 3,
}


@pytest.mark.parametrize("at_replace", KILL_POINTS.values(), ids=KILL_POINTS.keys())
def test_the_fetch_after_a_killed_one_leaves_no_temp_file_and_follows_upstream(
    at_replace, server, papers, variations
):
    listed = [entry(ID, "Mana", ["Ana Author"], "An abstract.", upvotes=1)]
    serve_list(variations, DAY, listed)
    killed = run_cli_signalled(
        server, papers, signal.SIGKILL, at_replace, "hf", "--date", DAY, "--no-enrich"
    )
    assert killed.returncode == -signal.SIGKILL
    listed[0]["paper"]["upvotes"] = 7
    serve_list(variations, DAY, listed)

    result = run_cli(server, papers, "hf", "--date", DAY, "--no-enrich")

    assert result.returncode == 0, result.stderr
    assert read_paper(papers / f"{ID}.md")["upvotes"] == 7  # no stale value frozen as an edit
    assert sorted(snapshot(papers.parent)) == [f"papers/.upstream/{ID}.yaml", f"papers/{ID}.md"]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_stop_signal_mid_write_finishes_the_paper_then_stops(signum, server, papers, variations):
    listed = [entry(ID, "Mana", ["A"], "x"), entry("2606.99002", "Other", ["B"], "y")]
    serve_list(variations, DAY, listed)

    result = run_cli_signalled(server, papers, signum, 2, "hf", "--date", DAY, "--no-enrich")

    assert result.returncode == 128 + signum
    assert result.stderr == "fetch.py: error: interrupted; every file written is complete\n"
    assert result.stdout.splitlines()[-1] == "new 1, updated 0, unchanged 0, skipped 0"
    assert sorted(snapshot(papers.parent)) == [f"papers/.upstream/{ID}.yaml", f"papers/{ID}.md"]


def test_a_second_fetch_into_the_same_folder_refuses_while_one_runs(server, papers, run):
    server.inject("/api/daily_papers", delay=2)
    first = start_cli(server, papers, "hf", "--date", DAY, "--no-enrich")
    lock = papers / ".upstream" / ".fetch.lock"
    waited = time.monotonic()
    while not lock.exists() and time.monotonic() - waited < 10:
        time.sleep(0.02)

    status, out, err = run("hf", "--date", DAY, "--no-enrich")

    assert status == 1
    assert err == (
        f"fetch.py: error: another fetch is writing to {papers} (it holds {lock}); "
        "wait for it to finish\n"
    )
    assert out == "new 0, updated 0, unchanged 0, skipped 0\n"
    first_out, _ = first.communicate(timeout=30)
    assert first.returncode == 0
    assert first_out.splitlines()[-1] == "new 30, updated 0, unchanged 0, skipped 0"
    assert not lock.exists()
