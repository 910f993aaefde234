"""What a feed entry carries, and what it never carries."""

import json

import pytest
from site_helpers import (
    LARGE_COLLABORATION_ID,
    PUBLIC,
    RICH_ID,
    SITEURL,
    entry_by_id,
    parse,
    written_feeds,
)

from paperfeed.testing import build_site, feed_fragments, many_authors, visible_text

ALPHA_NET = "https://arxiv.org/abs/2607.30001"
OLD_STYLE = "https://arxiv.org/abs/hep-th/0101002"
RICH = f"https://arxiv.org/abs/{RICH_ID}"
# The point of these titles is the Unicode letters that TeX turns into.
ALPHA_NET_TITLE = "α-Net: Sparse Attention with 𝒪(n) Cost"  # noqa: RUF001
OLD_STYLE_TITLE = "Bounds on 𝒩=4 amplitudes: 50% & more"  # noqa: RUF001


def test_atom_and_json_feed_name_the_authors_in_order(feeds_site):
    atom = entry_by_id(
        parse(feeds_site / "feeds" / "all.atom.xml"), "https://arxiv.org/abs/2607.30001"
    )
    items = json.loads((feeds_site / "feeds" / "all.json").read_text(encoding="utf-8"))["items"]
    item = next(item for item in items if item["id"] == ALPHA_NET)

    # feedparser's `author` is an Atom entry's last <author>; `authors` keeps their order.
    assert [author.name for author in atom.authors] == ["Aino Virtanen", "Bruno Costa"]
    assert [author["name"] for author in item["authors"]] == ["Aino Virtanen", "Bruno Costa"]


def test_rss_names_the_authors_in_one_byline_first_author_first(feeds_site):
    entry = entry_by_id(parse(feeds_site / "feeds" / "all.rss.xml"), ALPHA_NET)

    assert entry.author == "Aino Virtanen and Bruno Costa"
    assert [author.name for author in entry.authors] == ["Aino Virtanen and Bruno Costa"]


