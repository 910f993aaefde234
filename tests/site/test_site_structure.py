"""Tag and author pages, the 404 page, sitemap.xml and robots.txt."""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from site_helpers import LARGE_ID, LARGE_PAPER, PREVIEW, listed_papers

from paperfeed.testing import build_site, copy_site, page

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_an_arxiv_category_s_tag_page_is_its_code_in_lower_case(markup_site):
    assert listed_papers(page(markup_site, "tag/cs.cl")) == [
        "2607.01600",
        "2607.01002",
        "2607.01001",
    ]
    assert listed_papers(page(markup_site, "tag/cs.cr")) == ["2607.01002"]


def test_the_tag_index_has_counts_and_topic_descriptions(markup_site):
    html = page(markup_site, "tag")

    assert '<a href="../tag/cs.cl/">cs.CL</a> <span class="count">3</span>' in html
    assert "Making attention cheaper in time and memory." in html


def test_only_authors_of_two_or_more_papers_get_a_page(markup_site):
    assert sorted(path.name for path in (markup_site / "author").iterdir()) == ["ana-lima"]
    assert listed_papers(page(markup_site, "author/ana-lima")) == [
        "2607.01003",
        "2607.01002",
        "2607.01001",
    ]
    html = page(markup_site, "papers/2607.01001")
    assert '<li><a href="../../author/ana-lima/">Ana Lima</a></li>' in html
    assert '<li><a href="../../search/?q=Ben%20Okoro">Ben Okoro</a></li>' in html


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


def test_the_hosted_site_uses_its_absolute_address_and_builds_the_same_bytes(tmp_path):
    content = copy_site("tex-and-markup", tmp_path / "content", [LARGE_PAPER])
    siteurl = "https://papers.example.org"
    first = build_site(content, tmp_path / "one", SITEURL=siteurl, RELATIVE_URLS=False)
    second = build_site(content, tmp_path / "two", SITEURL=siteurl, RELATIVE_URLS=False)

    paper = page(first, "papers/2607.01001")
    assert f'<link rel="canonical" href="{siteurl}/papers/2607.01001/">' in paper
    assert f"<loc>{siteurl}/day/2026-07-06/</loc>" in (first / "sitemap.xml").read_text("utf-8")
    for name in ("sitemap.xml", "robots.txt", "404.html", "papers/2607.01001/index.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert re.search(r'href="https://papers\.example\.org/day/2026-07-06/"', paper)
