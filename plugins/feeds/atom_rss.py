"""Atom 1.0 and RSS 2.0 documents: the trees of a feed and its entries, for xmlwriter.py.

Atom entry: `<id>`, `<title>`, `<link rel="alternate">` to the page and a `<link
rel="related">` per other link (with `type` and `title`), `<published>`, `<updated>`, one
`<author>` per named author, a `<category term scheme label>` per tag, `<summary
type="html">` and `<content type="html">`. RSS item: `<title>`, `<link>`, `<guid>`
(`isPermaLink` when the id is an address), one `<dc:creator>` holding the byline (readers
show one RSS author: with one per author, newsboat shows the last), `<category domain>`,
`<pubDate>`, `<description>` (the summary) and `<content:encoded>`.

Each entry is serialised once (`serialised_entry`), for every feed it is in. A feed is its
head and those entries: Atom `<feed xml:lang>` with `<id>` and `<link rel="self">` its own
address, `<title>`, `<subtitle>`, `<updated>` (its newest entry's, never the build time),
`<link rel="alternate">` to the page it follows, `<generator>`, `<icon>` and `<logo>`; RSS
`<channel>` with `<title>`, `<link>`, `<description>`, `<atom:link rel="self">`, `<docs>`,
`<generator>`, `<image>`, `<language>` and `<lastBuildDate>`. Both start with an
`<?xml-stylesheet?>` instruction naming the XSLT stylesheet (FEEDS_STYLESHEET), relatively,
so a browser that still runs XSLT shows the feed as a page.
"""

from __future__ import annotations

import datetime
import email.utils
import functools
import posixpath
from dataclasses import dataclass

from markupsafe import escape

from .entries import Entry
from .plan import FeedSpec, Site
from .xmlwriter import Node, Serialised, document, serialise

