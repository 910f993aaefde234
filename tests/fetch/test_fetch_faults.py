"""Faults lose nothing: upstream failures exit 1 and leave every file as it was."""

from __future__ import annotations

import time

import pytest
from fetch_helpers import DAY, entry, recorded_list, run_cli, serve_list, snapshot


@pytest.fixture
def fetched_day(run, papers, variations):
    """A content folder holding an enriched day, and an upstream that has changed since:
    a fetch that completed would change files."""
    listed = [entry("2606.13677", "Mana", ["A"], "x"), *recorded_list()[:3]]
    serve_list(variations, DAY, listed)
    assert run("hf", "--date", DAY)[0] == 0
    for item in listed:
        item["paper"]["upvotes"] += 10
    serve_list(variations, DAY, listed)
    return snapshot(papers.parent)


FAULTS = {
    "hf-500": ("/api/daily_papers", {"status": 500, "times": None}, "HTTP 500"),
    "hf-503-retry-after": (
        "/api/daily_papers",
        {"status": 503, "retry_after": "0", "times": None},
        "HTTP 503",
    ),
    "hf-truncated-json": ("/api/daily_papers", {"truncate": True}, "malformed JSON"),
    "hf-timeout": (
        "/api/daily_papers",
        {"delay": 1.5, "times": None},
        "no complete answer within 1 s",
    ),
    "arxiv-500": ("/api/query", {"status": 500, "times": None}, "HTTP 500"),
    "arxiv-truncated-xml": ("/api/query", {"truncate": True}, "malformed XML"),
    "hf-404": ("/api/daily_papers", {"status": 404}, "HTTP 404"),
}


@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
def test_a_failed_fetch_exits_1_and_changes_nothing(fault, fetched_day, run, papers, server):
    match, how, message = fault
    server.inject(match, **how)

    status, out, err = run("hf", "--date", DAY)

    assert status == 1
    assert len(err.splitlines()) == 1
    assert err.startswith("fetch.py: error: ")
    assert message in err
    assert "run the fetch again" in err
    assert out.splitlines()[-1] == "new 0, updated 0, unchanged 0, skipped 0"
    assert snapshot(papers.parent) == fetched_day  # same files, same bytes, no temp file


def test_a_429_with_retry_after_is_waited_out(fetched_day, run, papers, server):
    server.inject("/api/daily_papers", status=429, retry_after="1")
    started = time.monotonic()

    status, out, _ = run("hf", "--date", DAY)

    assert status == 0
    assert time.monotonic() - started >= 1
    assert out.splitlines()[-1] == "new 0, updated 4, unchanged 0, skipped 0"
    assert len(server.requests("/api/daily_papers")) == 2 + 1  # the first fetch, then 2 tries


def test_a_failure_on_the_second_day_keeps_the_first_days_papers(run, papers, variations, server):
    serve_list(variations, "2026-06-11", recorded_list()[:2])
    server.inject("date=2026-06-12", status=500, times=None)

    status, out, _ = run("hf", "--date", "2026-06-11", "--to", DAY, "--no-enrich")

    assert status == 1
    assert out.splitlines()[-1] == "new 2, updated 0, unchanged 0, skipped 0"
    assert len(list(papers.glob("*.md"))) == 2


def test_the_command_line_fails_in_one_line_without_traceback(server, papers):
    server.inject("/api/daily_papers", status=500, times=None)

    result = run_cli(server, papers, "hf", "--date", DAY)

    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"Hugging Face Daily Papers of {DAY}: GET http://127.0.0.1:" in result.stderr
    assert snapshot(papers.parent) == {}


USAGE_ERRORS = {
    "no source": ([], "argument {daily,hf,arxiv}"),
    "unknown source": (["github"], "invalid choice"),
    "no date": (["hf"], "--date"),
    "bad date": (["hf", "--date", "12/06/2026"], "is not a day like 2026-06-12"),
    "impossible date": (["hf", "--date", "2026-02-30"], "is not a day of the calendar"),
    "range backwards": (["hf", "--date", DAY, "--to", "2026-06-01"], "is before --date"),
    "date and catch-up": (["hf", "--date", DAY, "--catch-up"], "not allowed with"),
    "range end in a catch-up": (["hf", "--catch-up", "--to", DAY], "--to goes with --date"),
    "today without catch-up": (["hf", "--date", DAY, "--today", DAY], "--today goes with"),
    "refresh without catch-up": (["hf", "--date", DAY, "--refresh-days", "2"], "goes with"),
    "no refresh": (["daily", "--refresh-days", "0"], "--refresh-days must be between 1 and 30"),
    "refresh past the bound": (["hf", "--catch-up", "--refresh-days", "31"], "between 1 and 30"),
    "bad today": (["daily", "--today", "today"], "is not a day like 2026-06-12"),
    "ids and query": (["arxiv", "--ids", "2406.01234", "--query", "x"], "not allowed with"),
    "bad id": (["arxiv", "--ids", "2406.01234,nonsense"], "'nonsense' is not an arXiv id"),
    "max with ids": (["arxiv", "--ids", "2406.01234", "--max", "3"], "--max goes with --query"),
    "max too big": (["arxiv", "--query", "x", "--max", "5000"], "--max must be between"),
}


@pytest.mark.parametrize("case", USAGE_ERRORS.values(), ids=USAGE_ERRORS.keys())
def test_usage_errors_exit_2_in_one_line(case, run, server):
    args, message = case

    status, out, err = run(*args)

    assert status == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert message in err
    assert server.requests() == []


BAD_SETTINGS = {
    "delay not a number": ("PAPERFEED_ARXIV_DELAY", "soon"),
    "timeout zero": ("PAPERFEED_TIMEOUT", "0"),
    "timeout nan": ("PAPERFEED_TIMEOUT", "nan"),
    "timeout inf": ("PAPERFEED_TIMEOUT", "inf"),
    "delay inf": ("PAPERFEED_ARXIV_DELAY", "inf"),
    "delay past a day": ("PAPERFEED_ARXIV_DELAY", "1e300"),
    "retries negative": ("PAPERFEED_RETRIES", "-1"),
    "retries without end": ("PAPERFEED_RETRIES", "100000"),
    "endpoint no scheme": ("HF_ENDPOINT", "notaurl"),
    "endpoint not http": ("HF_ENDPOINT", "ftp://huggingface.co"),
    "endpoint no host": ("HF_ENDPOINT", "https://"),
    "endpoint bad ipv6": ("HF_ENDPOINT", "http://[::1"),
    "arxiv api with a space": ("PAPERFEED_ARXIV_API", "https://export.arxiv.org/api query"),
    "today not a day": ("PAPERFEED_TODAY", "yesterday"),
}


@pytest.mark.parametrize(("variable", "value"), BAD_SETTINGS.values(), ids=BAD_SETTINGS.keys())
def test_a_bad_setting_is_a_usage_error_in_one_line(variable, value, run, monkeypatch, server):
    monkeypatch.setenv(variable, value)

    status, out, err = run("hf", "--date", DAY)

    assert status == 2
    assert out == ""
    assert err.startswith(f"fetch.py: error: {variable}=")
    assert len(err.splitlines()) == 1
    assert server.requests() == []