def test_a_600_author_paper_names_twenty_and_counts_the_others(feeds_site):
    large_id = f"https://arxiv.org/abs/{LARGE_COLLABORATION_ID}"
    atom = entry_by_id(parse(feeds_site / "feeds" / "all.atom.xml"), large_id)
    rss = entry_by_id(parse(feeds_site / "feeds" / "all.rss.xml"), large_id)
    items = json.loads((feeds_site / "feeds" / "all.json").read_text(encoding="utf-8"))["items"]
    item = next(item for item in items if item["id"] == large_id)

    named = [*many_authors(20), "and 580 others"]
    assert [author.name for author in atom.authors] == named
    assert [author["name"] for author in item["authors"]] == named
    assert rss.author == "Aiko Abe, Aiko Berg, Aiko Costa and 597 others"
    xml = (feeds_site / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    entry = xml.split(f"<id>{large_id}</id>")[1].split("</entry>")[0]
    assert len(entry.encode()) < 4_000, "a long collaboration stays a small entry"


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_the_abstract_is_the_entry_s_summary_as_html(feeds_site, kind):
    entry = entry_by_id(
        parse(feeds_site / "feeds" / f"all.{kind}.xml"), "https://arxiv.org/abs/2607.30002"
    )

    assert entry.summary_detail.type == "text/html"
    assert entry.summary == "<p>Reading twice helps.</p>"


def test_an_entry_links_the_paper_page_then_arxiv_pdf_github_and_project_page(rich_site):
    entry = entry_by_id(parse(rich_site / "feeds" / "all.atom.xml"), RICH)

    assert entry.link == f"{SITEURL}/papers/{RICH_ID}/"
    assert [(link.rel, link.href, link.type, link.get("title")) for link in entry.links] == [
        ("alternate", f"{SITEURL}/papers/{RICH_ID}/", "text/html", None),
        ("related", RICH, "text/html", "arXiv abstract"),
        ("related", f"https://arxiv.org/pdf/{RICH_ID}", "application/pdf", "PDF"),
        ("related", "https://github.com/example/sparse", "text/html", "GitHub"),
        ("related", "https://example.org/sparse", "text/html", "Project page"),
    ]


def _title_and_content(output, name: str) -> tuple[str, str]:
    """The title and content HTML of the rich paper's entry in the feed file `name`."""
    path = output / "feeds" / name
    if name.endswith(".json"):
        items = json.loads(path.read_text(encoding="utf-8"))["items"]
        item = next(item for item in items if item["id"] == RICH)
        return item["title"], item["content_html"]
    entry = entry_by_id(parse(path), RICH)
    return entry.title, entry.content[0].value


@pytest.mark.parametrize("name", ["all.atom.xml", "all.rss.xml", "all.json"])
def test_an_entry_holds_the_ai_summary_the_abstract_the_comment_and_links(rich_site, name):
    title, content = _title_and_content(rich_site, name)

    assert title == "Sparse xᵢ² Models at 6.01×"  # noqa: RUF001
    paragraphs = [visible_text(part) for part in content.split("\n")]
    assert paragraphs == [
        "AI summary (Hugging Face): Sparse models run 6.01× faster.",  # noqa: RUF001
        "Up to 6.01× faster at 60 μs, with α and xᵢ²; $\\foo{y}$ stays.",  # noqa: RUF001
        "Comment: 12 pages; a step takes 60 μs",
        "Paper page · arXiv abstract · PDF · GitHub · Project page",
    ]
    assert "<strong>AI summary</strong>" in content
    assert content.index(f'href="{SITEURL}/papers/{RICH_ID}/"') < content.index(f'href="{RICH}"')


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_tags_are_categories_with_a_scheme(feeds_site, kind):
    entry = entry_by_id(parse(feeds_site / "feeds" / f"all.{kind}.xml"), ALPHA_NET)

    assert [(tag.term, tag.scheme) for tag in entry.tags] == [
        ("cs.LG", "https://arxiv.org/category_taxonomy"),
        ("cs.CL", "https://arxiv.org/category_taxonomy"),
        ("Sparse Models", f"{SITEURL}/tag/"),
    ]


def test_rss_guids_are_permalinks_to_the_arxiv_abstract(feeds_site):
    rss = (feeds_site / "feeds" / "all.rss.xml").read_text(encoding="utf-8")

    assert f'<guid isPermaLink="true">{OLD_STYLE}</guid>' in rss
    assert rss.count('<guid isPermaLink="true">https://arxiv.org/abs/') == 5


def test_published_is_the_listing_day_and_updated_the_last_change(feeds_site):
    feed = parse(feeds_site / "feeds" / "all.atom.xml")

    alpha = entry_by_id(feed, ALPHA_NET)
    assert (alpha.published, alpha.updated) == (
        "2026-07-01T00:00:00+00:00",
        "2026-07-03T00:00:00+00:00",
    )
    old = entry_by_id(feed, OLD_STYLE)
    assert (old.published, old.updated) == (
        "2026-07-03T00:00:00+00:00",
        "2026-07-03T00:00:00+00:00",
    )
    plain = entry_by_id(feed, "https://arxiv.org/abs/2607.30002")
    assert plain.updated == "2026-07-01T00:00:00+00:00", "no arXiv update: the listing day"


def test_feed_level_metadata(feeds_site):
    path = feeds_site / "feeds" / "tag" / "sparse-models.atom.xml"
    feed = parse(path).feed

    assert feed.title == "paperfeed: Sparse Models", "the topic's name, its slug in the links"
    assert feed.subtitle == "Sparse networks, sparse attention and mixtures of experts."
    assert {(link.rel, link.href) for link in feed.links} == {
        ("self", f"{SITEURL}/feeds/tag/sparse-models.atom.xml"),
        ("alternate", f"{SITEURL}/tag/sparse-models/"),
    }
    assert [entry.id for entry in parse(path).entries] == [ALPHA_NET], "the tag's papers"
    assert feed.icon == f"{SITEURL}/theme/feeds/icon.png"
    assert feed.language == "en"
    assert feed.updated == "2026-07-03T00:00:00+00:00", "the newest entry's update, not now"
    rss = parse(feeds_site / "feeds" / "all.rss.xml").feed
    assert rss.link == f"{SITEURL}/"
    assert rss.updated == "Fri, 03 Jul 2026 00:00:00 +0000"
    assert rss.image.href == f"{SITEURL}/theme/feeds/icon.png"
    assert (feeds_site / "theme" / "feeds" / "icon.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_tex_in_titles_is_unicode_text(feeds_site, kind):
    feed = parse(feeds_site / "feeds" / f"all.{kind}.xml")

    assert entry_by_id(feed, ALPHA_NET).title == ALPHA_NET_TITLE
    assert entry_by_id(feed, OLD_STYLE).title == OLD_STYLE_TITLE


def test_tex_in_titles_is_unicode_in_the_json_feed_and_the_digest(feeds_site):
    items = json.loads((feeds_site / "feeds" / "all.json").read_text(encoding="utf-8"))["items"]
    assert next(item for item in items if item["id"] == ALPHA_NET)["title"] == ALPHA_NET_TITLE
    digest = parse(feeds_site / "feeds" / "daily.atom.xml")
    assert f">{ALPHA_NET_TITLE}</a>" in digest.entries[2].content[0].value


@pytest.mark.parametrize("name", ["all.atom.xml", "all.rss.xml", "all.json"])
def test_markup_in_an_abstract_is_text_in_every_kind_of_feed(feeds_site, name):
    # That no feed entry holds anything executable: tests/hostile/test_hostile_chain.py.
    fragments = feed_fragments(feeds_site / "feeds" / name)

    alpha = [html for html in fragments if "We make attention sparse" in html]
    assert alpha
    assert all("&lt;script&gt;alert('abstract')&lt;/script&gt;" in html for html in alpha)


def _ids(output) -> dict[str, list[str]]:
    return {
        path.relative_to(output).as_posix(): [entry.id for entry in parse(path).entries]
        for path in written_feeds(output)
        if "daily" not in path.name
    }


def test_ids_survive_a_title_correction_and_a_domain_move(feeds_content, tmp_path):
    before = build_site(feeds_content, tmp_path / "before", **PUBLIC)
    paper = feeds_content / "papers" / "2607.30002.md"
    text = paper.read_text(encoding="utf-8")
    paper.write_text(text.replace("Reading Long Documents Twice", "Reading Long Documents Thrice"))

    corrected = build_site(feeds_content, tmp_path / "corrected", **PUBLIC)
    moved = build_site(
        feeds_content,
        tmp_path / "moved",
        **PUBLIC
        | {"SITEURL": "https://elsewhere.example", "FEED_DOMAIN": "https://elsewhere.example"},
    )

    assert _ids(corrected) == _ids(before)
    assert _ids(moved) == _ids(before)
    assert "https://arxiv.org/abs/2607.30002" in _ids(before)["feeds/all.atom.xml"]
    entry = entry_by_id(
        parse(corrected / "feeds" / "all.atom.xml"), "https://arxiv.org/abs/2607.30002"
    )
    assert entry.title == "Reading Long Documents Thrice"
    moved_entry = entry_by_id(
        parse(moved / "feeds" / "all.atom.xml"), "https://arxiv.org/abs/2607.30002"
    )
    assert moved_entry.link == "https://elsewhere.example/papers/2607.30002/"
