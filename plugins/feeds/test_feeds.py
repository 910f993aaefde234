"""Tests of the feeds plugin's parts, and a real build of papers whose text TeX readers trip on.
The feeds of a built site: tests/site/test_feed_*.py; real feed readers:
tests/site/test_feed_readers.py."""

from pathlib import Path

import feedparser
import pytest

from paperfeed.rules import MAX_BRACE_DEPTH
from paperfeed.testing import build_site, many_authors, write_paper

from .entries import byline, named_authors
from .feeds import FeedsSettingsError, check_settings

PLUGINS = ["paper_reader", "mathml", "taxonomy", "feeds"]
SITEURL = "https://papers.example.org"


def parse(output: Path, path: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((output / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize(
    ("count", "line"),
    [
        (1, "Aiko Abe"),
        (2, "Aiko Abe and Aiko Berg"),
        (4, "Aiko Abe, Aiko Berg, Aiko Costa and Aiko Dahl"),
        (5, "Aiko Abe, Aiko Berg, Aiko Costa and 2 others"),
        (600, "Aiko Abe, Aiko Berg, Aiko Costa and 597 others"),
    ],
)
def test_a_byline_names_the_first_authors_first(count, line):
    assert byline(many_authors(count)) == line


@pytest.mark.parametrize(
    ("count", "last"),
    [(1, "Aiko Abe"), (20, "Aiko Tanaka"), (21, "and 1 other"), (600, "and 580 others")],
)
def test_an_entry_names_at_most_twenty_authors(count, last):
    named = named_authors(many_authors(count))

    assert len(named) == min(count, 21)
    assert named[0] == "Aiko Abe"
    assert named[-1] == last


USABLE = {"FEEDS_MAX_ITEMS": 50, "FEEDS_AUTHOR_MIN_PAPERS": 2, "FEEDS_WEEK_TOP": 10}


@pytest.mark.parametrize("name", ["FEEDS_MAX_ITEMS", "FEEDS_WEEK_TOP"])
@pytest.mark.parametrize("count", [0, -1, 501, True, "50", None])
def test_entry_counts_are_bounded(name, count):
    check_settings(USABLE)
    with pytest.raises(FeedsSettingsError, match=f"{name} must be a whole number from 1 to 500"):
        check_settings(USABLE | {name: count})


def test_feeds_are_written_whatever_the_papers_text(tmp_path):
    papers = tmp_path / "content" / "papers"
    # The text a paper file may hold that TeX readers trip on (the paper model refuses control
    # characters and deeper braces; tests/model/test_tex.py has those).
    deepest_braces = "$" + "{" * MAX_BRACE_DEPTH + "x" + "}" * MAX_BRACE_DEPTH + "$"
    hostile = {  # file id: (title, abstract)
        "2606.30001": (r"A link \href{x}{y}", "Plain."),
        "2606.30002": (deepest_braces, deepest_braces),
    }
    for fileid, (title, abstract) in hostile.items():
        write_paper(papers, title=title, arxiv_id=fileid, tags=["cs.LG"], abstract=abstract)

    # With the plugins that read the same text for the pages, as the site builds it.
    plugins = [*PLUGINS, "paper_meta", "site_files"]
    output = build_site(
        tmp_path / "content",
        tmp_path / "output",
        plugins=plugins,
        SITEURL=SITEURL,
        FEED_DOMAIN=SITEURL,
    )

    for path in ("all", "daily", "tag/cs.lg"):
        for kind in ("atom", "rss"):
            assert parse(output, f"feeds/{path}.{kind}.xml").entries
    titles = {entry.title for entry in parse(output, "feeds/all.atom.xml").entries}
    assert titles == {r"A link \href{x}{y}", "x"}
