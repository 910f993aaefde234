"""The papers' feeds: site, tag, author and daily digest in Atom and RSS, JSON Feed, OPML.

docs/site.md, "Feeds": an entry's id is the paper's arXiv abstract page,
`https://arxiv.org/abs/<arxiv_id>` (paperfeed.ids; Atom `<id>`, RSS `<guid
isPermaLink="true">`), so a corrected title or a new domain never shows a paper twice. Every
author is in the entry, tags are its categories (arXiv's taxonomy for an arXiv category,
paperfeed.tags.is_category, the site's tag index for a topic), its title's TeX is Unicode
text (paperfeed.tex), and every date comes from the papers themselves, so building twice
gives byte-identical feeds.

The papers are sorted once; a tag or author feed takes its newest papers from the papers
the taxonomy plugin grouped under that term (`tag_terms`, `author_terms` in the context).
Each paper's entry is built and serialised once (`EntryBytes`) and its bytes are shared by
every feed it is in: a feed file is a small head and those bytes (`feed_document`). Atom
and RSS feeds link an XSLT stylesheet, so a feed opened in a browser reads as a page. The
theme finds the feed paths in the FEEDS_* settings for its `<link rel="alternate">` and
Subscribe block.

The papers' text is the input of the feeds: characters XML cannot hold (control characters,
NUL) are dropped from every title, name, tag and abstract (`xml_characters`), and a title
whose TeX cannot be turned into text stays as it is written.
"""

import dataclasses
import datetime
import email.utils
import functools
import heapq
import json
import logging
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

import feedgen.version
import nh3
from feedgen.entry import FeedEntry
from feedgen.ext.dc import DcEntryExtension
from lxml import etree
from markupsafe import escape
from page_writer import write_data
from paper_attributes import PaperArticle
from pelican import signals

from paperfeed.ids import abs_url, pdf_url
from paperfeed.tags import is_category
from paperfeed.tex import tex_to_text

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
    # Every tag feed in one file, to import into a feed reader at once.
    "FEEDS_OPML": "feeds/tags.opml",
    # Authors with fewer listed papers get no feed.
    "FEEDS_AUTHOR_MIN_PAPERS": 2,
    # Inside the theme's static folder (THEME_STATIC_DIR); None leaves them out of the feeds.
    "FEEDS_STYLESHEET": "feeds/feed.xsl",
    "FEEDS_ICON": "feeds/icon.png",
}
# A bound on FEEDS_MAX_ITEMS: feed readers fetch feeds often, so feeds must stay small.
MAX_ITEMS_LIMIT = 500

