"""Pages advertise their feeds, and a feed opened in a browser reads as a page."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import etree
from site_helpers import SITEURL, written_feeds

from paperfeed.testing import audit, page, visible_text

ALTERNATE = re.compile(r'<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]+)">')
STYLESHEET = re.compile(
    rb'\A<\?xml [^>]*\?>\n<\?xml-stylesheet type="text/xsl" href="([^"]+)"\?>\n'
)


def _advertised(html: str) -> dict[str, str]:
    return {href.removeprefix(f"{SITEURL}/"): kind for kind, href in ALTERNATE.findall(html)}


def test_every_page_advertises_the_site_feeds_that_exist(feeds_site):
    pages = list(feeds_site.rglob("*.html"))
    assert len(pages) > 600

    for path in pages:
        advertised = _advertised(path.read_text(encoding="utf-8"))
        assert {
            "feeds/all.atom.xml": "application/atom+xml",
            "feeds/all.rss.xml": "application/rss+xml",
            "feeds/all.json": "application/feed+json",
        }.items() <= advertised.items(), path
        for feed in advertised:
            assert (feeds_site / feed).is_file(), (path, feed)


def test_a_tag_page_advertises_its_tag_feeds(feeds_site):
    advertised = _advertised(page(feeds_site, "tag/cs.cl"))

    assert advertised["feeds/tag/cs.cl.atom.xml"] == "application/atom+xml"
    assert advertised["feeds/tag/cs.cl.rss.xml"] == "application/rss+xml"


def test_an_author_page_advertises_the_authors_feed_when_there_is_one(feeds_site):
    author = page(feeds_site, "author/aino-virtanen")
    advertised = _advertised(author)
    assert advertised["feeds/author/aino-virtanen.atom.xml"] == "application/atom+xml"
    assert advertised["feeds/author/aino-virtanen.rss.xml"] == "application/rss+xml"
    assert f'href="{SITEURL}/feeds/author/aino-virtanen.atom.xml"' in author.split("Subscribe")[1]

    single = page(feeds_site, "author/chidi-okafor")
    assert "feeds/author/" not in single, "one paper: no author feed to advertise"


def test_every_page_shows_the_subscribe_block_with_the_opml(feeds_site):
    for path in [feeds_site / "index.html", *feeds_site.glob("*/*/index.html")]:
        html = path.read_text(encoding="utf-8")
        block = html.split('<section class="subscribe"')[1].split("</section>")[0]
        assert "Copy a feed's address into your feed reader" in block, path
        for feed in ("feeds/all.atom.xml", "feeds/daily.atom.xml", "feeds/tags.opml"):
            assert f'href="{SITEURL}/{feed}"' in block, (path, feed)


def test_every_atom_and_rss_feed_links_a_same_origin_stylesheet(feeds_site):
    for path in written_feeds(feeds_site):
        match = STYLESHEET.match(path.read_bytes())
        assert match, path
        href = match.group(1).decode()
        assert not urlsplit(href).scheme and not href.startswith("/"), "relative: same origin"
        feed_url = path.relative_to(feeds_site).as_posix()
        assert (feeds_site / urljoin(feed_url, href)).is_file(), (path, href)


def test_the_stylesheet_turns_atom_and_rss_into_a_readable_page(feeds_site):
    transform = etree.XSLT(etree.parse(str(feeds_site / "theme" / "feeds" / "feed.xsl")))

    for name in ("all.atom.xml", "all.rss.xml", "tag/sparse-models.atom.xml"):
        html = str(transform(etree.parse(str(feeds_site / "feeds" / name))))
        assert "This is a web feed." in html, name
        assert ">α-Net: Sparse Attention with 𝒪(n) Cost</strong>" in html, name  # noqa: RUF001
        assert f'href="{SITEURL}/papers/2607.30001/"' in html, name
        assert audit(html) == [], name
    atom = str(transform(etree.parse(str(feeds_site / "feeds" / "all.atom.xml"))))
    assert "Aiko Abe, Aiko Berg, Aiko Costa et al." in visible_text(atom)
    rss = str(transform(etree.parse(str(feeds_site / "feeds" / "all.rss.xml"))))
    assert "Aiko Abe, Aiko Berg, Aiko Costa and 597 others" in visible_text(rss)


def test_every_page_header_links_the_subscribe_page(feeds_site):
    for path in feeds_site.rglob("*.html"):
        header = path.read_text(encoding="utf-8").split("</header>")[0]
        assert f'<li><a href="{SITEURL}/feeds/">Feeds</a></li>' in header, path


def test_the_subscribe_page_gives_every_site_and_tag_feed_an_address_to_copy(feeds_site):
    html = page(feeds_site, "feeds")
    addresses = re.findall(r"<code data-copy>([^<]+)</code>", html)

    site_feeds = ["all.atom.xml", "all.rss.xml", "all.json", "daily.atom.xml", "daily.rss.xml"]
    site_feeds += ["week.atom.xml", "week.rss.xml"]
    tag_feeds = [f"tag/{slug}.atom.xml" for slug in ("sparse-models", "cs.cl", "cs.lg", "hep-th")]
    assert addresses == [f"{SITEURL}/feeds/{name}" for name in [*site_feeds, *tag_feeds]] + [
        f"{SITEURL}/feeds/tags.opml"
    ]
    text = visible_text(html)
    assert "A feed reader is an app or a website" in text
    assert "Every author with 2 or more papers here has a feed." in text
    assert f"{SITEURL}/feeds/author/NAME.atom.xml" in text


@pytest.mark.parametrize(
    ("url", "feed"),
    [("tag/cs.cl/", "feeds/tag/cs.cl"), ("author/aino-virtanen/", "feeds/author/aino-virtanen")],
)
def test_tag_and_author_pages_link_their_feeds_apart_and_labelled(feeds_site, url, feed):
    html = page(feeds_site, url)
    links = html.split('<p class="feed-links">')[1].split("</p>")[0]

    assert links == (
        f"Follow this {url.split('/')[0]} in a feed reader: "
        f'<a href="{SITEURL}/{feed}.atom.xml">Atom feed</a> · '
        f'<a href="{SITEURL}/{feed}.rss.xml">RSS feed</a> '
        f'(<a href="{SITEURL}/feeds/">about feeds</a>).'
    )


def test_no_page_runs_two_feed_links_together(feeds_site):
    glued = re.compile(r'</a>\s*<a href="[^"]*/feeds/')
    for path in feeds_site.rglob("*.html"):
        assert not glued.search(path.read_text(encoding="utf-8")), path
