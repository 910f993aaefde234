"""The papers' feeds: site, tag, author, daily digest and top of the week in Atom and RSS, a
JSON Feed, an OPML file, and the subscribe page that lists them.

docs/site.md, "Feeds", holds the contracts: an entry's id is the paper's arXiv abstract page
(`https://arxiv.org/abs/<arxiv_id>`), so a corrected title or a new domain never shows a paper
twice; every date comes from the papers, so building twice gives byte-identical feeds.

The plugin is four parts and this glue: plan.py (which feeds, which papers), entries.py (what
an entry says, its text from the paper model), xmlwriter.py and atom_rss.py (the one XML
serialiser and the Atom and RSS trees), json_opml.py (JSON Feed and OPML). It reads each
paper's `feed_content` (the mathml plugin), the context's `tag_terms` and `author_terms`
(taxonomy), `archive_days` and `archive_weeks` (archives).

The papers are sorted once; a tag or author feed takes its newest papers from the papers the
taxonomy plugin grouped under that term. Each paper's entry is built and serialised once, and
its bytes are shared by every feed it is in. Files are written through the page_writer
plugin: a feed is made only when its spec, the site or one of its papers changed.
"""

import functools
import logging
from typing import Any

from page_writer import write_data
from pelican import signals

from .atom_rss import EntryBytes, feed_document, serialised_entry
from .entries import digest_entry, paper_entry, week_entry
from .json_opml import json_feed_document, json_item, opml_document
from .plan import (
    CATEGORY,
    DIGEST,
    SITE,
    TOPIC,
    WEEK,
    FeedSpec,
    Newest,
    Site,
    planned_feeds,
    site_of,
)

logger = logging.getLogger(__name__)

DEFAULTS = {
    # How many entries a feed holds: the newest papers (the digest: the newest days).
    "FEEDS_MAX_ITEMS": 50,
    # Where each feed goes; None turns that feed off. {slug} is the tag's or author's slug.
    "FEEDS_SITE_ATOM": "feeds/all.atom.xml",
    "FEEDS_SITE_RSS": "feeds/all.rss.xml",
    "FEEDS_SITE_JSON": "feeds/all.json",
    "FEEDS_TAG_ATOM": "feeds/tag/{slug}.atom.xml",
    "FEEDS_TAG_RSS": "feeds/tag/{slug}.rss.xml",
    "FEEDS_AUTHOR_ATOM": "feeds/author/{slug}.atom.xml",
    "FEEDS_AUTHOR_RSS": "feeds/author/{slug}.rss.xml",
    "FEEDS_DIGEST_ATOM": "feeds/daily.atom.xml",
    "FEEDS_DIGEST_RSS": "feeds/daily.rss.xml",
    # The top of the week: an entry per week once it is over, its most upvoted papers.
    "FEEDS_WEEK_ATOM": "feeds/week.atom.xml",
    "FEEDS_WEEK_RSS": "feeds/week.rss.xml",
    "FEEDS_WEEK_TOP": 10,
    # Every tag feed in one file, to import into a feed reader at once.
    "FEEDS_OPML": "feeds/tags.opml",
    # Authors with fewer listed papers get no feed.
    "FEEDS_AUTHOR_MIN_PAPERS": 2,
    # Inside the theme's static folder (THEME_STATIC_DIR); None leaves them out of the feeds.
    "FEEDS_STYLESHEET": "feeds/feed.xsl",
    "FEEDS_ICON": "feeds/icon.png",
    # The subscribe page (template `feeds`), which the header links as "Feeds"; None: none.
    "FEEDS_PAGE_URL": "feeds/",
    "FEEDS_PAGE_SAVE_AS": "feeds/index.html",
}
# A bound on FEEDS_MAX_ITEMS: feed readers fetch feeds often, so feeds must stay small.
MAX_ITEMS_LIMIT = 500


class FeedsSettingsError(ValueError):
    """A feeds setting that cannot be used; the message is one line saying what to fix."""


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_settings(settings: dict[str, Any]) -> None:
    """Raise FeedsSettingsError when FEEDS_MAX_ITEMS, FEEDS_WEEK_TOP or
    FEEDS_AUTHOR_MIN_PAPERS is unusable."""
    for name in ("FEEDS_MAX_ITEMS", "FEEDS_WEEK_TOP"):
        count = settings[name]
        if not _whole(count) or not 1 <= count <= MAX_ITEMS_LIMIT:
            raise FeedsSettingsError(
                f"{name} must be a whole number from 1 to {MAX_ITEMS_LIMIT}, not {count!r}"
            )
    minimum = settings["FEEDS_AUTHOR_MIN_PAPERS"]
    if not _whole(minimum) or minimum < 1:
        raise FeedsSettingsError(f"FEEDS_AUTHOR_MIN_PAPERS must be 1 or more, not {minimum!r}")


