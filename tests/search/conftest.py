"""Fixtures for the search index tests: a built site's paper pages, written as the theme does."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import pytest


def write_paper_page(site: Path, file_id: str, title: str) -> Path:
    """A paper page with what Pagefind reads of the theme's: a `data-pagefind-body` main."""
    page = site / "papers" / file_id / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body><header>Site</header>"
        f"<main data-pagefind-body><h1>{html.escape(title)}</h1>"
        f"<p>An abstract about {html.escape(title.lower())}.</p></main></body></html>\n",
        encoding="utf-8",
    )
    return page


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """An empty built site: a home page and nothing else."""
    folder = tmp_path / "output"
    folder.mkdir()
    (folder / "index.html").write_text("<!doctype html><title>Home</title>\n", encoding="utf-8")
    return folder


@pytest.fixture
def add_papers(site: Path) -> Callable[..., list[Path]]:
    """Write paper pages for the given file ids into the site."""

    def add(*file_ids: str) -> list[Path]:
        return [write_paper_page(site, file_id, f"Paper {file_id}") for file_id in file_ids]

    return add
