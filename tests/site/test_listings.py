"""Listings: the home page, a page per day, ISO week and month, and the archive index."""

import datetime
import re

from site_helpers import LARGE_ID, listed_papers

from paperfeed.testing import build_site, page, write_paper


def test_every_listing_day_week_and_month_has_a_page(markup_site):
    assert listed_papers(page(markup_site, "day/2026-07-06")) == ["2607.01002", "2607.01001"]
    assert listed_papers(page(markup_site, "day/2026-07-07")) == ["2607.01003", "2607.01600"]
    assert listed_papers(page(markup_site, "day/2026-07-01")) == ["hep-th0601001"]
    assert listed_papers(page(markup_site, "week/2026-W28/days")) == [
        "2607.01003",
        "2607.01600",
        "2607.01002",
        "2607.01001",
    ]
    assert listed_papers(page(markup_site, "week/2026-W27")) == ["hep-th0601001"]
    assert len(listed_papers(page(markup_site, "month/2026-07"))) == 5
    assert sorted(path.name for path in (markup_site / "day").iterdir()) == [
        "2026-07-01",
        "2026-07-06",
        "2026-07-07",
    ]


def card_of(html: str, fileid: str) -> str:
    """The card of paper `fileid` in a listing."""
    card = html[html.index(f"papers/{fileid}/") :]
    return card[: card.index("</article>")]


def text(html: str) -> str:
    """The text of an HTML fragment, visually hidden text left out."""
    return re.sub(r"<[^>]+>", "", re.sub(r'<span class="visually-hidden">.*?</span>', "", html))


def test_home_shows_the_newest_day_most_upvoted_first_with_links_above_the_papers(markup_site):
    html = page(markup_site, "")

    assert listed_papers(html) == ["2607.01003", "2607.01600"]
    nav = html.index('<nav class="period-nav"')
    assert nav < html.index('class="paper-card"'), "the links come before the papers"
    assert '<a rel="prev" href="./day/2026-07-06/">← 6 Jul 2026</a>' in html
    assert '<a href="./week/2026-W28/">This week&#39;s top papers</a>' in html


def test_every_page_s_header_links_the_archive(markup_site):
    for path in ("", "papers/2607.01001", "tag", "day/2026-07-06"):
        header = page(markup_site, path).split("</header>")[0]
        assert re.search(r'<a href="[./]*archive/">Archive</a>', header), path


def test_week_and_month_pages_rank_papers_by_upvotes_and_link_their_by_day_page(markup_site):
    ranked = ["2607.01002", "2607.01001", "2607.01003", "2607.01600"]  # 80, 50, 12, 3 upvotes
    for period in ("week/2026-W28", "month/2026-07"):
        html = page(markup_site, period)
        assert listed_papers(html)[: len(ranked)] == ranked, period
        assert f'<a href="../../{period}/days/">By day</a>' in html
        assert f'<a href="../../../{period}/">Ranked by upvotes</a>' in page(
            markup_site, f"{period}/days"
        )
    # A ranked list has no day headings: each card says its day.
    card = card_of(page(markup_site, "week/2026-W28"), "2607.01001")
    assert '<time datetime="2026-07-06">6 Jul 2026</time>' in card


def test_equal_upvotes_rank_by_listing_day_newest_first_then_by_id(tmp_path):
    papers = tmp_path / "content" / "papers"
    for fileid, day, upvotes in (
        ("2606.00003", 8, 5),
        ("2606.00002", 9, 5),
        ("2606.00001", 9, 5),
        ("2606.00004", 8, 7),
    ):
        write_paper(papers, arxiv_id=fileid, date=datetime.date(2026, 6, day), upvotes=upvotes)

    output = build_site(tmp_path / "content", tmp_path / "output")

    assert listed_papers(page(output, "week/2026-W24")) == [
        "2606.00004",
        "2606.00001",
        "2606.00002",
        "2606.00003",
    ]


