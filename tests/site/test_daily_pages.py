"""The built site's pages: one per paper at its file id, tag and author pages, listings."""

import datetime
import re
from pathlib import Path

from paperfeed.testing import SITES, build_site, page, write_paper

# A link to an author's page, or for an author of one paper to a search for the name.
AUTHOR_LINK = r'<li><a href="\.\./\.\./(?:author/[^/"]+/|search/\?q=[^"]+)">'
FIXTURE_IDS = sorted(path.stem for path in (SITES / "daily-papers" / "papers").glob("*.md"))


def listed_papers(html: str) -> list[str]:
    """The file ids of the papers a listing page shows, in order."""
    return re.findall(r'class="paper-card-title"><a href="[./]*papers/([^/"]+)/"', html)


def test_every_paper_has_a_page_at_its_file_id(daily_site):
    assert len(FIXTURE_IDS) == 6
    for fileid in FIXTURE_IDS:
        assert (daily_site / "papers" / fileid / "index.html").is_file(), fileid


def test_a_paper_page_shows_all_its_data_and_links(daily_site):
    html = page(daily_site, "papers/2606.13681")

    assert '<h1 id="paper-title">EvoArena: Tracking Memory Evolution for Robust LLM Agents' in html
    assert len(re.findall(AUTHOR_LINK, html)) == 14
    assert '<time datetime="2026-06-12">12 Jun 2026</time>' in html
    assert '<time datetime="2026-06-11">11 Jun 2026</time>' in html
    assert "<dt>Upvotes</dt><dd>118</dd>" in html
    assert "Large language model (LLM) agents have achieved strong performance" in html
    assert re.findall(r'href="\.\./\.\./tag/([^/"]+)/"', html) == ["cs.cl", "cs.ai", "llm-agents"]
    assert "<li>EvoMem</li>" in html
    for link in (
        "https://arxiv.org/abs/2606.13681",
        "https://arxiv.org/pdf/2606.13681",
        "https://huggingface.co/papers/2606.13681",
        "https://github.com/Aiden0526/EvoArena",
        "https://aiden0526.github.io/EvoArena/",
    ):
        assert f'href="{link}"' in html


def test_every_author_of_a_large_collaboration_is_on_its_page(daily_site):
    html = page(daily_site, "papers/2407.21783")

    assert len(re.findall(AUTHOR_LINK, html)) == 533
    assert re.search(
        r'<details class="more-authors">\s*<summary>Show all 533 authors</summary>', html
    )


def test_an_old_style_id_gets_its_page(daily_site):
    html = page(daily_site, "papers/hep-th9901001")

    assert "arXiv:hep-th/9901001" in html
    assert 'href="https://arxiv.org/abs/hep-th/9901001"' in html
    assert "a_b, 2 * 3, #1, &lt;i&gt; and TeX" in html


def test_html_in_an_abstract_is_shown_as_text(daily_site):
    html = page(daily_site, "papers/2606.12282")

    assert "&lt;script&gt;alert('owned')&lt;/script&gt; and &lt;b&gt;bold&lt;/b&gt;" in html
    for path in daily_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html, path
        # Inline scripts (the theme's and the JSON-LD block, which holds the abstract) carry
        # no markup at all, so an abstract can never close them and open its own.
        inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
        assert not any("<" in body for body in inline), path


def test_an_arxiv_category_s_tag_page_is_its_code_in_lower_case(daily_site):
    assert listed_papers(page(daily_site, "tag/cs.cl")) == [
        "2606.13681",
        "2606.13392",
        "2407.21783",
    ]
    assert listed_papers(page(daily_site, "tag/cs.hc")) == ["2606.00467"]


def test_a_topic_tag_has_the_slug_and_description_of_the_topics_file(daily_site):
    html = page(daily_site, "tag/llm-agents")

    assert "Language models that plan, use tools and act in environments." in html
    assert listed_papers(html) == ["2606.13681", "2606.00467"]


def test_the_tag_index_links_every_tag(daily_site):
    html = page(daily_site, "tag")

    tags = re.findall(r'<a href="\.\./tag/([^/"]+)/">', html)
    assert sorted(tags) == sorted(
        path.name for path in (daily_site / "tag").iterdir() if path.is_dir()
    )


def test_an_author_of_one_paper_links_to_a_search_for_the_name(daily_site):
    html = page(daily_site, "papers/2606.00467")

    assert '<a href="../../search/?q=R.%20Michael%20Alvarez">R. Michael Alvarez</a>' in html
    assert not (daily_site / "author" / "r-michael-alvarez").exists()


def test_home_shows_the_newest_day_first_most_upvoted_first(daily_site):
    html = page(daily_site, "")

    newest_day = '<h2 id="newest-day">Papers of <time datetime="2026-06-12">12 Jun 2026</time></h2>'
    assert newest_day in html
    assert listed_papers(html) == ["2606.13681", "2606.13392", "2606.12282"]
    assert '<a href="./day/2026-06-11/">← 11 Jun 2026</a>' in html


def test_a_listing_shows_first_authors_count_upvotes_date_and_abstract_start(daily_site):
    html = page(daily_site, "")
    card = html[html.index("papers/2606.13392/") : html.index("papers/2606.12282/")]

    assert "MiniMax Sparse Attention" in card
    authors = re.search(r'<span class="authors">(.*?)</span>', card).group(1)
    assert re.sub(r"<[^>]+>", "", authors) == "Xunhao Lai, Weiqi Xu, Yufeng Yang, …"
    assert '<span class="count">11 authors</span>' in card
    assert "103<span" in card
    assert '<time datetime="2026-06-12">' in card
    assert "<p>Ultra-long-context capability is becoming indispensable" in card


def test_pagination_paths_cannot_collide_with_other_pages(tmp_path):
    papers = tmp_path / "content" / "papers"
    papers.mkdir(parents=True)
    (papers.parent / "topics.yaml").write_text(
        "".join(
            f"- name: {name}\n  slug: {name}\n  description: Topic {name}.\n  phrases: [{name}]\n"
            for name in ("x-17", "x-174")
        ),
        encoding="utf-8",
    )
    for day in range(1, 7):
        fileid = f"2606.0000{day}"
        write_paper(
            papers,
            title=f"Paper {day}",
            arxiv_id=fileid,
            authors=["Ada Example"],
            date=datetime.date(2026, 6, day),
            tags=["x-174"] if day == 6 else ["x-17"],
        )

    output = build_site(tmp_path / "content", tmp_path / "output", DEFAULT_PAGINATION=1)

    # Newest first: page 4 of tag x-17 holds the 4th newest of its five papers.
    assert listed_papers(page(output, "tag/x-17/page/4")) == ["2606.00002"]
    assert listed_papers(page(output, "tag/x-174")) == ["2606.00006"]
    assert listed_papers(page(output, "month/2026-06/page/6")) == ["2606.00001"]
    assert 'rel="next" href="../../month/2026-06/page/2/"' in page(output, "month/2026-06")
    assert 'rel="prev" href="../../../../tag/x-17/"' in page(output, "tag/x-17/page/2")


def test_pages_are_accessible_and_load_nothing_from_other_hosts(daily_site):
    for path in daily_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert html.startswith('<!doctype html>\n<html lang="en">'), path
        assert '<a class="skip-link" href="#main">' in html
        assert '<main id="main"' in html and "<nav " in html and "<footer" in html
        assert html.count("<h1") == 1, path
        assert not re.search(r'(src|href)="(https?:)?//[^"]*\.(css|js)"', html), path


def test_the_theme_stylesheet_is_copied(daily_site):
    assert Path(daily_site / "theme" / "css" / "paperfeed.css").is_file()
