"""What goes in a feed: the site's feeds, where each is written, and which papers it holds.

The feeds are the site's (every paper), the daily digest (one entry a day), the top of the
week (one entry a week once it is over: its FEEDS_WEEK_TOP most upvoted papers), one per tag (a
topic or an arXiv category) and one per author of FEEDS_AUTHOR_MIN_PAPERS papers or more,
each in the formats whose FEEDS_<KIND>_<FORMAT> path setting is not None. A feed holds its
FEEDS_MAX_ITEMS newest papers: newest listing day first, then the higher arXiv id first (so
a feed's order never depends on upvotes, which change). The digest holds the newest days,
each with its papers in the day page's order; the week feed the newest weeks before the
newest listing day's week, each with its papers in the week page's order (most upvotes first).
"""

from __future__ import annotations

import dataclasses
import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from paperfeed.tags import is_category
from paperfeed.tex import tex_to_text

FORMATS = ("atom", "rss", "json")
# The kinds of feed, in the order the subscribe page and the OPML file list them.
SITE, DIGEST, WEEK, TOPIC, CATEGORY, AUTHOR = (
    "site",
    "digest",
    "week",
    "topic",
    "category",
    "author",
)


@dataclass(frozen=True)
class Site:
    """What every feed needs to know about the site."""

    url: str  # absolute, no trailing slash: where feed readers find the feeds (FEED_DOMAIN)
    name: str
    subtitle: str
    language: str
    tags_url: str  # the tag index: the scheme of topic categories
    stylesheet: str | None  # site-relative path of the XSLT stylesheet
    icon: str | None  # absolute URL of the feed icon

    def fingerprint(self) -> tuple:
        """What a feed can show of the site (the page_writer plugin's key for it)."""
        return dataclasses.astuple(self)

    def absolute(self, path: str) -> str:
        """The absolute URL of a site-relative path."""
        return f"{self.url}/{path}"


def site_of(settings: dict[str, Any]) -> Site:
    """The Site of the build's settings."""
    url = (settings.get("FEED_DOMAIN") or settings.get("SITEURL") or "").rstrip("/")
    static = settings.get("THEME_STATIC_DIR", "theme")
    stylesheet, icon = settings["FEEDS_STYLESHEET"], settings["FEEDS_ICON"]
    name = tex_to_text(settings["SITENAME"])
    return Site(
        url=url,
        name=name,
        subtitle=tex_to_text(settings.get("SITESUBTITLE") or name),
        language=settings.get("DEFAULT_LANG") or "en",
        tags_url=f"{url}/{settings.get('TAGS_URL', 'tag/')}",
        stylesheet=f"{static}/{stylesheet}" if stylesheet else None,
        icon=f"{url}/{static}/{icon}" if icon else None,
    )


@dataclass(frozen=True)
class FeedSpec:
    """One feed: its kind of subject, where its files go and what it is about."""

    kind: str  # SITE, DIGEST, WEEK, TOPIC, CATEGORY or AUTHOR
    paths: dict[str, str]  # format ("atom", "rss", "json") -> site-relative path
    title: str
    subtitle: str
    page: str  # the page the feed follows, relative to the site's root
    name: str = ""  # the tag's or author's name

    def fingerprint(self) -> tuple:
        """What the feed shows of its spec (the page_writer plugin's key for it)."""
        return (self.kind, self.paths, self.title, self.subtitle, self.page, self.name)

    def preferred_path(self) -> str:
        """The path of its Atom file, or else its RSS file: the one to subscribe to."""
        return self.paths.get("atom") or self.paths["rss"]


def _paths(settings: dict[str, Any], kind: str, formats: Iterable[str], slug: str = "") -> dict:
    """The path of each format of a kind of feed that is turned on, for the tag or author
    `slug`."""
    found = {}
    for fmt in formats:
        pattern = settings.get(f"FEEDS_{kind.upper()}_{fmt.upper()}")
        if pattern:
            found[fmt] = pattern.format(slug=slug)
    return found


def planned_feeds(
    settings: dict[str, Any], tag_terms: list, author_terms: list
) -> Iterator[tuple[FeedSpec, list | None]]:
    """Yield (FeedSpec, papers or None) for the site, the digest, the week, each tag, each
    author.

    None stands for "all papers" (the digest: all days; the week feed: all weeks); a term's
    papers are the taxonomy plugin's list of them.
    """
    name = tex_to_text(settings["SITENAME"])
    subtitle = tex_to_text(settings.get("SITESUBTITLE") or name)
    paths = _paths(settings, "site", FORMATS)
    if paths:
        yield FeedSpec(SITE, paths, name, subtitle, ""), None
    paths = _paths(settings, "digest", ("atom", "rss"))
    if paths:
        title = f"{name}: daily digest"
        yield FeedSpec(DIGEST, paths, title, "One entry a day: that day's papers.", ""), None
    paths = _paths(settings, "week", ("atom", "rss"))
    if paths:
        title = f"{name}: top papers of the week"
        top = settings["FEEDS_WEEK_TOP"]
        subtitle = f"One entry a week, once it is over: its {top} most upvoted papers."
        yield FeedSpec(WEEK, paths, title, subtitle, ""), None
    if _paths(settings, "tag", ("atom", "rss")):
        for term in tag_terms:
            if term.url:
                tag = tex_to_text(term.name)
                description = tex_to_text(term.description or f"The newest papers tagged {tag}.")
                kind = CATEGORY if is_category(term.name) else TOPIC
                paths = _paths(settings, "tag", ("atom", "rss"), term.slug)
                yield (
                    FeedSpec(kind, paths, f"{name}: {tag}", description, term.url, tag),
                    term.papers,
                )
    minimum = settings["FEEDS_AUTHOR_MIN_PAPERS"]
    if _paths(settings, "author", ("atom", "rss")):
        # Most authors have too few papers for a feed, so they are passed over first.
        for term in author_terms:
            if term.slug and len(term.papers) >= minimum:
                author = term.name
                paths = _paths(settings, "author", ("atom", "rss"), term.slug)
                spec = FeedSpec(
                    AUTHOR,
                    paths,
                    f"{name}: papers by {author}",
                    f"The newest papers by {author}.",
                    term.url or "",
                    author,
                )
                yield spec, term.papers


def _newest(paper) -> tuple:
    """Feed order, reversed: newest listing day first, then the higher arXiv id first."""
    return (paper.date, paper.arxiv_id)


class Newest:
    """The papers in feed order, sorted once; any list of them is put in that order by rank."""

    def __init__(self, papers: Iterable):
        self.ordered = sorted(papers, key=_newest, reverse=True)
        self._rank = {id(paper): position for position, paper in enumerate(self.ordered)}

    def of(self, papers: list | None, count: int) -> list:
        """The `count` newest of `papers` (None: of all papers), newest first."""
        if papers is None:
            return self.ordered[:count]
        return heapq.nsmallest(count, papers, key=lambda paper: self._rank[id(paper)])
