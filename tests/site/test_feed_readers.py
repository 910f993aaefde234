"""The shipped site's feeds as real feed readers read them: newsboat, served over HTTP, and
feedparser. The first author first, the math as text, the digest's links to its days, one
item per paper across feeds."""

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from site_helpers import SITEURL, parse

from tools.static_server import served

EVOARENA = "https://arxiv.org/abs/2606.13681"
EVOARENA_FIRST_AUTHOR = "Jundong Xu"
GF_DIT = "https://arxiv.org/abs/2606.13501"
# What 2606.13501's abstract says as TeX: `6.01$\times$` and `60 $μ$s`.
GF_DIT_MATH = ("up to 6.01×, reduces", "approximately 60 μs.")  # noqa: RUF001
# A tag and an author of two papers, whose feeds a reader follows beside the site's.
TAG_FEED = "feeds/tag/agents.rss.xml"
AUTHOR_FEED = "feeds/author/f-penunuri.atom.xml"


def newsboat_items(newsboat: str, site: Path, feeds: list[str], folder: Path) -> list[dict]:
    """The items newsboat stores after fetching `feeds` (paths in `site`) from a local server:
    `newsboat -x reload` with a URL file, read back from its cache (sqlite)."""
    folder.mkdir()
    cache = folder / "cache.db"
    # newsboat keeps its files in the home folder: a fresh one, so nothing of the machine's.
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith("XDG_")},
        "HOME": str(folder),
    }
    with served(site) as url:
        (folder / "urls").write_text("".join(f"{url}{feed}\n" for feed in feeds))
        command = [newsboat, "-u", folder / "urls", "-c", cache, "-C", os.devnull, "-x", "reload"]
        subprocess.run(command, env=environment, check=True, timeout=120, capture_output=True)
    with sqlite3.connect(cache) as database:
        read = dict(database.execute("SELECT rssurl, title FROM rss_feed").fetchall())
        database.row_factory = sqlite3.Row
        rows = database.execute("SELECT guid, title, author, url, content FROM rss_item")
        items = [dict(row) for row in rows]
    assert {feed.removeprefix(url): bool(title) for feed, title in read.items()} == dict.fromkeys(
        feeds, True
    ), "newsboat read every feed"
    return items


def _item(items: list[dict], guid: str) -> dict:
    (item,) = [item for item in items if item["guid"] == guid]
    return item


@pytest.mark.parametrize("name", ["all.atom.xml", "all.rss.xml"])
def test_newsboat_reads_the_math_and_the_first_author(newsboat, shipped_site, tmp_path, name):
    items = newsboat_items(newsboat, shipped_site, [f"feeds/{name}"], tmp_path / "newsboat")

    assert all(text in _item(items, GF_DIT)["content"] for text in GF_DIT_MATH)
    assert _item(items, EVOARENA)["author"].startswith(f"{EVOARENA_FIRST_AUTHOR}, ")


def test_feedparser_reads_the_math_and_the_first_author(shipped_site):
    rss = {entry.id: entry for entry in parse(shipped_site / "feeds" / "all.rss.xml").entries}
    atom = {entry.id: entry for entry in parse(shipped_site / "feeds" / "all.atom.xml").entries}
    document = json.loads((shipped_site / "feeds" / "all.json").read_text(encoding="utf-8"))
    items = {item["id"]: item for item in document["items"]}

    for content in (
        rss[GF_DIT].content[0].value,
        rss[GF_DIT].summary,
        atom[GF_DIT].content[0].value,
        atom[GF_DIT].summary,
        items[GF_DIT]["content_html"],
    ):
        assert all(text in content for text in GF_DIT_MATH)
    assert (
        rss[EVOARENA].author == f"{EVOARENA_FIRST_AUTHOR}, Qingchuan Li, Jiaying Wu and 11 others"
    )
    assert atom[EVOARENA].authors[0].name == EVOARENA_FIRST_AUTHOR
    assert items[EVOARENA]["authors"][0]["name"] == EVOARENA_FIRST_AUTHOR


def test_newsboat_follows_each_digest_entry_to_its_day(newsboat, shipped_site, tmp_path):
    items = newsboat_items(newsboat, shipped_site, ["feeds/daily.atom.xml"], tmp_path / "nb")

    assert len(items) == len(list((shipped_site / "day").iterdir()))
    for item in items:
        day = item["guid"].removeprefix("urn:paperfeed:daily:")
        assert item["url"] == f"{SITEURL}/day/{day}/"
        assert item["title"].endswith(f" of {day}")
    newest = _item(items, "urn:paperfeed:daily:2026-06-12")
    assert "EvoArena" in newest["content"] and "118 upvotes" in newest["content"]


def test_a_paper_is_one_item_whichever_feeds_list_it(newsboat, shipped_site, tmp_path):
    feeds = ["feeds/all.atom.xml", "feeds/all.rss.xml", TAG_FEED, AUTHOR_FEED]
    items = newsboat_items(newsboat, shipped_site, feeds, tmp_path / "nb")

    ids = {entry.id for feed in feeds for entry in parse(shipped_site / feed).entries}
    assert EVOARENA in {entry.id for entry in parse(shipped_site / TAG_FEED).entries}
    assert sorted(item["guid"] for item in items) == sorted(ids)
