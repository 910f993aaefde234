"""The built site's feeds: valid, complete, stable ids, and byte-identical rebuilds."""

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
import yaml

from paperfeed.testing import SITES, build_site, output_files, pelican_command

FIXTURE_CONTENT = SITES / "daily-papers"


def parse(path: Path) -> feedparser.FeedParserDict:
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    return feed


def paper_authors(fileid: str) -> list[str]:
    text = (FIXTURE_CONTENT / "papers" / f"{fileid}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])["authors"]


def entry_ids_by_feed(output: Path) -> dict[str, list[str]]:
    return {
        str(path.relative_to(output)): [entry.id for entry in parse(path).entries]
        for path in sorted((output / "feeds").rglob("*.xml"))
    }


def test_every_feed_parses_cleanly_and_has_entries(daily_site):
    feeds = sorted((daily_site / "feeds").rglob("*.xml"))

    assert len(list(daily_site.glob("feeds/tag/*.xml"))) == 2 * len(list(daily_site.glob("tag/*/")))
    for path in feeds:
        assert parse(path).entries, path


def test_every_page_advertises_feeds_that_exist(daily_site):
    for path in daily_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        links = re.findall(
            r'<link rel="alternate" type="application/(?:atom|rss)\+xml"[^>]*>', html
        )
        assert len(links) >= 2, path
        for link in links:
            href = re.search(r'href="([^"]+)"', link).group(1)
            page_url = path.relative_to(daily_site).as_posix()
            assert (daily_site / urljoin(page_url, href).lstrip("/")).is_file(), (path, href)


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_every_author_of_a_533_author_paper_is_in_the_feed(daily_site, kind):
    feed = parse(daily_site / "feeds" / f"all.{kind}.xml")

    entry = next(e for e in feed.entries if e.id == "https://arxiv.org/abs/2407.21783")
    assert [author.name for author in entry.authors] == paper_authors("2407.21783")
    assert len(entry.authors) == 533


def test_entry_ids_do_not_change_when_a_title_is_corrected(daily_content, tmp_path):
    before = build_site(daily_content, tmp_path / "before")
    paper = daily_content / "papers" / "2606.13392.md"
    paper.write_text(
        paper.read_text(encoding="utf-8").replace(
            "title: MiniMax Sparse Attention", "title: 'MiniMax Sparse Attention (corrected)'"
        ),
        encoding="utf-8",
    )

    after = build_site(daily_content, tmp_path / "after")

    assert entry_ids_by_feed(after) == entry_ids_by_feed(before)
    entry = next(
        e
        for e in parse(after / "feeds" / "all.atom.xml").entries
        if e.id == "https://arxiv.org/abs/2606.13392"
    )
    assert entry.title == "MiniMax Sparse Attention (corrected)"
    assert (after / "papers" / "2606.13392" / "index.html").is_file()


def test_two_builds_give_identical_bytes(tmp_path):
    # Separate processes with different hash seeds: set and dict orders differ between them.
    outputs = []
    for seed in ("1", "2"):
        output = tmp_path / f"output-{seed}"
        subprocess.run(
            pelican_command(FIXTURE_CONTENT, output),
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
            capture_output=True,
        )
        outputs.append(output)

    first, second = (output_files(output) for output in outputs)
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []


def test_feeds_carry_no_markup_from_an_abstract(daily_site):
    for path in (daily_site / "feeds").rglob("*.xml"):
        xml = path.read_text(encoding="utf-8")
        # One level of XML unescaping must not give an HTML <script> tag.
        assert "<script" not in xml and "&lt;script" not in xml, path
    feed = parse(daily_site / "feeds" / "all.atom.xml")
    entry = next(e for e in feed.entries if e.id == "https://arxiv.org/abs/2606.12282")
    assert "&lt;script&gt;alert('owned')&lt;/script&gt;" in entry.summary
