"""The built site in a real browser: search, theme toggle, author lists, layout, requests."""

import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import yaml
from browser_site import (
    LONG_PAPER_AUTHORS,
    LONG_PAPER_ID,
    PAGES,
    PAPER_ID,
    SHARD_PAGES,
    search_results,
)

from paperfeed.search_index import paper_pages, plan_shards
from paperfeed.testing import ROOT


def _title_word(fileid: str, papers: Path = ROOT / "content" / "papers") -> str:
    text = (papers / f"{fileid}.md").read_text(encoding="utf-8")
    title = yaml.safe_load(text.split("---\n")[1])["title"]
    return max(re.findall(r"[A-Za-z]+", title), key=len)


def test_search_page_finds_a_paper_by_a_title_word(new_page):
    page = new_page()
    page.goto(f"search/?q={quote(_title_word(PAPER_ID))}")
    hrefs = [link.get_attribute("href") for link in search_results(page).all()]
    assert any(href.rstrip("/").endswith(f"papers/{PAPER_ID}") for href in hrefs), hrefs
    filters = page.locator(".search-filters").inner_text().lower()
    assert "tag" in filters and "year" in filters


def test_search_page_finds_papers_of_every_bundle(new_page, site):
    shards = plan_shards(paper_pages(site), SHARD_PAGES)
    bundles = (site / "pagefind" / "bundles.js").read_text(encoding="utf-8")
    assert len(shards) == bundles.count('/"') == 4
    page = new_page()
    for shard in shards:
        fileid = shard.pages[0].split("/")[1]
        # The site's own copy of the content holds the papers the tests add.
        page.goto(f"search/?q={quote(_title_word(fileid, site.parent / 'content' / 'papers'))}")
        hrefs = [link.get_attribute("href") for link in search_results(page).all()]
        assert any(href.rstrip("/").endswith(f"papers/{fileid}") for href in hrefs), hrefs


def test_search_page_keeps_the_query_in_the_address(new_page):
    page = new_page()
    page.goto("search/")
    page.get_by_label("Search papers").fill("sparse attention")
    page.wait_for_url(re.compile(r"/search/\?q=sparse\+attention$"))
    assert search_results(page).count() >= 1


def test_header_search_box_opens_the_search_page_with_results(new_page):
    word = _title_word(PAPER_ID)
    page = new_page()
    page.goto(PAGES["tag"])
    box = page.get_by_role("searchbox", name="Search papers")
    box.fill(word)
    box.press("Enter")
    page.wait_for_url(re.compile(rf"/search/\?q={word}$"))
    assert search_results(page).count() >= 1
    assert page.get_by_label("Search papers").input_value() == word


def test_search_page_without_javascript_points_to_tags_and_papers(new_page):
    page = new_page(java_script_enabled=False)
    page.goto("search/?q=anything")
    note = page.locator("main")
    assert "Search needs JavaScript" in note.inner_text()
    assert note.get_by_role("link", name="tags").get_attribute("href") == "../tag/"
    assert not page.locator("[data-theme-control]").is_visible()


def test_header_feeds_link_opens_the_subscribe_page_with_copy_buttons(new_page):
    page = new_page()
    page.goto(PAGES["tag"])
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Feeds").click()
    page.wait_for_url(re.compile(r"/feeds/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Feeds"
    addresses = page.locator("main code[data-copy]")
    assert addresses.count() > 10
    assert page.locator("main .copy-button").count() == addresses.count()


def _background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_theme_control_shows_and_keeps_the_choice_of_system_light_or_dark(new_page):
    page = new_page(color_scheme="light")
    page.goto(PAGES["home"])
    light = _background(page)
    control = page.get_by_label("Theme")
    assert control.input_value() == "system"
    control.select_option("dark")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    dark = _background(page)
    assert dark != light
    page.reload()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert _background(page) == dark
    assert page.get_by_label("Theme").input_value() == "dark"
    page.goto(PAGES["paper"])
    assert _background(page) == dark
    page.get_by_label("Theme").select_option("system")
    assert _background(page) == light
    page.reload()
    assert page.get_by_label("Theme").input_value() == "system"
    assert _background(page) == light


def test_theme_follows_the_system_setting_without_a_choice(new_page):
    light_page, dark_page = new_page(color_scheme="light"), new_page(color_scheme="dark")
    light_page.goto(PAGES["home"])
    dark_page.goto(PAGES["home"])
    assert _background(light_page) != _background(dark_page)
    assert dark_page.get_by_label("Theme").input_value() == "system"


def test_long_author_list_is_shortened_and_opens(new_page):
    page = new_page()
    page.goto(f"papers/{LONG_PAPER_ID}/")
    details = page.locator("main details")
    assert details.count() >= 1, (
        "a paper with 600 authors needs a <details> author list (issue 5, item 2)"
    )
    authors = details.first
    last = authors.get_by_text(LONG_PAPER_AUTHORS[-1], exact=True)
    assert authors.get_attribute("open") is None
    assert not last.is_visible()
    authors.locator("summary").click()
    assert authors.get_attribute("open") is not None
    last.scroll_into_view_if_needed()
    assert last.is_visible()


@pytest.mark.parametrize("name", list(PAGES))
def test_no_horizontal_scroll_at_360_px(new_page, name):
    page = new_page(viewport={"width": 360, "height": 740})
    page.goto(PAGES[name])
    if name == "search":
        search_results(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


@pytest.mark.parametrize("name", list(PAGES))
def test_every_request_stays_on_localhost(new_page, base_url, name):
    page = new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(PAGES[name])
    if name == "search":
        search_results(page)
    page.wait_for_load_state("networkidle")
    assert urlsplit(base_url).hostname == "127.0.0.1"
    assert any(url.endswith(".css") for url in requested), requested
    local = (base_url, "data:", "blob:")
    assert [url for url in requested if not url.startswith(local)] == []


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("name", ["home", "paper"])
def test_screenshot(new_page, artifacts: Path, name, width):
    page = new_page(viewport={"width": width, "height": 900})
    page.goto(PAGES[name])
    path = artifacts / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0
