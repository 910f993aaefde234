"""Helpers for the page tests: builds with the site's settings, generated papers, page parts."""

import datetime
import json
import re
from pathlib import Path

import yaml
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).parents[2]
FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
REPO_URL = "https://forge.example.org/someone/paperfeed"
LARGE_ID = "2607.01600"


def build_site(content: Path, output: Path, **overrides) -> Path:
    """Build `content` into `output` with pelicanconf.py; return `output`."""
    override = {"PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": f"{output}-cache"}
    override |= overrides
    Pelican(settings=read_settings(str(ROOT / "pelicanconf.py"), override=override)).run()
    return output


def write_large_paper(papers: Path, authors: int) -> Path:
    """Write a paper with `authors` authors (a big collaboration) as the fetch would."""
    fields = {
        "title": "A Detector Built by Many Hands",
        "arxiv_id": LARGE_ID,
        "authors": [f"Member{number:04d} Collaboration" for number in range(authors)],
        "date": datetime.date(2026, 7, 7),
        "published": datetime.date(2026, 7, 2),
        "tags": ["hep-ex", "cs.CL"],
        "upvotes": 3,
    }
    text = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True)
    path = papers / f"{LARGE_ID}.md"
    path.write_text(f"---\n{text}---\n\nWe measured something together.\n", encoding="utf-8")
    return path


def page(output: Path, url: str) -> str:
    """The HTML of the page at the folder URL `url` (such as `day/2026-07-06/`)."""
    return (output / url / "index.html").read_text(encoding="utf-8")


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


def visible_text(html: str) -> str:
    """The text a reader sees of a page or part: no tags, no TeX annotations, no head."""
    body = html[html.index("<body") :] if "<body" in html else html
    body = re.sub(r"<annotation\b.*?</annotation>", "", body, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", "", body)
