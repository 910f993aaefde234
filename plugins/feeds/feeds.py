"""Atom and RSS feeds of the papers, written with feedgen: the whole site and one per tag.

DESIGN.md "Feeds": an entry's id is `https://arxiv.org/abs/<arxiv_id>` (Atom `<id>`, RSS
`<guid isPermaLink="true">`), so a corrected title or a new domain never shows a paper
twice. Every author is in the entry, tags are its categories, and every date comes from
the papers themselves, so building twice gives byte-identical feeds.

Tag feeds follow the tag pages of the taxonomy plugin (`tag_terms` in the context).
The theme finds the feed paths in the FEEDS_* settings for its `<link rel="alternate">`.
"""

import datetime
import heapq
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from pelican import signals
from pelican.utils import sanitised_join

logger = logging.getLogger(__name__)

DEFAULTS = {
    # How many of the newest papers a feed holds.
    "FEEDS_MAX_ITEMS": 50,
    # Where the feeds go; None turns that feed off. {slug} is the tag's slug.
    "FEEDS_SITE_ATOM": "feeds/all.atom.xml",
    "FEEDS_SITE_RSS": "feeds/all.rss.xml",
    "FEEDS_TAG_ATOM": "feeds/tag/{slug}.atom.xml",
    "FEEDS_TAG_RSS": "feeds/tag/{slug}.rss.xml",
}

ARXIV_ABS = "https://arxiv.org/abs/"
KINDS = ("atom", "rss")
# A feed without papers still needs an `updated` date; this one never changes.
EMPTY_FEED_UPDATED = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def entry_id(arxiv_id: str) -> str:
    """The permanent id of a paper's feed entry: its arXiv abstract page, without version."""
    return ARXIV_ABS + arxiv_id


def _day(value: datetime.date) -> datetime.datetime:
    return datetime.datetime(value.year, value.month, value.day, tzinfo=datetime.UTC)


def entry_dates(paper) -> tuple[datetime.datetime, datetime.datetime]:
    """(published, updated): the day it was listed, and its newest date in the data."""
    listed = _day(paper.date)
    changed = getattr(paper, "updated", None)
    return listed, max(listed, _day(changed)) if changed else listed


def paper_entry(paper, site_url: str) -> FeedEntry:
    """Build the feed entry of one paper.

    Atom: `<id>`, `<title>`, `<link rel="alternate">` to the paper's page, one `<author>`
    per author, `<category term=...>` per tag, `<published>`, `<updated>`, `<summary
    type="html">` with the abstract. RSS: the same as `<guid isPermaLink="true">`,
    `<link>`, one `<dc:creator>` per author (RSS `<author>` needs an e-mail address),
    `<category>`, `<pubDate>` and `<description>`.
    """
    published, updated = entry_dates(paper)
    entry = FeedEntry()
    entry.load_extension("dc", atom=False, rss=True)
    entry.id(entry_id(paper.arxiv_id))
    entry.guid(entry_id(paper.arxiv_id), permalink=True)
    entry.title(paper.title)
    entry.link(href=f"{site_url}/{paper.url}", rel="alternate")
    if paper.paper_authors:
        entry.author([{"name": name} for name in paper.paper_authors])
        entry.dc.dc_creator(list(paper.paper_authors))
    if paper.paper_tags:
        entry.category([{"term": tag, "label": tag} for tag in paper.paper_tags])
    entry.published(published)
    entry.updated(updated)
    entry.summary(paper.content, type="html")
    return entry


def newest(papers: Iterable, count: int) -> list:
    """The `count` newest papers, newest first (ties: the higher arXiv id first)."""
    return heapq.nlargest(count, papers, key=lambda paper: (paper.date, paper.arxiv_id))


@dataclass(frozen=True)
class FeedSpec:
    """One feed file: where it goes, its format ("atom" or "rss") and what it is about."""

    path: str
    kind: str
    title: str
    subtitle: str
    page: str  # the page the feed follows, relative to the site's root


def planned_feeds(settings: dict[str, Any], papers: list, tag_terms: list) -> Iterator[tuple]:
    """Yield (FeedSpec, papers) for the site feeds, then for each tag that has a page."""
    sitename = settings["SITENAME"]
    subtitle = settings.get("SITESUBTITLE") or sitename
    for kind in KINDS:
        path = settings[f"FEEDS_SITE_{kind.upper()}"]
        if path:
            yield FeedSpec(path, kind, sitename, subtitle, ""), papers
    for term in tag_terms:
        if not term.url:
            continue
        title = f"{sitename}: {term.name}"
        for kind in KINDS:
            pattern = settings[f"FEEDS_TAG_{kind.upper()}"]
            if pattern:
                path = pattern.format(slug=term.slug)
                yield FeedSpec(path, kind, title, term.description or title, term.url), term.papers


def feed_bytes(spec: FeedSpec, site_url: str, entries: list[FeedEntry]) -> bytes:
    """Serialise one feed with its entries in the given order.

    Atom: `<id>` and `<link rel="self">` are the feed's URL, `<link rel="alternate">` the
    page it follows, `<updated>` the newest entry's `updated`. RSS: `<link>`, `<description>`
    (the subtitle), `<atom:link rel="self">` and `<lastBuildDate>` from the same values.
    """
    feed_url = f"{site_url}/{spec.path}"
    feed = FeedGenerator()
    feed.load_extension("dc", atom=False, rss=True)
    feed.id(feed_url)
    feed.title(spec.title)
    feed.subtitle(spec.subtitle)
    feed.link(href=f"{site_url}/{spec.page}", rel="alternate")
    feed.link(href=feed_url, rel="self")
    feed.language("en")
    feed.updated(max((entry.updated() for entry in entries), default=EMPTY_FEED_UPDATED))
    for entry in entries:
        feed.add_entry(entry, order="append")
    if spec.kind == "atom":
        return feed.atom_str(pretty=True)
    return feed.rss_str(pretty=True)


def add_defaults(pelican) -> None:
    """Fill in this plugin's settings that the site's settings leave out."""
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def write_feeds(generator, writer) -> None:
    """Write the site feeds and one feed per tag page into the output folder."""
    del writer  # feedgen serialises the feeds itself
    settings = generator.settings
    site_url = (settings.get("FEED_DOMAIN") or settings.get("SITEURL") or "").rstrip("/")
    if not site_url:
        logger.warning("Feeds have relative links: set SITEURL or FEED_DOMAIN")
    entries: dict[str, FeedEntry] = {}  # one per paper, shared by every feed it is in
    tag_terms = generator.context.get("tag_terms", [])
    for spec, papers in planned_feeds(settings, generator.articles, tag_terms):
        chosen = newest(papers, settings["FEEDS_MAX_ITEMS"])
        for paper in chosen:
            if paper.slug not in entries:
                entries[paper.slug] = paper_entry(paper, site_url)
        data = feed_bytes(spec, site_url, [entries[paper.slug] for paper in chosen])
        target = sanitised_join(generator.output_path, spec.path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as stream:
            stream.write(data)
        logger.info("Writing %s", target)


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(add_defaults)
    signals.article_writer_finalized.connect(write_feeds)
