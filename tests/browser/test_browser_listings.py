"""Listings in a real browser: density above the fold, ranking, tag names, layout stability."""

import pytest
from browser_site import LONG_PAPER, NEWEST_DAY, PAGES, read_papers

from paperfeed.tags import arxiv_categories

# The titles a page shows whole inside the window, before any scrolling.
TITLES_IN_VIEW = """() => [...document.querySelectorAll(".paper-card-title")].filter((title) => {
  const box = title.getBoundingClientRect();
  return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
}).length"""

# The page's cumulative layout shift so far (as Lighthouse counts it: shifts without input).
LAYOUT_SHIFT = """() => new Promise((done) => {
  let shift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) shift += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => done(shift), 500);
})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    ("width", "height", "titles"), [(1280, 800, 8), (390, 844, 4)], ids=["desktop", "phone"]
)
def test_home_shows_many_whole_titles_above_the_fold(new_page, width, height, titles, scheme):
    page = new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
    page.goto(PAGES["home"])
    assert page.evaluate(TITLES_IN_VIEW) >= titles


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
@pytest.mark.parametrize("name", ["home", "day", "week", "tag", "author"])
def test_listing_pages_do_not_shift_as_they_load(new_page, name, width, height):
    page = new_page(viewport={"width": width, "height": height})
    page.goto(PAGES[name])
    assert page.evaluate(LAYOUT_SHIFT) < 0.01


def test_the_week_page_ranks_the_week_s_most_upvoted_paper_first(new_page, site):
    papers = read_papers(site.parent / "content")
    week = NEWEST_DAY.isocalendar()[:2]
    of_week = {fileid: p for fileid, p in papers.items() if p.date.isocalendar()[:2] == week}
    assert LONG_PAPER["arxiv_id"] not in of_week and len(of_week) > 8
    most = max(paper.upvotes or 0 for paper in of_week.values())
    page = new_page()
    page.goto(PAGES["week"])
    links = page.locator(".paper-card-title a")
    first = links.first.get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
    assert (of_week[first].upvotes or 0) == most
    shown = [
        href.rstrip("/").rsplit("/", 1)[-1]
        for href in links.evaluate_all("(links) => links.map((link) => link.getAttribute('href'))")
    ]
    upvotes = [of_week[fileid].upvotes or 0 for fileid in shown]
    assert upvotes == sorted(upvotes, reverse=True)
    page.get_by_role("link", name="By day", exact=True).click()
    page.wait_for_url(f"**/{PAGES['week by day']}")
    assert NEWEST_DAY.strftime("%-d %b %Y") in page.locator(".day h2").first.inner_text()


def test_a_category_tag_page_shows_the_category_s_name(new_page):
    name = f"{arxiv_categories()['cs.CL']} (cs.CL)"
    page = new_page()
    page.goto(PAGES["tag"])
    assert name in page.get_by_role("heading", level=1).inner_text()
    assert page.title().startswith(name)
    chip = page.locator(".paper-card-tags a", has_text="cs.CL").first
    assert chip.get_attribute("title") == name


def test_the_abstract_opens_without_javascript(new_page):
    page = new_page(java_script_enabled=False)
    page.goto(PAGES["home"])
    card = page.locator(".paper-card").first
    abstract = card.locator(".paper-card-abstract .abstract")
    assert not abstract.is_visible()
    card.get_by_text("Abstract", exact=True).click()
    assert abstract.is_visible()


def test_navigation_to_other_days_and_the_archive_comes_before_the_papers(new_page):
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(PAGES["home"])
    for link in (
        page.get_by_role("navigation", name="Site").get_by_role("link", name="Archive"),
        page.get_by_role("navigation", name="Other days").get_by_role("link").first,
        page.get_by_role("link", name="This week's top papers"),
    ):
        assert link.is_visible()
        box = link.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844