ARXIV_TAXONOMY = "https://arxiv.org/category_taxonomy"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
ATOM_NS = "http://www.w3.org/2005/Atom"
# An RSS feed's namespaces, in the order feedgen declares them (its dc extension first).
RSS_NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "atom": ATOM_NS,
    "content": "http://purl.org/rss/1.0/modules/content/",
}
RSS_NAMESPACE_DECLARATIONS = "".join(
    f' xmlns:{name}="{uri}"' for name, uri in RSS_NAMESPACES.items()
)
RSS_DOCS = "http://www.rssboard.org/rss-specification"
# The feeds' <generator>: feedgen, which builds their entries.
GENERATOR_NAME = "python-feedgen"
GENERATOR_URI = "https://lkiesow.github.io/python-feedgen"
GENERATOR_VERSION = feedgen.version.version_str
XML_DECLARATION = b"<?xml version='1.0' encoding='UTF-8'?>\n"
# How a feed ends, after its last entry.
ATOM_CLOSING = b"</feed>\n"
RSS_CLOSING = b"  </channel>\n</rss>\n"
# What XML 1.0 cannot hold (lxml refuses the same characters).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What an abstract may keep of the HTML the paper reader made of it.
ALLOWED_TAGS = frozenset(
    {"p", "br", "a", "em", "strong", "code", "pre", "span", "sub", "sup", "ul", "ol", "li"}
    | {"blockquote"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "span": {"class"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Made once: nh3.clean builds a sanitiser from the allow-lists on every call.
_SANITISER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(ALLOWED_URL_SCHEMES),
    link_rel="noopener noreferrer nofollow",
)
# A feed without entries still needs an `updated` date; this one never changes.
EMPTY_FEED_UPDATED = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


class FeedsSettingsError(ValueError):
    """A feeds setting that cannot be used; the message is one line saying what to fix."""


def xml_characters(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (control characters, NUL)."""
    return _NOT_XML.sub("", text)


def readable_title(title: str) -> str:
    """A title with its TeX as Unicode text (`$\\alpha$-Net` -> `\\u03b1-Net`), as feeds
    can hold it. A title whose TeX cannot be turned into text stays as it is written."""
    return xml_characters(tex_to_text(title))


def authors(paper: PaperArticle) -> list[str]:
    """A paper's authors, as feeds can hold them."""
    return [xml_characters(name) for name in paper.paper_authors]


def tags(paper: PaperArticle) -> list[str]:
    """A paper's tags, as feeds can hold them."""
    return [xml_characters(tag) for tag in paper.paper_tags]


def safe_html(html: str) -> str:
    """HTML with nothing executable: only ALLOWED_TAGS, no event handlers, http(s) links."""
    return _SANITISER.clean(html)


def _day(value: datetime.date) -> datetime.datetime:
    return datetime.datetime(value.year, value.month, value.day, tzinfo=datetime.UTC)


def entry_dates(paper: PaperArticle) -> tuple[datetime.datetime, datetime.datetime]:
    """(published, updated): the day it was listed, and its arXiv update if that is later."""
    listed = _day(paper.date)
    changed = getattr(paper, "updated", None)
    return listed, max(listed, _day(changed)) if changed else listed


@dataclass(frozen=True)
class Site:
    """What every feed needs to know about the site."""

    url: str  # absolute, no trailing slash
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
    return Site(
        url=url,
        name=settings["SITENAME"],
        subtitle=settings.get("SITESUBTITLE") or settings["SITENAME"],
        language=settings.get("DEFAULT_LANG") or "en",
        tags_url=f"{url}/{settings.get('TAGS_URL', 'tag/')}",
        stylesheet=f"{static}/{stylesheet}" if stylesheet else None,
        icon=f"{url}/{static}/{icon}" if icon else None,
    )


@dataclass(frozen=True)
class PaperLinks:
    """The addresses of one paper: its page here, its arXiv abstract and its PDF."""

    page: str
    abstract: str
    pdf: str


def paper_links(paper: PaperArticle, site: Site) -> PaperLinks:
    """The PaperLinks of a paper."""
    arxiv_id = xml_characters(paper.arxiv_id)
    return PaperLinks(
        page=xml_characters(site.absolute(paper.url)),
        abstract=abs_url(arxiv_id),
        pdf=pdf_url(arxiv_id),
    )


def categories(paper: PaperArticle, site: Site) -> list[dict[str, str]]:
    """A paper's tags as categories: arXiv's taxonomy for arXiv categories, else our tags."""
    return [
        {
            "term": tag,
            "label": tag,
            "scheme": ARXIV_TAXONOMY if is_category(tag) else site.tags_url,
        }
        for tag in tags(paper)
    ]


def abstract_html(paper: PaperArticle) -> str:
    """The abstract as HTML that is safe in any feed reader."""
    return xml_characters(safe_html(paper.content))


def content_html(abstract: str, links: PaperLinks) -> str:
    """The abstract's HTML followed by links to the paper's page, its arXiv abstract and PDF."""
    return (
        abstract
        + f'\n<p><a href="{escape(links.page)}">Paper page</a>'
        + f' · <a href="{escape(links.abstract)}">arXiv abstract</a>'
        + f' · <a href="{escape(links.pdf)}">PDF</a></p>'
    )


class LinkedEntry(FeedEntry):
    """feedgen's FeedEntry with whole Atom `<link>`s.

    feedgen 1.0.0 writes an entry's links with their `href` only (a variable shadowed in
    `atom_entry`), which would make the arXiv and PDF links look like the entry's page; the
    `rel`, `type` and `title` are put back here.
    """

    def atom_entry(self, extensions: bool = True):
        """The Atom `<entry>` element, links with all their attributes."""
        element = super().atom_entry(extensions)
        for link_element, link in zip(element.iter("link"), self.link() or [], strict=True):
            for key in ("rel", "type", "title"):
                if link.get(key):
                    link_element.set(key, link[key])
        return element


def paper_entry(paper: PaperArticle, site: Site) -> FeedEntry:
    """Build the Atom and RSS entry of one paper.

    Atom: `<id>` the arXiv abstract page, `<title>` (TeX as Unicode), `<link
    rel="alternate">` to the paper's page, `<link rel="related">` to the arXiv abstract and
    the PDF, one `<author>` per author, `<category term scheme label>` per tag,
    `<published>`, `<updated>`, `<summary type="html">` the abstract and `<content
    type="html">` the abstract with the links. RSS: the same as `<guid
    isPermaLink="true">`, `<link>`, one `<dc:creator>` per author (RSS `<author>` needs an
    e-mail address), `<category domain>`, `<pubDate>`, `<description>` and
    `<content:encoded>`.
    """
    published, updated = entry_dates(paper)
    links = paper_links(paper, site)
    entry = LinkedEntry()
    # load_extension would first try to import a `feedgen.ext.dc_entry` module, which does
    # not exist: a failed import, searching the package folder, for every paper.
    entry.register_extension("dc", DcEntryExtension, atom=False, rss=True)
    entry.id(links.abstract)
    entry.guid(links.abstract, permalink=True)
    entry.title(readable_title(paper.title))
    entry.link(href=links.page, rel="alternate", type="text/html")
    entry.link(href=links.abstract, rel="related", type="text/html", title="arXiv abstract")
    entry.link(href=links.pdf, rel="related", type="application/pdf", title="PDF")
    names = authors(paper)
    if names:
        entry.author([{"name": name} for name in names])
        entry.dc.dc_creator(names)
    if paper.paper_tags:
        entry.category(categories(paper, site))
    entry.published(published)
    entry.updated(updated)
    abstract = abstract_html(paper)
    entry.summary(abstract, type="html")
    entry.content(content_html(abstract, links), type="html")
    return entry


def json_item(paper: PaperArticle, site: Site) -> dict[str, Any]:
    """One paper as a JSON Feed 1.1 item (the same id, links and dates as its Atom entry).

    JSON Feed's `summary` is plain text, so the abstract is only in `content_html`.
    """
    published, updated = entry_dates(paper)
    links = paper_links(paper, site)
    return {
        "id": links.abstract,
        "url": links.page,
        "external_url": links.abstract,
        "title": readable_title(paper.title),
        "content_html": content_html(abstract_html(paper), links),
        "date_published": published.isoformat(),
        "date_modified": updated.isoformat(),
        "authors": [{"name": name} for name in authors(paper)],
        "tags": tags(paper),
        "attachments": [{"url": links.pdf, "mime_type": "application/pdf", "title": "PDF"}],
    }


def digest_entry(day: datetime.date, papers: list, site: Site) -> FeedEntry:
    """Build the digest entry of one day: a list of that day's papers with their links.

    Atom: `<id>` `urn:paperfeed:daily:<day>` (no domain, so a move keeps it), `<link
    rel="alternate">` to the home page, `<published>` the day, `<updated>` the newest
    `updated` of its papers, `<content type="html">` the list. RSS: the same, with `<guid
    isPermaLink="false">`.
    """
    items = []
    for paper in papers:
        links = paper_links(paper, site)
        names = authors(paper)
        byline = ", ".join(names[:3]) + (" et al." if len(names) > 3 else "")
        items.append(
            f'<li><a href="{escape(links.page)}">{escape(readable_title(paper.title))}</a>'
            + (f", {escape(byline)}" if byline else "")
            + f' (<a href="{escape(links.abstract)}">arXiv</a>,'
            + f' <a href="{escape(links.pdf)}">PDF</a>)</li>'
        )
    count = len(papers)
    entry = LinkedEntry()
    entry.id(f"urn:paperfeed:daily:{day.isoformat()}")
    entry.guid(f"urn:paperfeed:daily:{day.isoformat()}", permalink=False)
    entry.title(f"{count} paper{'s' if count != 1 else ''} of {day.isoformat()}")
    entry.link(href=site.absolute(""), rel="alternate", type="text/html")
    entry.published(_day(day))
    entry.updated(max(entry_dates(paper)[1] for paper in papers))
    entry.content("<ul>\n" + "\n".join(items) + "\n</ul>", type="html")
    return entry


def xml_text(value: str) -> str:
    """`value` as element text, escaped as libxml2 (lxml's serialiser) escapes it."""
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def xml_attribute(value: str) -> str:
    """`value` as a double-quoted attribute value, escaped as libxml2 escapes it."""
    return xml_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def xml_bytes(xml: str, what: str) -> bytes:
    """`xml` as UTF-8; a ValueError naming `what` if it holds a character XML cannot hold."""
    found = _NOT_XML.search(xml)
    if found:
        raise ValueError(f"{what}: {found.group()!r} cannot be in an XML feed")
    return xml.encode()


def _pretty(root) -> bytes:
    """A feed's tree as the feeds hold it: UTF-8, indented by two spaces per level."""
    return etree.tostring(root, encoding="UTF-8", xml_declaration=False, pretty_print=True)


def _inner(document: bytes, opening_lines: int, closing: bytes) -> bytes:
    """The bytes of a pretty-printed document after its first lines and before `closing`."""
    inner = document.split(b"\n", opening_lines)[opening_lines]
    if not inner.endswith(closing):
        raise ValueError(f"a feed should end with {closing!r}")
    return inner[: -len(closing)]


@dataclass(frozen=True)
class EntryBytes:
    """An entry serialised once, as every Atom and RSS feed it is in holds it.

    `atom` is its Atom `<entry>` and `rss` its RSS `<item>`, each pretty-printed at its depth
    in a feed (a child of `<feed>`, a child of `<channel>`) with the feed's namespaces in
    scope, so a feed is its head with these bytes in order after it, unchanged.
    """

    updated: datetime.datetime
    atom: bytes
    rss: bytes


def serialised_entry(entry: FeedEntry) -> EntryBytes:
    """Serialise a feed entry for Atom and RSS feeds, each in an otherwise empty feed."""
    feed = etree.Element("feed", xmlns=ATOM_NS)
    feed.append(entry.atom_entry())
    rss = etree.Element("rss", version="2.0", nsmap=RSS_NAMESPACES)
    etree.SubElement(rss, "channel").append(entry.rss_entry())
    return EntryBytes(
        updated=entry.updated(),
        atom=_inner(_pretty(feed), 1, ATOM_CLOSING),
        rss=_inner(_pretty(rss), 2, RSS_CLOSING),
    )


@dataclass(frozen=True)
class FeedSpec:
    """One feed: its kind of subject, where its files go and what it is about."""

    kind: str  # "site", "tag", "author" or "digest"
    paths: dict[str, str]  # format ("atom", "rss", "json") -> site-relative path
    title: str
    subtitle: str
    page: str  # the page the feed follows, relative to the site's root
    name: str = ""  # the tag's or author's name

    def fingerprint(self) -> tuple:
        """What the feed shows of its spec (the page_writer plugin's key for it)."""
        return (self.kind, self.paths, self.title, self.subtitle, self.page, self.name)


def _patterns(settings: dict[str, Any], kind: str, formats: Iterable[str]) -> dict[str, str]:
    """The path pattern of each format of a kind of feed that is turned on."""
    found = {}
    for fmt in formats:
        pattern = settings.get(f"FEEDS_{kind.upper()}_{fmt.upper()}")
        if pattern:
            found[fmt] = pattern
    return found


def _paths(patterns: dict[str, str], slug: str = "") -> dict[str, str]:
    return {fmt: pattern.format(slug=slug) for fmt, pattern in patterns.items()}


def planned_feeds(settings: dict[str, Any], tag_terms: list, author_terms: list) -> Iterator:
    """Yield (FeedSpec, papers or None) for the site, the digest, each tag, each author.

    None stands for "all papers"; a term's papers are the taxonomy plugin's list of them.
    """
    name = settings["SITENAME"]
    subtitle = settings.get("SITESUBTITLE") or name
    paths = _paths(_patterns(settings, "site", ("atom", "rss", "json")))
    if paths:
        yield FeedSpec("site", paths, name, subtitle, ""), None
    paths = _paths(_patterns(settings, "digest", ("atom", "rss")))
    if paths:
        title = f"{name}: daily digest"
        yield FeedSpec("digest", paths, title, "One entry a day: that day's papers.", ""), None
    patterns = _patterns(settings, "tag", ("atom", "rss"))
    for term in tag_terms if patterns else ():
        if term.url:
            tag = xml_characters(term.name)
            description = xml_characters(term.description or f"The newest papers tagged {tag}.")
            paths = _paths(patterns, term.slug)
            spec = FeedSpec("tag", paths, f"{name}: {tag}", description, term.url, tag)
            yield spec, term.papers
    patterns = _patterns(settings, "author", ("atom", "rss"))
    minimum = settings["FEEDS_AUTHOR_MIN_PAPERS"]
    # Most authors have too few papers for a feed, so they are passed over first.
    for term in author_terms if patterns else ():
        if term.slug and len(term.papers) >= minimum:
            author = xml_characters(term.name)
            title = f"{name}: papers by {author}"
            description = f"The newest papers by {author}."
            paths = _paths(patterns, term.slug)
            yield (
                FeedSpec("author", paths, title, description, term.url or "", author),
                term.papers,
            )


def atom_head(spec: FeedSpec, site: Site, updated: datetime.datetime) -> str:
    """An Atom feed up to its first entry, as feedgen 1.0.0 wrote it.

    `<feed xml:lang>` the site's language, `<id>` and `<link rel="self">` the feed's URL,
    `<link rel="alternate">` the page it follows, `<updated>`, `<generator>`, `<icon>` and
    `<logo>` the site's icon, `<subtitle>`.
    """
    feed_url = site.absolute(spec.paths["atom"])
    icon = (
        f"  <icon>{xml_text(site.icon)}</icon>\n  <logo>{xml_text(site.icon)}</logo>\n"
        if site.icon
        else ""
    )
    return (
        f'<feed xmlns="{ATOM_NS}" xml:lang="{xml_attribute(site.language)}">\n'
        f"  <id>{xml_text(feed_url)}</id>\n"
        f"  <title>{xml_text(spec.title)}</title>\n"
        f"  <updated>{updated.isoformat()}</updated>\n"
        f'  <link href="{xml_attribute(feed_url)}" rel="self"/>\n'
        f'  <link href="{xml_attribute(site.absolute(spec.page))}" rel="alternate"/>\n'
        f'  <generator uri="{GENERATOR_URI}" version="{GENERATOR_VERSION}">'
        f"{GENERATOR_NAME}</generator>\n"
        f"{icon}"
        f"  <subtitle>{xml_text(spec.subtitle)}</subtitle>\n"
    )


def rss_head(spec: FeedSpec, site: Site, updated: datetime.datetime) -> str:
    """An RSS feed up to its first item, as feedgen 1.0.0 wrote it.

    `<link>` the page the feed follows, `<description>` the subtitle, `<atom:link
    rel="self">` the feed's URL, `<docs>`, `<generator>`, `<image>` the site's icon,
    `<language>`, `<lastBuildDate>`.
    """
    title, page = xml_text(spec.title), xml_text(site.absolute(spec.page))
    image = (
        f"    <image>\n      <url>{xml_text(site.icon)}</url>\n"
        f"      <title>{title}</title>\n      <link>{page}</link>\n    </image>\n"
        if site.icon
        else ""
    )
    return (
        f'<rss{RSS_NAMESPACE_DECLARATIONS} version="2.0">\n'
        "  <channel>\n"
        f"    <title>{title}</title>\n"
        f"    <link>{page}</link>\n"
        # Readers show a channel's description as HTML: the subtitle's text stays text there.
        f"    <description>{xml_text(str(escape(spec.subtitle)))}</description>\n"
        f'    <atom:link href="{xml_attribute(site.absolute(spec.paths["rss"]))}" rel="self"/>\n'
        f"    <docs>{RSS_DOCS}</docs>\n"
        f"    <generator>{GENERATOR_NAME}</generator>\n"
        f"{image}"
        f"    <language>{xml_text(site.language)}</language>\n"
        f"    <lastBuildDate>{email.utils.format_datetime(updated)}</lastBuildDate>\n"
    )


@functools.lru_cache(maxsize=64)
def stylesheet_instruction(stylesheet: str, folder: str) -> bytes:
    """The `<?xml-stylesheet?>` line of a feed in `folder`, naming the stylesheet relatively.

    Relative, so a feed still finds it when the site moves; cached, as feeds share folders.
    """
    href = posixpath.relpath(stylesheet, folder or ".")
    return f'<?xml-stylesheet type="text/xsl" href="{escape(href)}"?>\n'.encode()


def feed_document(spec: FeedSpec, site: Site, entries: list[EntryBytes], fmt: str) -> bytes:
    """The bytes of the feed file of `spec` in `fmt` ("atom" or "rss"), entries in order.

    Atom: `atom_head` with `<updated>` the newest entry's `updated`, then each `<entry>`.
    RSS: `rss_head` with `<lastBuildDate>` from the same date, then each `<item>`. Both
    start with an `<?xml-stylesheet?>` instruction after the XML declaration. The bytes
    depend on the arguments only: the same spec, site and entries give the same file.
    """
    updated = max((entry.updated for entry in entries), default=EMPTY_FEED_UPDATED)
    if fmt == "atom":
        head, closing = atom_head(spec, site, updated), ATOM_CLOSING
        body = [entry.atom for entry in entries]
    else:
        head, closing = rss_head(spec, site, updated), RSS_CLOSING
        body = [entry.rss for entry in entries]
    instruction = (
        stylesheet_instruction(site.stylesheet, posixpath.dirname(spec.paths[fmt]))
        if site.stylesheet
        else b""
    )
    head_bytes = xml_bytes(head, spec.paths[fmt])
    return b"".join([XML_DECLARATION, instruction, head_bytes, *body, closing])


def json_feed_document(spec: FeedSpec, site: Site, items: list[dict[str, Any]]) -> bytes:
    """Serialise the JSON Feed 1.1 of `spec` with `items` (keys sorted, so stable bytes)."""
    document = {
        "version": JSON_FEED_VERSION,
        "title": spec.title,
        "description": spec.subtitle,
        "home_page_url": site.absolute(spec.page),
        "feed_url": site.absolute(spec.paths["json"]),
        "language": site.language,
        "items": items,
    }
    if site.icon:
        document["icon"] = document["favicon"] = site.icon
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def opml_document(site: Site, specs: list[FeedSpec]) -> bytes:
    """An OPML 2.0 file with one outline per feed: the site's, the topics', arXiv's.

    Each feed is its Atom file when there is one, else its RSS file.
    """
    opml = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(opml, "head")
    ElementTree.SubElement(head, "title").text = f"{site.name}: every feed"
    ElementTree.SubElement(head, "docs").text = "https://opml.org/spec2.opml"
    body = ElementTree.SubElement(opml, "body")
    groups = {
        "site": ElementTree.SubElement(body, "outline", text=site.name),
        "topic": ElementTree.SubElement(body, "outline", text="Topics"),
        "category": ElementTree.SubElement(body, "outline", text="arXiv categories"),
    }
    for spec in specs:
        if spec.kind in ("site", "digest"):
            group = groups["site"]
        elif spec.kind == "tag":
            group = groups["category" if is_category(spec.name) else "topic"]
        else:
            continue
        fmt = "atom" if "atom" in spec.paths else "rss"
        ElementTree.SubElement(
            group,
            "outline",
            type="rss",
            text=spec.name or spec.title,
            title=spec.title,
            description=spec.subtitle,
            xmlUrl=site.absolute(spec.paths[fmt]),
            htmlUrl=site.absolute(spec.page),
        )
    ElementTree.indent(opml)
    return ElementTree.tostring(opml, encoding="UTF-8", xml_declaration=True) + b"\n"


def check_settings(settings: dict[str, Any]) -> None:
    """Raise FeedsSettingsError when FEEDS_MAX_ITEMS or FEEDS_AUTHOR_MIN_PAPERS is unusable."""
    count = settings["FEEDS_MAX_ITEMS"]
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_ITEMS_LIMIT:
        raise FeedsSettingsError(
            f"FEEDS_MAX_ITEMS must be a whole number from 1 to {MAX_ITEMS_LIMIT}, not {count!r}"
        )
    minimum = settings["FEEDS_AUTHOR_MIN_PAPERS"]
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
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


def _newest(paper) -> tuple:
    """Feed order, reversed: newest listing day first, then the higher arXiv id first."""
    return (paper.date, paper.arxiv_id)


def newest_days(papers: list, count: int) -> list[tuple[datetime.date, list]]:
    """The `count` newest listing days with their papers, from papers sorted newest first."""
    days: list[tuple[datetime.date, list]] = []
    for paper in papers:
        day = paper.date.date() if isinstance(paper.date, datetime.datetime) else paper.date
        if days and days[-1][0] == day:
            days[-1][1].append(paper)
        elif len(days) == count:
            break
        else:
            days.append((day, [paper]))
    return days


def write_feeds(generator, writer) -> None:
    """Write every planned feed, the digest and the OPML file into the output folder.

    Through the page_writer plugin (`write_data`): a feed is made only when its spec, the
    site or one of its papers changed since the previous build, and written whole.
    """
    settings = generator.settings
    site = site_of(settings)
    if not site.url:
        logger.warning("Feeds have relative links: set SITEURL or FEED_DOMAIN")
    limit = settings["FEEDS_MAX_ITEMS"]
    # Sorted once; every other list of papers is cut by this rank.
    ordered = sorted(generator.articles, key=_newest, reverse=True)
    rank = {id(paper): position for position, paper in enumerate(ordered)}
    entries: dict[int, EntryBytes] = {}  # one per paper, shared by every feed it is in

    def entry(paper) -> EntryBytes:
        if id(paper) not in entries:
            entries[id(paper)] = serialised_entry(paper_entry(paper, site))
        return entries[id(paper)]

    def atom_or_rss(spec: FeedSpec, papers: list, fmt: str) -> bytes:
        return feed_document(spec, site, [entry(paper) for paper in papers], fmt)

    def digest(spec: FeedSpec, days: list, fmt: str) -> bytes:
        chosen = [serialised_entry(digest_entry(day, group, site)) for day, group in days]
        return feed_document(spec, site, chosen, fmt)

    def json_feed(spec: FeedSpec, papers: list) -> bytes:
        return json_feed_document(spec, site, [json_item(paper, site) for paper in papers])

    specs = []
    context = generator.context
    planned = planned_feeds(settings, context.get("tag_terms", []), context.get("author_terms", []))
    for spec, papers in planned:
        specs.append(spec)
        spec_key = [spec, site]
        if spec.kind == "digest":
            shown = newest_days(ordered, limit)
            make = functools.partial(digest, spec, shown)
        else:
            shown = (
                ordered[:limit]
                if papers is None
                else heapq.nsmallest(limit, papers, key=lambda p: rank[id(p)])
            )
            make = functools.partial(atom_or_rss, spec, shown)
            if "json" in spec.paths:
                make_json = functools.partial(json_feed, spec, shown)
                write_data(writer, spec.paths["json"], make_json, [*spec_key, shown])
        for fmt in ("atom", "rss"):
            if fmt in spec.paths:
                make_feed = functools.partial(make, fmt)
                write_data(writer, spec.paths[fmt], make_feed, [*spec_key, fmt, shown])
    if settings["FEEDS_OPML"]:
        make = functools.partial(opml_document, site, specs)
        write_data(writer, settings["FEEDS_OPML"], make, [site, specs])


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(add_defaults)
    signals.article_writer_finalized.connect(write_feeds)
