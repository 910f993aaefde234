"""Base records belong to their papers folder (`DIR/.upstream/`): a paper deleted by hand stays
deleted until its base record goes, and two papers folders never share records."""

from __future__ import annotations

import shutil

from fetch_helpers import DAY, run_cli, snapshot

from paperfeed.check import shown_path


def test_a_paper_deleted_by_hand_stays_deleted_and_the_summary_says_how_to_bring_it_back(
    run, papers
):
    run("hf", "--date", DAY, "--no-enrich")
    (papers / "2606.00467.md").unlink()
    (papers / "2606.06113.md").unlink()

    status, out, _ = run("hf", "--date", DAY, "--no-enrich")

    assert status == 0
    record = shown_path(papers / ".upstream" / "2606.00467.yaml")
    assert (
        f"skipped  2606.00467         {shown_path(papers / '2606.00467.md')} was deleted by "
        f"hand; to fetch it again, delete {record}"
    ) in out.splitlines()
    assert not (papers / "2606.00467.md").exists()
    assert out.splitlines()[-1] == (
        "new 0, updated 0, unchanged 28, skipped 2 (2 deleted by hand; to fetch one again, "
        f"delete its base record in {shown_path(papers / '.upstream')}/)"
    )

    (papers / ".upstream" / "2606.00467.yaml").unlink()
    status, out, _ = run("hf", "--date", DAY, "--no-enrich")

    assert (papers / "2606.00467.md").exists()
    assert out.splitlines()[-1].startswith("new 1, updated 0, unchanged 28, skipped 1 (1 deleted")


def test_two_sibling_papers_folders_each_get_every_paper_of_the_day(server, papers):
    sibling = papers.parent / "lab-papers"

    first = run_cli(server, papers, "hf", "--date", DAY, "--no-enrich")
    second = run_cli(server, sibling, "hf", "--date", DAY, "--no-enrich")

    assert first.stdout.splitlines()[-1] == "new 30, updated 0, unchanged 0, skipped 0"
    assert second.stdout.splitlines()[-1] == "new 30, updated 0, unchanged 0, skipped 0"
    assert len(list(sibling.glob("*.md"))) == len(list(sibling.glob(".upstream/*.yaml"))) == 30
    assert not (papers.parent / ".upstream").exists()


def test_base_records_left_beside_the_papers_folder_stop_the_fetch_with_the_move_to_make(
    run, papers
):
    run("hf", "--date", DAY, "--no-enrich")
    old = papers.parent / ".upstream"
    shutil.move(papers / ".upstream", old)
    before = snapshot(papers.parent)

    status, _, err = run("hf", "--date", DAY, "--no-enrich")

    assert status == 1
    assert err == (
        f"fetch.py: error: the base records of {shown_path(papers)} are in {shown_path(old)}, "
        "where older fetches kept them; move them into the papers folder: "
        f"git mv {shown_path(old)} {shown_path(papers / '.upstream')}\n"
    )
    assert snapshot(papers.parent) == before
