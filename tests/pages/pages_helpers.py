"""Helpers for the page tests: the fixture content, its generated paper, page parts."""

import datetime
import json
import re
from pathlib import Path

from paperfeed.testing import write_paper

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
REPO_URL = "https://forge.example.org/someone/paperfeed"
LARGE_ID = "2607.01600"
LARGE_AUTHORS = [f"Member{number:04d} Collaboration" for number in range(600)]


def write_large_paper(papers: Path) -> Path:
    """Write a paper with 600 authors (a big collaboration)."""
    return write_paper(
        papers,
        title="A Detector Built by Many Hands",
        arxiv_id=LARGE_ID,
        authors=LARGE_AUTHORS,
        date=datetime.date(2026, 7, 7),
        published=datetime.date(2026, 7, 2),
        tags=["hep-ex", "cs.CL"],
        upvotes=3,
        abstract="We measured something together.",
    )


def listed_papers(html: str) -> list[str]:
    """The file ids of the papers a listing shows, in order."""
    return re.findall(r'class="paper-card-title"><a href="[./]*papers/([^/"]+)/"', html)


def json_ld(html: str) -> dict:
    """The JSON-LD data of a page (exactly one block)."""
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return json.loads(block)


def meta(html: str, name: str) -> list[str]:
    """The contents of the `<meta name=...>` or `<meta property=...>` tags called `name`."""
    pattern = rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)">'
    return re.findall(pattern, html)