ATOM_NS = "http://www.w3.org/2005/Atom"
RSS_NAMESPACES = {
    "atom": ATOM_NS,
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
RSS_DOCS = "https://www.rssboard.org/rss-specification"
GENERATOR = "paperfeed"
# A feed without entries still needs an `updated` date; this one never changes.
EMPTY_FEED_UPDATED = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def atom_entry(entry: Entry) -> Node:
    """The Atom `<entry>` of an entry."""
    children = [
        Node("id", entry.id),
        Node("title", entry.title),
        Node("link", attributes={"href": entry.page, "rel": "alternate", "type": "text/html"}),
        *(
            Node(
                "link",
                attributes={
                    "href": link.href,
                    "rel": "related",
                    "type": link.type,
                    "title": link.title,
                },
            )
            for link in entry.related
        ),
        Node("published", entry.published.isoformat()),
        Node("updated", entry.updated.isoformat()),
        *(Node("author", children=(Node("name", name),)) for name in entry.authors),
        *(
            Node(
                "category",
                attributes={
                    "term": category.term,
                    "scheme": category.scheme,
                    "label": category.term,
                },
            )
            for category in entry.categories
        ),
    ]
    if entry.summary_html:
        children.append(Node("summary", entry.summary_html, {"type": "html"}))
    children.append(Node("content", entry.content_html, {"type": "html"}))
    return Node("entry", children=tuple(children))


def rss_item(entry: Entry) -> Node:
    """The RSS `<item>` of an entry."""
    permalink = "true" if entry.id_is_link else "false"
    children = [
        Node("title", entry.title),
        Node("link", entry.page),
        Node("guid", entry.id, {"isPermaLink": permalink}),
    ]
    if entry.byline:
        children.append(Node("dc:creator", entry.byline))
    children += [
        Node("category", category.term, {"domain": category.scheme})
        for category in entry.categories
    ]
    children.append(Node("pubDate", email.utils.format_datetime(entry.published)))
    if entry.summary_html:
        children.append(Node("description", entry.summary_html))
    children.append(Node("content:encoded", entry.content_html))
    return Node("item", children=tuple(children))


@dataclass(frozen=True)
class EntryBytes:
    """An entry serialised once, as every Atom and RSS feed it is in holds it: its Atom
    `<entry>` at depth 1 (in `<feed>`), its RSS `<item>` at depth 2 (in `<channel>`)."""

    updated: datetime.datetime
    atom: Serialised
    rss: Serialised


def serialised_entry(entry: Entry) -> EntryBytes:
    """Serialise an entry for Atom and RSS feeds."""
    return EntryBytes(
        updated=entry.updated,
        atom=Serialised(serialise(atom_entry(entry), 1)),
        rss=Serialised(serialise(rss_item(entry), 2)),
    )


def atom_feed(
    spec: FeedSpec, site: Site, updated: datetime.datetime, entries: list[Node | Serialised]
) -> Node:
    """The Atom `<feed>` of `spec` with `entries`."""
    address = site.absolute(spec.paths["atom"])
    head = [
        Node("id", address),
        Node("title", spec.title),
        Node("subtitle", spec.subtitle),
        Node("updated", updated.isoformat()),
        Node("link", attributes={"href": address, "rel": "self", "type": "application/atom+xml"}),
        Node(
            "link",
            attributes={"href": site.absolute(spec.page), "rel": "alternate", "type": "text/html"},
        ),
        Node("generator", GENERATOR),
    ]
    if site.icon:
        head += [Node("icon", site.icon), Node("logo", site.icon)]
    attributes = {"xmlns": ATOM_NS, "xml:lang": site.language}
    return Node("feed", attributes=attributes, children=(*head, *entries))


def rss_feed(
    spec: FeedSpec, site: Site, updated: datetime.datetime, entries: list[Node | Serialised]
) -> Node:
    """The RSS `<rss>` of `spec` with `entries`."""
    page = site.absolute(spec.page)
    address = site.absolute(spec.paths["rss"])
    head = [
        Node("title", spec.title),
        Node("link", page),
        # Readers show a channel's description as HTML: the subtitle's text stays text there.
        Node("description", str(escape(spec.subtitle))),
        Node(
            "atom:link", attributes={"href": address, "rel": "self", "type": "application/rss+xml"}
        ),
        Node("docs", RSS_DOCS),
        Node("generator", GENERATOR),
    ]
    if site.icon:
        image = (Node("url", site.icon), Node("title", spec.title), Node("link", page))
        head.append(Node("image", children=image))
    head += [
        Node("language", site.language),
        Node("lastBuildDate", email.utils.format_datetime(updated)),
    ]
    namespaces = {f"xmlns:{prefix}": uri for prefix, uri in RSS_NAMESPACES.items()}
    channel = Node("channel", children=(*head, *entries))
    return Node("rss", attributes={**namespaces, "version": "2.0"}, children=(channel,))


@functools.lru_cache(maxsize=64)
def stylesheet_instruction(stylesheet: str, folder: str) -> str:
    """The `<?xml-stylesheet?>` of a feed in `folder`, naming the stylesheet relatively.

    Relative, so a feed still finds it when the site moves; cached, as feeds share folders.
    """
    href = posixpath.relpath(stylesheet, folder or ".")
    return f'<?xml-stylesheet type="text/xsl" href="{escape(href)}"?>'


def feed_document(spec: FeedSpec, site: Site, entries: list[EntryBytes], fmt: str) -> bytes:
    """The bytes of the feed file of `spec` in `fmt` ("atom" or "rss"), entries in order.

    Its `updated` (RSS `lastBuildDate`) is the newest entry's: the bytes depend on the
    arguments only.
    """
    updated = max((entry.updated for entry in entries), default=EMPTY_FEED_UPDATED)
    if fmt == "atom":
        root = atom_feed(spec, site, updated, [entry.atom for entry in entries])
    else:
        root = rss_feed(spec, site, updated, [entry.rss for entry in entries])
    instructions = (
        (stylesheet_instruction(site.stylesheet, posixpath.dirname(spec.paths[fmt])),)
        if site.stylesheet
        else ()
    )
    return document(root, instructions)
