"""The site feed as a JSON Feed 1.1, and every site and tag feed in one OPML 2.0 file.

A JSON Feed item is the paper's entry (entries.py) with the same id, title, links and dates
as in Atom: `url` the page, `external_url` the arXiv abstract, `content_html`, `authors` in
order, `tags`, the PDF as an attachment. Keys are sorted, so the bytes are stable.

The OPML file lists the site's feeds, then the topics', then the arXiv categories' (the Atom
file of each where there is one), to follow them all by importing one file.
"""

from __future__ import annotations

import json
from typing import Any

from .entries import Entry
from .plan import CATEGORY, DIGEST, SITE, TOPIC, WEEK, FeedSpec, Site
from .xmlwriter import Node, document

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
OPML_DOCS = "https://opml.org/spec2.opml"


def json_item(entry: Entry) -> dict[str, Any]:
    """One entry as a JSON Feed 1.1 item."""
    item: dict[str, Any] = {
        "id": entry.id,
        "url": entry.page,
        "title": entry.title,
        "content_html": entry.content_html,
        "date_published": entry.published.isoformat(),
        "date_modified": entry.updated.isoformat(),
        "authors": [{"name": name} for name in entry.authors],
        "tags": [category.term for category in entry.categories],
        "attachments": [
            {"url": link.href, "mime_type": link.type, "title": link.title}
            for link in entry.attachments
        ],
    }
    if entry.id_is_link:
        item["external_url"] = entry.id
    return item


def json_feed_document(spec: FeedSpec, site: Site, items: list[dict[str, Any]]) -> bytes:
    """The JSON Feed 1.1 of `spec` with `items`."""
    feed = {
        "version": JSON_FEED_VERSION,
        "title": spec.title,
        "description": spec.subtitle,
        "home_page_url": site.absolute(spec.page),
        "feed_url": site.absolute(spec.paths["json"]),
        "language": site.language,
        "items": items,
    }
    if site.icon:
        feed["icon"] = feed["favicon"] = site.icon
    return (json.dumps(feed, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _outline(spec: FeedSpec, site: Site) -> Node:
    attributes = {
        "type": "rss",
        "text": spec.name or spec.title,
        "title": spec.title,
        "description": spec.subtitle,
        "xmlUrl": site.absolute(spec.preferred_path()),
        "htmlUrl": site.absolute(spec.page),
    }
    return Node("outline", attributes=attributes)


def opml_document(site: Site, specs: list[FeedSpec]) -> bytes:
    """An OPML 2.0 file with one outline per feed: the site's, the topics', arXiv's."""
    groups = (
        (site.name, (SITE, DIGEST, WEEK)),
        ("Topics", (TOPIC,)),
        ("arXiv categories", (CATEGORY,)),
    )
    body = []
    for text, kinds in groups:
        outlines = tuple(_outline(spec, site) for spec in specs if spec.kind in kinds)
        body.append(Node("outline", attributes={"text": text}, children=outlines))
    head = (Node("title", f"{site.name}: every feed"), Node("docs", OPML_DOCS))
    root = Node(
        "opml",
        attributes={"version": "2.0"},
        children=(Node("head", children=head), Node("body", children=tuple(body))),
    )
    return document(root)