def test_a_day_links_the_days_before_and_after_and_its_week_and_month(markup_site):
    html = page(markup_site, "day/2026-07-06")

    assert '<h1>Papers of <time datetime="2026-07-06">6 Jul 2026</time></h1>' in html
    start = html.index('<nav class="period-nav"')
    nav = html[start : html.index("</nav>", start)]
    assert re.findall(r'href="\.\./\.\./([^"]+)"', nav) == [
        "day/2026-07-01/",
        "week/2026-W28/",
        "month/2026-07/",
        "day/2026-07-07/",
    ]
    assert start < html.index('class="paper-card"'), "the links come before the papers"


def test_a_listing_item_has_title_first_authors_upvotes_tags_and_the_abstract_behind_a_click(
    markup_site,
):
    card = card_of(page(markup_site, "day/2026-07-06"), "2607.01001")

    authors = re.search(r'<p class="paper-card-authors">(.*?)</p>', card).group(1)
    assert text(authors) == "Ana Lima, Ben Okoro, Chen Wu"
    assert '<span aria-hidden="true">▲</span> 50<span class="visually-hidden"> upvotes</span>' in (
        card
    )
    assert re.findall(r'href="\.\./\.\./tag/([^/"]+)/"', card) == [
        "cs.cl",
        "cs.lg",
        "efficient-attention",
    ]
    assert 'title="Computation and Language (cs.CL)">cs.CL</a>' in card, "a category's tooltip"
    abstract = card[card.index('<details class="paper-card-abstract">') :]
    assert "<summary>Abstract</summary>" in abstract
    assert "<p>We cut the cost of attention from <math" in abstract
    assert "<time" not in card, "the day is the heading's, not repeated on every card"


def test_a_listing_item_shows_the_first_three_authors_of_many(markup_site):
    card = card_of(page(markup_site, "day/2026-07-07"), LARGE_ID)

    authors = re.search(r'<p class="paper-card-authors">(.*?)</p>', card).group(1)
    assert text(authors) == "Aiko Abe, Aiko Berg, Aiko Costa +597"
    assert '<span class="visually-hidden">and 597 more</span>' in authors


def test_an_author_page_shows_its_author_on_every_card(tmp_path):
    papers = tmp_path / "content" / "papers"
    listed_fifth = ["Ana Lima", "Ben Okoro", "Chen Wu", "Dan Four", "Eve Fifth", "Fay Six"]
    write_paper(papers, arxiv_id="2606.00001", authors=listed_fifth)
    write_paper(papers, arxiv_id="2606.00002", authors=["Eve Fifth", "Ana Lima"])

    html = page(build_site(tmp_path / "content", tmp_path / "output"), "author/eve-fifth")

    authors = re.search(r'<p class="paper-card-authors">(.*?)</p>', card_of(html, "2606.00001"))
    assert text(authors.group(1)) == "Ana Lima, Ben Okoro, Chen Wu, … Eve Fifth +2"
    authors = re.search(r'<p class="paper-card-authors">(.*?)</p>', card_of(html, "2606.00002"))
    assert text(authors.group(1)) == "Eve Fifth, Ana Lima"


def test_the_archive_index_links_every_day_week_and_month_with_counts(markup_site):
    html = page(markup_site, "archive")

    links = re.findall(r'<a href="\.\./([^"]+)">', html)
    for url in ("month/2026-07/", "week/2026-W28/", "week/2026-W27/", "day/2026-07-01/"):
        assert url in links
    assert '<a href="../day/2026-07-06/"><time datetime="2026-07-06">6 Jul 2026</time></a>' in html
    assert '<a href="../month/2026-07/">July 2026</a> <span class="count">5</span>' in html
    assert html.count("<h1") == 1


def test_a_week_across_new_year_is_in_the_archive_once(tmp_path):
    papers = tmp_path / "content" / "papers"
    for fileid, day in (("2701.00001", "2027-01-01"), ("2612.00001", "2026-12-30")):
        write_paper(papers, arxiv_id=fileid, date=datetime.date.fromisoformat(day))

    html = page(build_site(tmp_path / "content", tmp_path / "output"), "archive")

    assert html.count('<a href="../week/2026-W53/">Week 53, 2026</a>') == 1
    assert '<h2 id="year-2027">2027</h2>' in html and '<h2 id="year-2026">2026</h2>' in html


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