def add_defaults(pelican) -> None:
    """Fill in this plugin's settings that the site's settings leave out; check them."""
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    try:
        check_settings(pelican.settings)
    except FeedsSettingsError as err:
        raise SystemExit(
            f"Stopped: {err} (set it in pelicanconf.py); nothing was written."
        ) from None


class _Entries:
    """Each paper's entry, serialised once per build process and shared by every Atom and RSS
    feed it is in. Only the bytes are kept: nearly every paper is in some feed."""

    def __init__(self, site: Site):
        self.site = site
        self._entries: dict[int, EntryBytes] = {}

    def _of(self, paper) -> EntryBytes:
        found = self._entries.get(id(paper))
        if found is None:
            found = self._entries[id(paper)] = serialised_entry(paper_entry(paper, self.site))
        return found

    def feed(self, spec: FeedSpec, papers: list, fmt: str) -> bytes:
        """The Atom or RSS feed of `spec` holding `papers`."""
        return feed_document(spec, self.site, [self._of(paper) for paper in papers], fmt)

    def json_feed(self, spec: FeedSpec, papers: list) -> bytes:
        """The JSON Feed of `spec` holding `papers` (one feed: its entries are built anew)."""
        items = [json_item(paper_entry(paper, self.site)) for paper in papers]
        return json_feed_document(spec, self.site, items)


def _digest(spec: FeedSpec, site: Site, days: list, fmt: str) -> bytes:
    entries = [serialised_entry(digest_entry(day, site)) for day in days]
    return feed_document(spec, site, entries, fmt)


def _weeks(spec: FeedSpec, site: Site, weeks: list, top: int, fmt: str) -> bytes:
    entries = [serialised_entry(week_entry(week, site, top)) for week in weeks]
    return feed_document(spec, site, entries, fmt)


def write_feeds(generator, writer) -> None:
    """Write every planned feed, the OPML file and the subscribe page into the output folder."""
    settings = generator.settings
    context = generator.context
    site = site_of(settings)
    if not site.url:
        logger.warning("Feeds have relative links: set SITEURL or FEED_DOMAIN")
    limit = settings["FEEDS_MAX_ITEMS"]
    newest = Newest(generator.articles)
    entries = _Entries(site)
    specs = []
    planned = planned_feeds(settings, context.get("tag_terms", []), context.get("author_terms", []))
    for spec, papers in planned:
        specs.append(spec)
        if spec.kind == DIGEST:
            days = context.get("archive_days", [])[:limit]
            shown = [days, [day.papers for day in days]]
            make = functools.partial(_digest, spec, site, days)
        elif spec.kind == WEEK:
            # The newest week is left out until a later week has papers: it is not over.
            weeks = context.get("archive_weeks", [])[1 : limit + 1]
            top = settings["FEEDS_WEEK_TOP"]
            shown = [weeks, [week.ranked[:top] for week in weeks]]
            make = functools.partial(_weeks, spec, site, weeks, top)
        else:
            shown = newest.of(papers, limit)
            make = functools.partial(entries.feed, spec, shown)
        for fmt in ("atom", "rss"):
            if fmt in spec.paths:
                make_feed = functools.partial(make, fmt)
                write_data(writer, spec.paths[fmt], make_feed, [spec, site, fmt, shown])
        if "json" in spec.paths:
            make_json = functools.partial(entries.json_feed, spec, shown)
            write_data(writer, spec.paths["json"], make_json, [spec, site, shown])
    if settings["FEEDS_OPML"]:
        make_opml = functools.partial(opml_document, site, specs)
        write_data(writer, settings["FEEDS_OPML"], make_opml, [site, specs])
    if settings["FEEDS_PAGE_SAVE_AS"]:
        write_subscribe_page(generator, writer, site, specs)


def write_subscribe_page(generator, writer, site: Site, specs: list[FeedSpec]) -> None:
    """Write the subscribe page (template `feeds`): every site and tag feed's address."""
    settings = generator.settings
    writer.write_file(
        settings["FEEDS_PAGE_SAVE_AS"],
        generator.get_template("feeds"),
        generator.context,
        relative_urls=settings["RELATIVE_URLS"],
        url=settings["FEEDS_PAGE_URL"],
        template_name="feeds",
        feed_address=site.url,
        site_feeds=[spec for spec in specs if spec.kind in (SITE, DIGEST, WEEK)],
        topic_feeds=[spec for spec in specs if spec.kind == TOPIC],
        category_feeds=[spec for spec in specs if spec.kind == CATEGORY],
    )


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(add_defaults)
    signals.article_writer_finalized.connect(write_feeds)
