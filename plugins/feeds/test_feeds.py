"""Tests of the feeds plugin's parts, and a real build of papers whose text TeX readers trip on.
The feeds of a built site: tests/site/test_feed_*.py."""

import datetime
from pathlib import Path
from types import SimpleNamespace

import feedparser
import pytest

from paperfeed.rules import MAX_BRACE_DEPTH
from paperfeed.testing import build_site, write_paper

from .feeds import FeedsSettingsError, check_settings, newest_days, readable_title, safe_html

PLUGINS = ["paper_reader", "taxonomy", "feeds"]
SITEURL = "https://papers.example.org"
NESTED_BRACES = "$" + "{" * 1000 + "x" + "}" * 1000 + "$"


def parse(output: Path, path: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((output / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (r"$\alpha$-Net", "\N{GREEK SMALL LETTER ALPHA}-Net"),
        (r"\textbf{Bold} $x^2$ and 50% & more #1", "Bold x² and 50% & more #1"),
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
