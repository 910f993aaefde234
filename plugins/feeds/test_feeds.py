"""Tests of the feeds plugin: real builds, feeds read back with feedparser."""

import datetime
import shutil
from pathlib import Path
from types import SimpleNamespace

import feedparser
import pytest

from paperfeed.rules import MAX_BRACE_DEPTH
from paperfeed.testing import build_site, write_paper

from .feeds import FeedsSettingsError, check_settings, newest_days, readable_title, safe_html

TEST_CONTENT = Path(__file__).parent / "test_data" / "content"
PLUGINS = ["paper_reader", "taxonomy", "feeds"]
SITEURL = "https://papers.example.org"
TWELVE_AUTHORS = ["Ada Example", "Bo Sample", "Cy Third", "Dee Fourth", "Eve Fifth", "Fay Sixth"]
TWELVE_AUTHORS += ["Gus Seventh", "Hal Eighth", "Ivy Ninth", "Jo Tenth", "Kai Eleventh"]
TWELVE_AUTHORS += ["Lu Twelfth"]
NESTED_BRACES = "$" + "{" * 1000 + "x" + "}" * 1000 + "$"


@pytest.fixture
def output(tmp_path: Path) -> Path:
    """The output of a build of the test content with the public settings' URLs."""
    content = shutil.copytree(TEST_CONTENT, tmp_path / "content")
    return build_site(
        content,
        tmp_path / "output",
        plugins=PLUGINS,
        SITEURL=SITEURL,
        FEED_DOMAIN=SITEURL,
        RELATIVE_URLS=False,
    )


