"""The site as a whole: a page per paper, every page's frame, the 404 page, sitemap.xml and
robots.txt. Tag and author pages: plugins/taxonomy/test_taxonomy.py."""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from site_helpers import LARGE_ID, PREVIEW

from paperfeed.testing import SITES

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
DAILY_IDS = sorted(path.stem for path in (SITES / "daily-papers" / "papers").glob("*.md"))


def test_every_paper_has_a_page_at_its_file_id(daily_site):
    assert len(DAILY_IDS) == 6
    for fileid in DAILY_IDS:
        assert (daily_site / "papers" / fileid / "index.html").is_file(), fileid


def test_pages_are_accessible_and_load_nothing_from_other_hosts(daily_site):
    for path in daily_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert html.startswith('<!doctype html>\n<html lang="en">'), path
        assert '<a class="skip-link" href="#main">' in html
        assert '<main id="main"' in html and "<nav " in html and "<footer" in html
        assert html.count("<h1") == 1, path
        assert not re.search(r'(src|href)="(https?:)?//[^"]*\.(css|js)"', html), path
    assert (daily_site / "theme" / "css" / "paperfeed.css").is_file()


def test_the_404_page_links_from_the_site_root(markup_site):
    html = (markup_site / "404.html").read_text(encoding="utf-8")

    HTMLParser().feed(html)
    assert "<h1>Page not found</h1>" in html
    assert '<link rel="stylesheet" href="/theme/css/paperfeed.css">' in html
    assert '<a href="/archive/">' in html


def test_the_sitemap_lists_every_page_with_its_date_from_the_data(markup_site):
    urls = {
        element.findtext(f"{SITEMAP}loc"): element.findtext(f"{SITEMAP}lastmod")
        for element in ET.parse(markup_site / "sitemap.xml").getroot()
    }

    for fileid in ("2607.01001", "2607.01002", "2607.01003", LARGE_ID, "hep-th0601001"):
        assert f"{PREVIEW}/papers/{fileid}/" in urls
    assert urls[f"{PREVIEW}/papers/2607.01003/"] == "2026-07-09", "its update is newer"
    assert urls[f"{PREVIEW}/papers/hep-th0601001/"] == "2026-07-01"
    assert urls[f"{PREVIEW}/"] == "2026-07-09"
    assert urls[f"{PREVIEW}/day/2026-07-06/"] == "2026-07-06"
    assert urls[f"{PREVIEW}/week/2026-W27/"] == "2026-07-01"
    for url in ("month/2026-07/", "archive/", "tag/", "tag/cs.cl/", "author/ana-lima/"):
        assert f"{PREVIEW}/{url}" in urls
    folders = {
        path.parent.relative_to(markup_site).as_posix() for path in markup_site.rglob("index.html")
    }
    kinds = {".", "archive", "papers", "day", "week", "month", "tag", "author"}
    pages = {folder for folder in folders if folder.split("/")[0] in kinds}
    assert {url.removeprefix(PREVIEW + "/").rstrip("/") or "." for url in urls} == pages


def test_robots_txt_points_to_the_sitemap(markup_site):
    robots = (markup_site / "robots.txt").read_text(encoding="utf-8")

    assert robots == f"User-agent: *\nAllow: /\n\nSitemap: {PREVIEW}/sitemap.xml\n"
