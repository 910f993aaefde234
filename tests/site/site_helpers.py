"""What the tests of the built site read pages and feeds with, and the papers they add to the
fixture sites."""

import datetime
import json
import re
from pathlib import Path

import feedparser

from paperfeed.testing import many_authors

REPO_URL = "https://forge.example.org/someone/paperfeed"
SITEURL = "https://papers.example.org"
# The hosted site's settings (publishconf.py's, with a fixed address).
PUBLIC = {"SITEURL": SITEURL, "FEED_DOMAIN": SITEURL, "RELATIVE_URLS": False}
# The previews's address, which canonical links, the sitemap and JSON-LD use.
PREVIEW = "http://127.0.0.1:8000"

LARGE_ID = "2607.01600"
LARGE_AUTHORS = many_authors(600)
LARGE_PAPER = {
    "title": "A Detector Built by Many Hands",
    "arxiv_id": LARGE_ID,
    "authors": LARGE_AUTHORS,
    "date": datetime.date(2026, 7, 7),
    "published": datetime.date(2026, 7, 2),
    "tags": ["hep-ex", "cs.CL"],
    "upvotes": 3,
    "abstract": "We measured something together.",
}
"""The 600-author paper added to tests/fixtures/sites/tex-and-markup."""
LARGE_COLLABORATION_ID = "2607.30003"
LARGE_COLLABORATION = {
    "title": "A Very Large Collaboration",
    "arxiv_id": LARGE_COLLABORATION_ID,
    "authors": LARGE_AUTHORS,
    "date": datetime.date(2026, 7, 2),
    "published": datetime.date(2026, 7, 2),
    "tags": ["cs.LG"],
    "abstract": "Six hundred people wrote this.",
}
"""The 600-author paper added to tests/fixtures/sites/shared-authors."""
RICH_ID = "2607.30005"
RICH_PAPER = {
    "title": "Sparse $x_i^2$ Models at 6.01$\\times$",
    "arxiv_id": RICH_ID,
    "authors": many_authors(14),
    "date": datetime.date(2026, 7, 4),
    "published": datetime.date(2026, 7, 4),
    "tags": ["cs.LG", "Sparse Models"],
    "upvotes": 118,
    "github": "https://github.com/example/sparse",
    "project_page": "https://example.org/sparse",
    "ai_summary": "Sparse models run 6.01$\\times$ faster.",
    "comment": "12 pages; a step takes 60 $μ$s",
    "abstract": "Up to 6.01$\\times$ faster at 60 $μ$s, with $\\alpha$ and $x_i^2$; "
    "$\\foo{y}$ stays.",
}
"""A paper with every field a feed entry shows, and TeX in each text, added to
tests/fixtures/sites/shared-authors."""


# A link to an author's page, or for an author of one paper to a search for the name.
AUTHOR_LINK = r'<li><a href="\.\./\.\./(?:author/[^/"]+/|search/\?q=[^"]+)">'


def listed_papers(html: str) -> list[str]:
    """The file ids of the papers a listing shows, in order."""
    return re.findall(r'class="paper-card-title"><a href="[./]*papers/([^/"]+)/"', html)


def json_ld(html: str) -> dict:
    """The JSON-LD data of a page (exactly one block)."""
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return json.loads(block)


def meta(html: str, name: str) -> list[str]:
    """The contents of the `<meta name=...>` or `<meta property=...>` tags called `name`."""
    pattern = rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)"[^>]*>'
    return re.findall(pattern, html)


def written_feeds(output: Path, suffix: str = ".xml") -> list[Path]:
    """Every file with `suffix` the build wrote under feeds/."""
    return sorted(path for path in (output / "feeds").rglob(f"*{suffix}") if path.is_file())


def parse(path: Path) -> feedparser.FeedParserDict:
    """A feed read by feedparser, which must find nothing wrong with it."""
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    return feed


def entry_by_id(feed: feedparser.FeedParserDict, entry_id: str) -> feedparser.FeedParserDict:
    """The entry of `feed` with the id `entry_id`."""
    return next(entry for entry in feed.entries if entry.id == entry_id)
