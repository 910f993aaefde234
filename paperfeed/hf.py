"""The Hugging Face Daily Papers API: the papers of one day's list."""

from __future__ import annotations

import datetime
import json
from typing import Any

from .ids import parse_id
from .markdown import clean_title
from .upstream import Client, UpstreamError, as_date

PAGE_SIZE = 100
MAX_PAGES = 20
"""A day has a few dozen papers; a server that keeps sending full pages is not trusted further."""

FIELDS = frozenset(
    {
        "title",
        "authors",
        "date",
        "upvotes",
        "github",
        "project_page",
        "keywords",
        "ai_summary",
        "abstract",
    }
)
"""The record fields a paper fetched from Hugging Face takes from it. Its `published` only
fills a gap: arXiv's, added by the enrichment, is the authority."""


def fetch_day(client: Client, day: datetime.date) -> tuple[list[dict[str, Any]], list[str]]:
    """The papers of the Daily Papers list of `day` (none on days without a list), and one
    note per entry that could not be read."""
    url = f"{client.settings.hf_endpoint.rstrip('/')}/api/daily_papers"
    what = f"Hugging Face Daily Papers of {day}"
    entries: list[Any] = []
    for page in range(MAX_PAGES):
        params: dict[str, str | int] = {"date": day.isoformat(), "limit": PAGE_SIZE}
        if page:
            params["p"] = page
        batch = _json_list(client.get(url, params, what=what), what)
        entries += batch
        if len(batch) < PAGE_SIZE:
            break
    papers: dict[str, dict[str, Any]] = {}
    notes = []
    for number, entry in enumerate(entries, 1):
        try:
            paper = paper_from_entry(entry, day)
        except ValueError as error:
            notes.append(f"{what}, entry {number}: {error}")
            continue
        papers.setdefault(paper["arxiv_id"], paper)
    return list(papers.values()), notes


def paper_from_entry(entry: Any, day: datetime.date) -> dict[str, Any]:
    """The paper record of one Daily Papers entry; ValueError when it names no arXiv paper.

    Values come as Hugging Face sends them, one-line texts cleaned; whether a paper file may
    hold them is decided when the paper is written (`rules.usable_record`). `authors` is a
    list of objects with a `name`; a list of plain names is taken as it is.
    """
    paper = entry.get("paper") if isinstance(entry, dict) else None
    if not isinstance(paper, dict):
        raise ValueError("no 'paper' object")
    if not isinstance(paper.get("id"), str):
        raise ValueError(f"'paper.id' is {json.dumps(paper.get('id'), default=str)}, not text")
    arxiv_id = parse_id(paper["id"]).id
    record = {
        "arxiv_id": arxiv_id,
        "title": _text(paper.get("title") or entry.get("title")),
        "authors": _authors(paper.get("authors")),
        "date": as_date(paper.get("submittedOnDailyAt")) or day,
        "published": as_date(paper.get("publishedAt")),
        "upvotes": paper.get("upvotes"),
        "github": _text(paper.get("githubRepo")),
        "project_page": _text(paper.get("projectPage")),
        "keywords": _texts(paper.get("ai_keywords")),
        "ai_summary": _text(paper.get("ai_summary")),
        "abstract": paper.get("summary") or entry.get("summary"),
    }
    return {key: value for key, value in record.items() if value not in (None, "", [])}


def _json_list(body: bytes, what: str) -> list[Any]:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise UpstreamError(
            f"{what}: Hugging Face sent malformed JSON ({error}); run the fetch again later"
        ) from None
    if not isinstance(data, list):
        raise UpstreamError(f"{what}: Hugging Face sent a JSON {type(data).__name__}, not a list")
    return data


def _text(value: Any) -> Any:
    """A text cleaned to one line; any other value as it came."""
    return clean_title(value) if isinstance(value, str) else value


def _texts(value: Any) -> Any:
    """A list with its texts cleaned to one line; any other value as it came."""
    return [_text(item) for item in value] if isinstance(value, list) else value


def _authors(value: Any) -> Any:
    """The names of a list of author objects (`{"name": ...}`) or of plain names; an entry
    without a name as it came."""
    if not isinstance(value, list):
        return value
    return [_text(_name(item)) for item in value]


def _name(author: Any) -> Any:
    has_name = isinstance(author, dict) and isinstance(author.get("name"), str)
    return author["name"] if has_name else author
