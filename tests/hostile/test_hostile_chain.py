"""Hostile input through the whole chain: nothing executable reaches a page, a feed or the
browser, no accepted paper goes missing, and every refusal is one line naming what it refuses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from hostile_inputs import DAY

from paperfeed.testing import audit, feed_fragments
from tools.static_server import served

ATOM = "{http://www.w3.org/2005/Atom}"
# The theme's one inline script: it applies a remembered light or dark choice before paint.
THEME_SCRIPT = re.compile(r"<script>(try\{[^<]*)</script>")
# A fetch line: status, then the paper or entry, then what happened.
FETCH_LINE = re.compile(r"(new|updated|unchanged|skipped|note) +\S")


def test_every_step_succeeds_and_each_refusal_is_one_line_naming_its_entry(chain):
    for fetch in chain.fetches:
        assert fetch.returncode == 0, fetch.stderr
        assert fetch.stderr == ""
    output = "".join(fetch.stdout for fetch in chain.fetches)
    refusals = [line for line in output.splitlines() if line.startswith(("skipped", "note"))]
    for item in chain.expected:
        if item.refusal:
            assert any(item.refusal in line for line in refusals), (item, refusals)
    assert all(FETCH_LINE.match(line) for line in refusals), refusals
    assert chain.check.returncode == 0, chain.check.stdout
    assert chain.build.returncode == 0, chain.build.stderr
    assert chain.search.returncode == 0, chain.search.stderr


def test_no_accepted_paper_is_missing_from_its_page_its_day_and_the_site_feed(chain):
    written = sorted(path.stem for path in (chain.content / "papers").glob("*.md"))
    assert written == sorted(chain.accepted())
    day = (chain.site / "day" / DAY / "index.html").read_text(encoding="utf-8")
    feed = ET.parse(chain.site / "feeds" / "all.atom.xml").getroot()
    feed_ids = {entry.findtext(f"{ATOM}id") for entry in feed.iter(f"{ATOM}entry")}
    sitemap = (chain.site / "sitemap.xml").read_text(encoding="utf-8")
    for fileid in chain.accepted():
        assert (chain.site / "papers" / fileid / "index.html").is_file(), fileid
        if fileid != "2606.90101":  # known from arXiv alone: listed on its arXiv day
            assert f"papers/{fileid}/" in day, fileid
        assert f"https://arxiv.org/abs/{fileid}" in feed_ids, fileid
        assert f"/papers/{fileid}/</loc>" in sitemap, fileid


def _theme_scripts(html: str) -> frozenset[str]:
    return frozenset(match.group(1) for match in THEME_SCRIPT.finditer(html))


def test_no_page_holds_executable_markup(chain):
    home = (chain.site / "index.html").read_text(encoding="utf-8")
    allowed = _theme_scripts(home)
    assert len(allowed) == 1
    pages = sorted(chain.site.rglob("*.html"))
    assert len(pages) > 20
    problems = {
        str(page.relative_to(chain.site)): found
        for page in pages
        if (found := audit(page.read_text(encoding="utf-8"), allowed))
    }
    assert problems == {}


def test_no_feed_entry_holds_executable_markup(chain):
    fragments = {
        path.relative_to(chain.site).as_posix(): feed_fragments(path)
        for path in sorted((chain.site / "feeds").rglob("*"))
        if path.suffix in (".json", ".xml")
    }
    assert "feeds/all.json" in fragments and "feeds/all.rss.xml" in fragments
    problems = {
        name: found for name, texts in fragments.items() for text in texts if (found := audit(text))
    }
    assert problems == {}


@pytest.mark.parametrize("name", ["feeds/tags.opml", "sitemap.xml"])
def test_no_list_of_links_holds_a_script_address(chain, name):
    root = ET.parse(chain.site / name).getroot()
    addresses = [
        value
        for element in root.iter()
        for value in [*element.attrib.values(), element.text or ""]
        if "//" in value or ":" in value
    ]
    assert addresses
    assert not [value for value in addresses if value.strip().lower().startswith("javascript:")]


PAGES = {
    "home": "",
    "day": f"day/{DAY}/",
    "paper": "papers/2606.90002/",
    "pull request's paper": "papers/2606.90201/",
    "arXiv paper": "papers/2606.90101/",
    "tag": "tag/cs.cl/",
    "author": None,  # the hostile author's page, found from a paper page
    "search": "search/?q=Scripted",
}


@pytest.fixture(scope="module")
def site_url(chain):
    with served(chain.site) as url:
        yield url


@pytest.mark.parametrize("name", PAGES)
def test_no_injected_script_runs_in_the_browser(browser, site_url, chain, name):
    context = browser.new_context(base_url=site_url)
    context.set_default_timeout(10_000)
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        address = PAGES[name]
        if address is None:
            page.goto("papers/2606.90001/")
            address = page.locator('a[href*="author/eve"]').first.get_attribute("href")
        page.goto(address)
        if name == "search":
            page.locator(".search-result-title a").first.wait_for()
        page.mouse.move(10, 10)
        page.mouse.move(400, 300)
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.pfInjected") == "undefined"
        assert dialogs == []
        # A formula's style cannot lay a box over the page: the top of the page is the page's.
        covering = page.evaluate(
            "document.elementFromPoint(innerWidth / 2, 5).closest('math') !== null"
        )
        assert covering is False
    finally:
        context.close()
