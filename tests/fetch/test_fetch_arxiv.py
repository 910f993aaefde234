"""`fetch.py arxiv`: ids, queries, versions and both Atom formats (the id grammar:
tests/model/test_ids.py)."""

from __future__ import annotations

import datetime

import pytest
from fetch_helpers import CONSTRUCTED, RECORDINGS, read_paper

from paperfeed.arxiv import parse_feed
from paperfeed.upstream import UpstreamError

MANUAL_FORMAT = CONSTRUCTED / "arxiv" / "manual_format_hep-th9901001.xml"


def test_the_2026_format_parses_every_field():
    papers, problems = parse_feed(
        (RECORDINGS / "arxiv" / "query_attention_max3.xml").read_bytes(), "t"
    )

    assert problems == []

    assert [paper["arxiv_id"] for paper in papers] == ["2002.00741", "1102.2017", "1112.2954"]
    spherical = papers[2]
    assert spherical["version"] == 2
    assert spherical["published"] == datetime.date(2011, 12, 13)
    assert spherical["updated"] == datetime.date(2012, 4, 3)
    assert spherical["doi"] == "10.1016/j.mechmachtheory.2012.07.003"
    assert spherical["journal_ref"] == "Mechanism and Machine Theory 57 (2012) 62-70"
    assert spherical["categories"] == ["cs.CE"]
    assert papers[0]["categories"] == ["cs.IR", "cs.CL", "cs.LG"]
    assert papers[0]["title"].startswith("Déjà vu")


def test_the_manual_format_parses_the_same_way():
    (paper,), problems = parse_feed(MANUAL_FORMAT.read_bytes(), "t")

    assert problems == []

    assert paper["arxiv_id"] == "hep-th/9901001"
    assert paper["version"] == 2  # from the links: the <id> has none
    assert paper["title"] == "A Constructed Entry in the Manual's Format: Strings and Branes"
    assert paper["authors"] == ["A. N. Author", "Smith, Jr., John"]
    assert paper["published"] == datetime.date(1999, 1, 1)
    assert paper["categories"] == ["hep-th", "gr-qc"]
    assert paper["comment"] == "12 pages, LaTeX"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><id>", "malformed XML"),
        (b"<html><body>busy</body></html>", "not an Atom feed"),
        (
            b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>"
            b"<id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345</id>"
            b"<summary>incorrect id format for 1234.12345</summary></entry></feed>",
            "incorrect id format for 1234.12345",
        ),
    ],
)
def test_malformed_and_error_feeds_are_upstream_failures(body, message):
    with pytest.raises(UpstreamError, match=message):
        parse_feed(body, "arXiv ids 1234.12345")


def test_an_old_style_id_goes_to_a_file_without_slash(run, papers, server):
    status, out, _ = run("arxiv", "--ids", "hep-th/9901001")

    assert status == 0, out
    assert [path.name for path in papers.glob("*.md")] == ["hep-th9901001.md"]
    paper = read_paper(papers / "hep-th9901001.md")
    assert list(paper) == [
        *("title", "arxiv_id", "authors", "date", "published", "tags", "updated", "version"),
        *("comment", "journal_ref", "abstract"),
    ]
    assert paper["arxiv_id"] == "hep-th/9901001"
    assert str(paper["date"]) == "1999-01-01"  # arXiv alone: listed on its published day
    assert paper["tags"] == ["hep-th", "gr-qc"]
    assert paper["abstract"] == (
        "This abstract is wrapped at eighty columns the way old responses were, with a formula "
        "$E = mc^2$ and a\\_b\\*c that must not turn into emphasis.\n\n"
        "A second paragraph starts with an indented line."
    )
    assert server.requests("/api/query") == [
        "/api/query?id_list=hep-th%2F9901001&start=0&max_results=1"
    ]


def test_a_query_writes_its_papers_dated_by_publication(run, papers):
    status, out, _ = run("arxiv", "--query", "all:transformer AND cat:cs.LG", "--max", "5")

    assert status == 0
    assert out.splitlines()[-1] == "new 5, updated 0, unchanged 0, skipped 0"
    mana = read_paper(papers / "2606.13677.md")
    assert str(mana["date"]) == str(mana["published"]) == "2026-06-11"


def test_a_new_version_updates_the_same_file(run, papers, variations):
    run("arxiv", "--query", "all:attention OR all:mechanism", "--max", "3")
    recorded = (RECORDINGS / "arxiv" / "query_attention_max3.xml").read_text(encoding="utf-8")
    newer = (
        recorded.replace("2002.00741v1", "2002.00741v2")
        .replace(
            "<updated>2020-01-29T20:27:42Z</updated>", "<updated>2021-02-01T10:00:00Z</updated>"
        )
        .replace("Key Words: Sequential", "Accepted at a venue. Key Words: Sequential")
    )
    (variations / "arxiv" / "query_attention_max3.xml").write_text(newer, encoding="utf-8")

    status, out, _ = run("arxiv", "--query", "all:attention OR all:mechanism", "--max", "3")

    assert status == 0
    assert out.splitlines()[-1] == "new 0, updated 1, unchanged 2, skipped 0"
    assert "updated  2002.00741         updated, version, comment" in out
    assert len(list(papers.glob("*.md"))) == 3
    paper = read_paper(papers / "2002.00741.md")
    assert (paper["version"], str(paper["updated"])) == (2, "2021-02-01")
    assert str(paper["published"]) == "2020-01-29"


def test_an_id_arxiv_does_not_know_is_skipped(run, papers):
    status, out, _ = run("arxiv", "--ids", "2606.13677,2601.00001")

    assert status == 0
    assert "skipped  2601.00001: arXiv has no such paper" in out
    assert out.splitlines()[-1] == "new 1, updated 0, unchanged 0, skipped 1"
