"""Which feed files a build writes, and that every one of them reads cleanly."""

import datetime
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from lxml import etree
from site_helpers import PUBLIC, SITEURL, parse, written_feeds

from paperfeed.testing import build_site, visible_text, write_paper

TAGS = ["cs.cl", "cs.lg", "hep-th", "sparse-models"]
# Aino Virtanen and Bruno Costa have two papers each; everyone else has one.
AUTHORS = ["aino-virtanen", "bruno-costa"]
EXPECTED_FEEDS = sorted(
    [f"feeds/{name}.{kind}.xml" for name in ("all", "daily", "week") for kind in ("atom", "rss")]
    + [f"feeds/tag/{slug}.{kind}.xml" for slug in TAGS for kind in ("atom", "rss")]
    + [f"feeds/author/{slug}.{kind}.xml" for slug in AUTHORS for kind in ("atom", "rss")]
)
JSON_FEED_REQUIRED = {"version", "title", "items"}


def test_the_build_writes_site_digest_tag_and_author_feeds(feeds_site):
    written = sorted(
        path.relative_to(feeds_site).as_posix() for path in (feeds_site / "feeds").rglob("*")
    )

    assert [name for name in written if name.endswith(".xml")] == EXPECTED_FEEDS
    assert [name for name in written if not name.endswith(".xml")] == [
        "feeds/all.json",
        "feeds/author",
        "feeds/index.html",
        "feeds/tag",
        "feeds/tags.opml",
    ]


def test_every_xml_feed_written_parses_without_bozo(feeds_site):
    feeds = written_feeds(feeds_site)
    assert len(feeds) == len(EXPECTED_FEEDS)

    for path in feeds:
        feed = parse(path)
        assert feed.version == ("atom10" if path.name.endswith(".atom.xml") else "rss20"), path
        # The site's only week is not over: the week feed has no entry yet.
        assert bool(feed.entries) != path.name.startswith("week."), path


def test_author_feeds_only_for_authors_with_two_papers(feeds_site):
    author_pages = {path.parent.name for path in (feeds_site / "author").glob("*/index.html")}
    assert len(author_pages) > 600, "every author of the large paper has a page"

    feeds = {path.name.split(".")[0] for path in (feeds_site / "feeds" / "author").iterdir()}
    assert feeds == set(AUTHORS)
    assert [e.id for e in parse(feeds_site / "feeds/author/aino-virtanen.atom.xml").entries] == [
        "https://arxiv.org/abs/2607.30002",
        "https://arxiv.org/abs/2607.30001",
    ], "newest day first, then the higher arXiv id"


def test_the_json_feed_has_the_json_feed_1_1_keys(feeds_site):
    document = json.loads((feeds_site / "feeds" / "all.json").read_text(encoding="utf-8"))

    assert document.keys() >= JSON_FEED_REQUIRED
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"] == f"{SITEURL}/feeds/all.json"
    assert document["home_page_url"] == f"{SITEURL}/"
    assert len(document["items"]) == 5
    for item in document["items"]:
        assert isinstance(item["id"], str) and item["id"].startswith("https://arxiv.org/abs/")
        assert item.get("content_html") or item.get("content_text")
        assert all(set(author) == {"name"} for author in item["authors"])
        assert item["date_published"].endswith("T00:00:00+00:00")
    large = next(item for item in document["items"] if item["id"].endswith("2607.30003"))
    assert large["attachments"] == [
        {"mime_type": "application/pdf", "title": "PDF", "url": "https://arxiv.org/pdf/2607.30003"}
    ]


def _outlines(group: ElementTree.Element) -> dict[str, str]:
    return {outline.get("text"): outline.get("xmlUrl") for outline in group}


def test_the_opml_file_lists_every_tag_feed_in_its_group(feeds_site):
    root = ElementTree.parse(feeds_site / "feeds" / "tags.opml").getroot()

    assert root.tag == "opml" and root.get("version") == "2.0"
    groups = {group.get("text"): _outlines(group) for group in root.find("body")}
    assert groups["Topics"] == {"Sparse Models": f"{SITEURL}/feeds/tag/sparse-models.atom.xml"}
    assert groups["arXiv categories"] == {
        name: f"{SITEURL}/feeds/tag/{name.lower()}.atom.xml"
        for name in ("cs.CL", "cs.LG", "hep-th")
    }
    listed = {url for outlines in groups.values() for url in outlines.values()}
    for path in written_feeds(feeds_site):
        if path.name.endswith(".atom.xml") and "author" not in path.parts:
            assert f"{SITEURL}/{path.relative_to(feeds_site).as_posix()}" in listed, path


