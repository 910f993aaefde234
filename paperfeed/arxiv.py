"""The arXiv export API: ids, queries, and the Atom feed it answers with.

The feed is parsed by namespace (ElementTree), so both the 2007-era format of arXiv's user
manual (a namespace declaration on every element, `-04:00` offsets, wrapped lines) and the
2026 format (declarations once on the feed) read the same.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

from .ids import parse_id
from .markdown import clean_title
from .upstream import Client, UpstreamError, as_date

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
ID_LIST_BATCH = 100
"""Ids per `id_list` request (arXiv answers at most 2,000 entries a request)."""
MAX_RESULTS = 2000

FIELDS = frozenset(
    {
        "title",
        "authors",
        "published",
        "updated",
        "version",
        "comment",
        "doi",
        "journal_ref",
        "categories",
        "abstract",
    }
)
"""The record fields a paper fetched from arXiv takes from arXiv."""
ENRICH_FIELDS = frozenset(
    {"published", "updated", "version", "comment", "doi", "journal_ref", "categories"}
)
"""The fields arXiv adds to a paper fetched from Hugging Face."""


def fetch_ids(client: Client, ids: Iterable[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """The papers of these ids, one `id_list` request per batch of up to 100 ids, and one
    note per entry that could not be read."""
    ids = list(dict.fromkeys(ids))
    papers: list[dict[str, Any]] = []
    notes: list[str] = []
    for start in range(0, len(ids), ID_LIST_BATCH):
        batch = ids[start : start + ID_LIST_BATCH]
        what = f"arXiv ids {batch[0]}" + (f" .. {batch[-1]}" if len(batch) > 1 else "")
        params: dict[str, str | int] = {
            "id_list": ",".join(batch),
            "start": 0,
            "max_results": len(batch),
        }
        body = client.get(client.settings.arxiv_api, params, what=what, paced=True)
        found, problems = parse_feed(body, what)
        papers += found
        notes += problems
    return papers, notes


def search(
    client: Client, query: str, max_results: int, *, newest_first: bool = False
) -> tuple[list[dict[str, Any]], list[str]]:
    """The papers a `search_query` finds, at most `max_results` of them (the most recently
    submitted with `newest_first`, else arXiv's order: relevance), and one note per entry that
    could not be read."""
    what = f"arXiv query {query!r}"
    params: dict[str, str | int] = {"search_query": query, "start": 0, "max_results": max_results}
    if newest_first:
        params |= {"sortBy": "submittedDate", "sortOrder": "descending"}
    return parse_feed(client.get(client.settings.arxiv_api, params, what=what, paced=True), what)


def parse_feed(body: bytes, what: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The paper records of an arXiv Atom feed, and one note per entry without a readable
    arXiv id; UpstreamError for a malformed feed or an error feed (arXiv reports errors as a
    one-entry feed).

    Values come as arXiv sends them, texts cleaned to one line; whether a paper file may
    hold them is decided when the paper is written (`rules.usable_record`).
    """
    try:
        feed = ET.fromstring(body)
    except ET.ParseError as error:
        raise UpstreamError(
            f"{what}: arXiv sent malformed XML ({error}); run the fetch again later"
        ) from None
    if feed.tag != f"{ATOM}feed":
        raise UpstreamError(f"{what}: arXiv sent {feed.tag!r}, not an Atom feed")
    papers = []
    notes = []
    for number, entry in enumerate(feed.iter(f"{ATOM}entry"), 1):
        entry_id = _text(entry, f"{ATOM}id")
        if "/api/errors" in entry_id:
            message = _text(entry, f"{ATOM}summary") or entry_id
            raise UpstreamError(f"{what}: arXiv answered with an error: {message}")
        try:
            papers.append(_paper(entry))
        except ValueError as error:
            notes.append(f"{what}, entry {number}: {error}")
    return papers, notes


def _paper(entry: ET.Element) -> dict[str, Any]:
    """The record of one entry; ValueError when its id is no arXiv id."""
    entry_id = clean_title(_text(entry, f"{ATOM}id"))
    if not entry_id:
        raise ValueError("no <id>")
    arxiv_id, version = parse_id(entry_id)
    if version is None:  # the old format may leave the version off the id, not off the links
        links = (_link_version(link) for link in entry.iter(f"{ATOM}link"))
        version = next(filter(None, links), None)
    primary = entry.find(f"{ARXIV}primary_category")
    categories = [primary.get("term")] if primary is not None else []
    categories += [category.get("term") for category in entry.iter(f"{ATOM}category")]
    record = {
        "arxiv_id": arxiv_id,
        "title": clean_title(_text(entry, f"{ATOM}title")),
        "authors": [
            clean_title(_text(author, f"{ATOM}name")) for author in entry.iter(f"{ATOM}author")
        ],
        "published": as_date(_text(entry, f"{ATOM}published")),
        "updated": as_date(_text(entry, f"{ATOM}updated")),
        "version": version,
        "comment": clean_title(_text(entry, f"{ARXIV}comment")),
        "doi": clean_title(_text(entry, f"{ARXIV}doi")),
        "journal_ref": clean_title(_text(entry, f"{ARXIV}journal_ref")),
        "categories": list(dict.fromkeys(term for term in categories if term)),
        "abstract": _text(entry, f"{ATOM}summary"),
    }
    return {key: value for key, value in record.items() if value not in (None, "", [])}


def _link_version(link: ET.Element) -> int | None:
    try:
        return parse_id(link.get("href", "")).version
    except ValueError:
        return None


def _text(element: ET.Element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "") if found is not None else ""
