"""Helpers for the feed tests: the fixture site and its generated paper, feed reading."""

import datetime
from pathlib import Path

import feedparser

from paperfeed.testing import many_authors, write_paper

FIXTURES = Path(__file__).parent / "fixtures"
SITEURL = "https://papers.example.org"
LARGE_PAPER = "2607.30003"
# The public settings' URLs, which feeds need.
PUBLIC = {"SITEURL": SITEURL, "FEED_DOMAIN": SITEURL, "RELATIVE_URLS": False}


def write_large_collaboration(papers: Path) -> Path:
    """Write the large-collaboration paper, with its 600 authors, into `papers`."""
    return write_paper(
        papers,
        title="A Very Large Collaboration",
        arxiv_id=LARGE_PAPER,
        authors=many_authors(600),
        date=datetime.date(2026, 7, 2),
        published=datetime.date(2026, 7, 2),
        tags=["cs.LG"],
        abstract="Six hundred people wrote this.",
    )


def written_feeds(output: Path, suffix: str = ".xml") -> list[Path]:
    """Every file with `suffix` the build wrote under feeds/."""
    return sorted(path for path in (output / "feeds").rglob(f"*{suffix}") if path.is_file())


def parse(path: Path) -> feedparser.FeedParserDict:
    """A feed read by feedparser, which must find nothing wrong with it."""
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    return feed


def entry_by_id(feed: feedparser.FeedParserDict, entry_id: str) -> feedparser.FeedParserDict:
    return next(entry for entry in feed.entries if entry.id == entry_id)