def test_the_digest_has_one_entry_per_day_linking_its_day_page_and_papers(feeds_site):
    feed = parse(feeds_site / "feeds" / "daily.atom.xml")

    days = ["2026-07-03", "2026-07-02", "2026-07-01"]
    assert [entry.published[:10] for entry in feed.entries] == days
    assert [entry.link for entry in feed.entries] == [f"{SITEURL}/day/{day}/" for day in days]
    first_day = feed.entries[2]
    assert first_day.title == "2 papers of 2026-07-01"
    assert first_day.updated[:10] == "2026-07-03", "its newest paper's arXiv update"
    items = first_day.content[0].value.split("<li>")[1:]
    assert [item.split('/"')[0].rsplit("/", 1)[1] for item in items] == [
        "2607.30001",
        "2607.30002",
    ], "the day page's order: most upvoted first"
    assert "Aino Virtanen and Bruno Costa · 12 upvotes" in visible_text(items[0])
    assert len({entry.id for entry in feed.entries}) == 3
    rss = parse(feeds_site / "feeds" / "daily.rss.xml")
    assert [entry.link for entry in rss.entries] == [f"{SITEURL}/day/{day}/" for day in days]
    assert rss.entries[2].id == "urn:paperfeed:daily:2026-07-01"
    assert rss.entries[2].guidislink is False


def test_the_week_feed_has_an_entry_per_week_once_it_is_over_in_the_week_pages_order(
    feeds_content, tmp_path
):
    # A paper listed the Monday after the fixture's week (2026-W27) ends that week.
    write_paper(feeds_content / "papers", arxiv_id="2607.30010", date=datetime.date(2026, 7, 6))
    output = build_site(feeds_content, tmp_path / "output", FEEDS_WEEK_TOP=2, **PUBLIC)

    week_page = (output / "week" / "2026-W27" / "index.html").read_text(encoding="utf-8")
    ranked = list(dict.fromkeys(re.findall(r'href="[^"]*/papers/([^/"]+)/"', week_page)))
    for name in ("week.atom.xml", "week.rss.xml"):
        feed = parse(output / "feeds" / name)
        assert [entry.link for entry in feed.entries] == [f"{SITEURL}/week/2026-W27/"]
        entry = feed.entries[0]
        assert entry.id == "urn:paperfeed:week:2026-W27"
        assert entry.title == f"Top 2 of {len(ranked)} papers of Week 27, 2026"
        listed = re.findall(r'<li><a href="[^"]*/papers/([^/"]+)/"', entry.content[0].value)
        assert listed == ranked[:2] == ["2607.30001", "2607.30002"]


@pytest.mark.parametrize("name", ["feeds_site", "markup_site"])
def test_every_feed_file_is_what_lxml_writes_of_it(request, name):
    # The feeds are written by the plugin's own serialiser (xmlwriter.py): a file lxml
    # (libxml2) would write differently, now or after an upgrade of either, fails here.
    output = request.getfixturevalue(name)
    paths = [*written_feeds(output), *written_feeds(output, ".opml")]
    assert len(paths) > 10

    parser = etree.XMLParser(remove_blank_text=True)
    for path in paths:
        tree = etree.parse(str(path), parser)
        written = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        assert path.read_bytes() == written, path


def test_feeds_hold_at_most_the_set_number_of_entries(feeds_content, tmp_path):
    output = build_site(feeds_content, tmp_path / "output", FEEDS_MAX_ITEMS=2, **PUBLIC)

    newest = ["https://arxiv.org/abs/hep-th/0101002", "https://arxiv.org/abs/2607.30004"]
    assert [entry.id for entry in parse(output / "feeds" / "all.atom.xml").entries] == newest
    assert len(parse(output / "feeds" / "daily.rss.xml").entries) == 2
    assert len(json.loads((output / "feeds" / "all.json").read_bytes())["items"]) == 2


def test_settings_turn_feed_kinds_off(feeds_content, tmp_path):
    off = dict.fromkeys(["FEEDS_AUTHOR_ATOM", "FEEDS_AUTHOR_RSS", "FEEDS_SITE_JSON"], None)
    off |= {"FEEDS_DIGEST_RSS": None, "FEEDS_OPML": None}
    output = build_site(feeds_content, tmp_path / "output", **off, **PUBLIC)

    written = {path.relative_to(output).as_posix() for path in (output / "feeds").rglob("*.*")}
    assert "feeds/daily.atom.xml" in written
    assert not {"feeds/daily.rss.xml", "feeds/all.json", "feeds/tags.opml"} & written
    assert not (output / "feeds" / "author").exists()
    page = (output / "author" / "aino-virtanen" / "index.html").read_text(encoding="utf-8")
    assert "feeds/author/" not in page and "tags.opml" not in page


def test_an_unbounded_entry_count_stops_the_build(feeds_content, tmp_path):
    # Which counts are unbounded: plugins/feeds/test_feeds.py.
    with pytest.raises(SystemExit, match="FEEDS_MAX_ITEMS must be a whole number from 1 to 500"):
        build_site(feeds_content, tmp_path / "output", FEEDS_MAX_ITEMS=501, **PUBLIC)
    assert not Path(tmp_path / "output" / "feeds").exists()