def parse(output: Path, path: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((output / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_site_digest_tag_and_author_feeds_are_written(output):
    written = sorted(
        path.relative_to(output).as_posix() for path in (output / "feeds").rglob("*.*")
    )

    assert written == sorted(
        [
            f"feeds/{name}.{kind}.xml"
            for name in ("all", "daily", "author/ada-example", "tag/cs.lg", "tag/hep-ph")
            for kind in ("atom", "rss")
        ]
        + ["feeds/tag/efficient-inference.atom.xml", "feeds/tag/efficient-inference.rss.xml"]
        + ["feeds/all.json", "feeds/tags.opml"]
    )


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_entries_are_identified_by_their_arxiv_abstract_page(output, kind):
    feed = parse(output, f"feeds/all.{kind}.xml")

    assert [entry.id for entry in feed.entries] == [
        "https://arxiv.org/abs/2606.20001",
        "https://arxiv.org/abs/2606.20002",
        "https://arxiv.org/abs/hep-ph/0101001",
    ]
    assert feed.entries[0].link == f"{SITEURL}/papers/2606.20001/"


def test_rss_guid_is_a_permalink(output):
    rss = (output / "feeds" / "all.rss.xml").read_text(encoding="utf-8")

    assert '<guid isPermaLink="true">https://arxiv.org/abs/2606.20001</guid>' in rss


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_every_author_and_every_tag_is_in_the_entry(output, kind):
    entry = parse(output, f"feeds/all.{kind}.xml").entries[0]

    assert [author.name for author in entry.authors] == TWELVE_AUTHORS
    assert [tag.term for tag in entry.tags] == ["cs.LG", "Efficient Inference"]


def test_dates_come_from_the_papers(output):
    feed = parse(output, "feeds/all.atom.xml")

    assert feed.feed.updated == "2026-06-14T00:00:00+00:00", "the newest entry's update"
    first = feed.entries[0]
    assert (first.published, first.updated) == ("2026-06-12T00:00:00+00:00", feed.feed.updated)
    assert feed.entries[1].updated == "2026-06-11T00:00:00+00:00", "no update: the listing day"
    rss = parse(output, "feeds/all.rss.xml")
    assert rss.feed.updated == "Sun, 14 Jun 2026 00:00:00 +0000"


def test_the_abstract_is_the_summary_as_html(output):
    entry = parse(output, "feeds/all.atom.xml").entries[0]

    assert entry.summary_detail.type == "text/html"
    assert entry.summary.startswith("<p>Attention, but sparse: cost drops from")


def test_a_tag_feed_holds_that_tags_papers_and_its_description(output):
    feed = parse(output, "feeds/tag/efficient-inference.atom.xml")

    assert feed.feed.title == "paperfeed: Efficient Inference"
    assert feed.feed.subtitle == "Making models faster and cheaper to run."
    assert feed.feed.link == f"{SITEURL}/tag/efficient-inference/"
    assert [entry.id for entry in feed.entries] == ["https://arxiv.org/abs/2606.20001"]


def test_feeds_hold_only_the_newest_papers(tmp_path):
    content = shutil.copytree(TEST_CONTENT, tmp_path / "content")

    output = build_site(
        content, tmp_path / "output", plugins=PLUGINS, FEEDS_MAX_ITEMS=2, FEEDS_TAG_RSS=None
    )

    feed = parse(output, "feeds/all.rss.xml")
    assert [entry.id.rsplit("/", 1)[1] for entry in feed.entries] == ["2606.20001", "2606.20002"]
    assert not list((output / "feeds" / "tag").glob("*.rss.xml")), "a None path turns a feed off"


def test_every_page_advertises_the_site_feeds_and_a_tag_page_its_own(output):
    pages = list(output.rglob("*.html"))
    assert len(pages) > 5

    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert f'type="application/atom+xml" title="paperfeed (Atom)" href="{SITEURL}/' in html
        assert 'type="application/rss+xml" title="paperfeed (RSS)"' in html
    tag_page = (output / "tag" / "cs.lg" / "index.html").read_text(encoding="utf-8")
    assert f'href="{SITEURL}/feeds/tag/cs.lg.atom.xml"' in tag_page


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (r"$\alpha$-Net", "\N{GREEK SMALL LETTER ALPHA}-Net"),
        (r"\textbf{Bold} $x^2$ and 50% & more #1", "Bold x^2 and 50% & more #1"),
        ("No TeX <b>at all</b>", "No TeX <b>at all</b>"),
        (r"Escaped 50\% \& 20% $\beta$", "Escaped 50% & 20% \N{GREEK SMALL LETTER BETA}"),
        (r"Schr\"odinger's \emph{cat}", "Schr\N{LATIN SMALL LETTER O WITH DIAERESIS}dinger's cat"),
        (r"Broken {brace $\frac{a", r"Broken {brace $\frac{a"),
        (r"A link \href{x}{y}", r"A link \href{x}{y}"),
        (NESTED_BRACES, NESTED_BRACES),
        ("Bell\a, NUL\0 and $\\alpha$\x1b", "Bell, NUL and \N{GREEK SMALL LETTER ALPHA}"),
    ],
)
def test_readable_title_turns_tex_into_text(title, text):
    assert readable_title(title) == text


def test_safe_html_keeps_nothing_executable():
    html = (
        '<p onclick="x()">Hi <script>alert(1)</script><img src=x onerror=alert(2)>'
        '<a href="javascript:alert(3)">a</a><a href="https://arxiv.org/">b</a>'
        '<span class="math">$x$</span><style>p{}</style><iframe src="https://e.x"></iframe></p>'
    )

    assert safe_html(html) == (
        '<p>Hi <a rel="noopener noreferrer nofollow">a</a>'
        '<a href="https://arxiv.org/" rel="noopener noreferrer nofollow">b</a>'
        '<span class="math">$x$</span></p>'
    )


def test_newest_days_groups_sorted_papers_by_day_and_stops_at_the_count():
    day = datetime.datetime
    papers = [
        SimpleNamespace(date=day(2026, 6, d), name=n) for d, n in ((3, "a"), (3, "b"), (2, "c"))
    ]
    papers.append(SimpleNamespace(date=day(2026, 6, 1), name="d"))

    days = newest_days(papers, 2)

    assert [(d.isoformat(), [p.name for p in group]) for d, group in days] == [
        ("2026-06-03", ["a", "b"]),
        ("2026-06-02", ["c"]),
    ]


@pytest.mark.parametrize("count", [0, -1, 501, True, "50", None])
def test_the_entry_count_is_bounded(count):
    with pytest.raises(FeedsSettingsError, match="FEEDS_MAX_ITEMS"):
        check_settings({"FEEDS_MAX_ITEMS": count, "FEEDS_AUTHOR_MIN_PAPERS": 2})


def test_feeds_are_written_whatever_the_papers_text(tmp_path):
    papers = tmp_path / "content" / "papers"
    # The text a paper file may hold that TeX readers trip on (the paper model refuses control
    # characters and deeper braces; readable_title's test has those).
    deepest_braces = "$" + "{" * MAX_BRACE_DEPTH + "x" + "}" * MAX_BRACE_DEPTH + "$"
    hostile = {  # file id: (title, abstract)
        "2606.30001": (r"A link \href{x}{y}", "Plain."),
        "2606.30002": (deepest_braces, deepest_braces),
    }
    for fileid, (title, abstract) in hostile.items():
        write_paper(papers, title=title, arxiv_id=fileid, tags=["cs.LG"], abstract=abstract)

    # With the plugins that read the same text for the pages, as the site builds it.
    plugins = [*PLUGINS, "mathml", "paper_meta", "site_files"]
    output = build_site(
        tmp_path / "content",
        tmp_path / "output",
        plugins=plugins,
        SITEURL=SITEURL,
        FEED_DOMAIN=SITEURL,
    )

    for path in ("all", "daily", "tag/cs.lg"):
        for kind in ("atom", "rss"):
            assert parse(output, f"feeds/{path}.{kind}.xml").entries
    titles = {entry.title for entry in parse(output, "feeds/all.atom.xml").entries}
    assert titles == {r"A link \href{x}{y}", "x"}
