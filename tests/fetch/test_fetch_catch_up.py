"""Catch-up: `daily` (and `hf --catch-up`) fetch the days since the last completed run and the
refresh window, remember the last day in `DIR/.upstream/last-fetch.yaml`, and leave that
record where it was when a run fails."""

from __future__ import annotations

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from fetch_helpers import recorded_list, serve_list, snapshot

from paperfeed.catchup import read_last_day, record_path
from paperfeed.check import shown_path


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def serve_days(variations, days: list[str]) -> dict[str, list[str]]:
    """Serve the recorded papers spread over `days` (the same number each); their ids by day."""
    entries = recorded_list()
    per_day = len(entries) // len(days)
    served = {}
    for number, listed in enumerate(days):
        chunk = entries[number * per_day : (number + 1) * per_day]
        serve_list(variations, listed, chunk)
        served[listed] = [item["paper"]["id"] for item in chunk]
    return served


def days_asked(server) -> list[str]:
    """The days of the Daily Papers lists asked for, in order."""
    return [
        parse_qs(urlsplit(target).query)["date"][0]
        for target in server.requests("/api/daily_papers")
    ]


def test_a_first_run_fetches_the_refresh_window_and_records_today(run, papers, server):
    status, out, _ = run("daily", "--today", "2026-06-12", "--no-enrich")

    assert status == 0
    record = record_path(papers)
    assert days_asked(server) == [f"2026-06-{n:02}" for n in range(6, 13)]
    lines = out.splitlines()
    assert lines[0] == (
        f"catch-up: no record of a completed fetch yet ({shown_path(record)}); fetching the "
        "last 7 days, 2026-06-06 .. 2026-06-12"
    )
    assert lines[-2] == f"catch-up: complete through 2026-06-12, recorded in {shown_path(record)}"
    assert lines[-1] == "new 30, updated 0, unchanged 0, skipped 0"
    assert read_last_day(record) == day("2026-06-12")


def test_after_a_three_day_outage_the_next_scheduled_fetch_fetches_the_missed_days(
    run, papers, server, variations
):
    served = serve_days(variations, ["2026-06-08", "2026-06-09", "2026-06-10", "2026-06-11"])
    assert run("daily", "--today", "2026-06-08", "--no-enrich")[0] == 0
    for outage_day in ("2026-06-09", "2026-06-10", "2026-06-11"):
        server.inject("/api/daily_papers", status=503, times=2)  # the try and its retry
        status, _, err = run("daily", "--today", outage_day, "--no-enrich")
        assert status == 1
        assert "HTTP 503" in err
        assert read_last_day(record_path(papers)) == day("2026-06-08")

    status, out, _ = run("daily", "--today", "2026-06-12", "--no-enrich")

    assert status == 0
    assert "catch-up: the last fetch completed 2026-06-08; fetching 2026-06-06 .. 2026-06-12" in out
    for missed in ("2026-06-09", "2026-06-10", "2026-06-11"):
        assert all((papers / f"{arxiv_id}.md").exists() for arxiv_id in served[missed])
    assert read_last_day(record_path(papers)) == day("2026-06-12")


def test_days_older_than_the_refresh_window_are_fetched_from_the_record(run, papers, server):
    run("daily", "--today", "2026-06-05", "--refresh-days", "1", "--no-enrich")
    server.log.clear()

    status, _, _ = run("daily", "--today", "2026-06-12", "--refresh-days", "2", "--no-enrich")

    assert status == 0
    assert days_asked(server) == [f"2026-06-{n:02}" for n in range(6, 13)]
    assert len(list(papers.glob("*.md"))) == 30


def test_a_gap_longer_than_thirty_days_is_bounded_and_named(run, papers, server):
    run("daily", "--today", "2026-04-01", "--refresh-days", "1", "--no-enrich")
    server.log.clear()

    status, out, _ = run("daily", "--today", "2026-06-12", "--no-enrich")

    assert status == 0
    assert days_asked(server)[0] == "2026-05-14"
    assert len(days_asked(server)) == 30
    assert (
        "catch-up: the gap is longer than 30 days: fetching only 2026-05-14 .. 2026-06-12; "
        "fetch the days before by hand: python scripts/fetch.py hf --date 2026-04-02 --to "
        "2026-05-13"
    ) in out.splitlines()
    assert read_last_day(record_path(papers)) == day("2026-06-12")


def test_hf_catch_up_takes_the_same_days_and_record(run, papers, server):
    run("hf", "--catch-up", "--today", "2026-06-10", "--no-enrich")
    server.log.clear()

    status, _, _ = run("hf", "--catch-up", "--today", "2026-06-12", "--refresh-days", "1")

    assert status == 0
    assert days_asked(server) == ["2026-06-11", "2026-06-12"]
    assert read_last_day(record_path(papers)) == day("2026-06-12")


def test_a_dry_run_leaves_no_record(run, papers):
    status, _, _ = run("daily", "--today", "2026-06-12", "--no-enrich", "--dry-run")

    assert status == 0
    assert snapshot(papers.parent) == {}


def test_a_failed_arxiv_search_leaves_the_record_where_it_was(run, papers, server):
    (papers.parent / "sources.yaml").write_text('arxiv:\n  - query: "all:x"\n', encoding="utf-8")
    run("daily", "--today", "2026-06-11", "--no-enrich")
    server.inject("/api/query", status=500, times=2)

    status, _, err = run("daily", "--today", "2026-06-12", "--no-enrich")

    assert status == 1
    assert "arXiv query 'all:x': GET" in err
    assert read_last_day(record_path(papers)) == day("2026-06-11")


BAD_RECORDS = {
    "not a mapping": ("2026-06-12\n", ":1: last_day: must be the file's one field"),
    "quoted date": ('last_day: "2026-06-12"\n', ":1: last_day: must be the file's one field"),
    "another key": ("last_day: 2026-06-12\nnote: x\n", ":1: last_day: must be the file's one"),
    "impossible date": ("last_day: 2026-02-30\n", ":1: last_day: cannot be read: day is out"),
    "an alias": ("a: &d 2026-06-12\nlast_day: *d\n", ":1: a: YAML anchors and aliases"),
}


@pytest.mark.parametrize(("text", "problem"), BAD_RECORDS.values(), ids=BAD_RECORDS.keys())
def test_a_record_that_cannot_be_read_stops_the_run_in_one_line(text, problem, run, papers, server):
    record = record_path(papers)
    record.parent.mkdir(parents=True)
    record.write_text(text, encoding="utf-8")

    status, out, err = run("daily", "--today", "2026-06-12")

    assert (status, out) == (2, "")
    assert err.startswith(f"fetch.py: error: {shown_path(record)}{problem}")
    assert len(err.splitlines()) == 1
    assert server.requests() == []
