"""The search page finds what readers type: arXiv ids, authors' names; its results and filters."""

import re
from urllib.parse import quote

import pytest
import yaml
from browser_site import OLD_STYLE_ID, search_results

from paperfeed.ids import fileid
from paperfeed.testing import ROOT

NEW_STYLE_ID = "2606.13681"
AUTHOR = "Yi Yang"


def _result_ids(page) -> list[str]:
    hrefs = [link.get_attribute("href") for link in search_results(page).all()]
    return [re.search(r"papers/([^/]+)/", href).group(1) for href in hrefs]


def _papers_by(author: str) -> set[str]:
    papers = set()
    for path in (ROOT / "content" / "papers").glob("*.md"):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        if author in front["authors"]:
            papers.add(path.stem)
    return papers


@pytest.mark.parametrize(
    ("query", "arxiv_id"),
    [
        (NEW_STYLE_ID, NEW_STYLE_ID),
        (f"{NEW_STYLE_ID}v2", NEW_STYLE_ID),
        (f"arXiv:{NEW_STYLE_ID}", NEW_STYLE_ID),
        (f"https://arxiv.org/abs/{NEW_STYLE_ID}v1", NEW_STYLE_ID),
        (OLD_STYLE_ID, OLD_STYLE_ID),
        (f"{OLD_STYLE_ID}v3", OLD_STYLE_ID),
    ],
)
def test_an_arxiv_id_finds_its_paper_first(new_page, query, arxiv_id):
    page = new_page()
    page.goto(f"search/?q={quote(query)}")
    assert _result_ids(page)[0] == fileid(arxiv_id)


def test_an_authors_exact_name_finds_their_papers_first(new_page):
    papers = _papers_by(AUTHOR)
    assert len(papers) >= 2
    page = new_page()
    page.goto(f"search/?q={quote(AUTHOR)}")
    found = _result_ids(page)
    assert set(found[: len(papers)]) == papers, found
    assert "2606.99001" in found, "the paper by Yang He and Yi Chen is still found, after them"


def test_results_show_listing_date_upvotes_and_tags(new_page):
    page = new_page()
    page.goto(f"search/?q={NEW_STYLE_ID}")
    search_results(page)
    result = page.locator(".search-result").first
    assert result.locator(".search-result-date").inner_text() == "Listed 12 Jun 2026"
    assert result.locator(".upvotes").inner_text().split() == ["▲", "118", "upvotes"]
    assert result.locator(".search-result-tags li").all_inner_texts() == [
        "agents",
        "benchmarks",
        "llm",
    ]


def test_filters_list_no_entry_without_results(new_page):
    page = new_page()
    page.goto(f"search/?q={quote(AUTHOR)}")
    search_results(page)
    counts = page.locator(".search-filters .count").all_inner_texts()
    assert counts and all(int(count.strip("()")) > 0 for count in counts), counts
    tag_entries = page.locator(".search-filter", has_text="Tag").locator("label").count()
    # The shipped site has 40-odd tags; Yi Yang's papers and the decoy have a handful.
    assert tag_entries < 15


def test_results_come_before_the_filters_on_a_phone(new_page):
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto("search/?q=language")
    first = search_results(page).first.bounding_box()
    filters = page.locator(".search-filters").bounding_box()
    assert first["y"] + first["height"] <= 844, "the first result is above the fold"
    assert first["y"] < filters["y"]


@pytest.mark.parametrize("query", [NEW_STYLE_ID, "2699.99999", AUTHOR, "attention"])
def test_searching_logs_no_console_error(new_page, query):
    page = new_page()
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"search/?q={quote(query)}")
    page.locator(".search-status").filter(has_text=re.compile(r"\S")).wait_for()
    page.wait_for_load_state("networkidle")
    assert errors == []
