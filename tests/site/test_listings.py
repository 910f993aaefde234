"""Listings: the home page, a page per day, ISO week and month, and the archive index."""

import datetime
import re

from site_helpers import LARGE_ID, listed_papers

from paperfeed.testing import build_site, page, write_paper


def test_every_listing_day_week_and_month_has_a_page(markup_site):
    assert listed_papers(page(markup_site, "day/2026-07-06")) == ["2607.01002", "2607.01001"]
    assert listed_papers(page(markup_site, "day/2026-07-07")) == ["2607.01003", "2607.01600"]
    assert listed_papers(page(markup_site, "day/2026-07-01")) == ["hep-th0601001"]
    assert listed_papers(page(markup_site, "week/2026-W28")) == [
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


def test_home_shows_the_newest_day_most_upvoted_first_with_a_link_to_the_day_before(markup_site):
    html = page(markup_site, "")

    assert listed_papers(html) == ["2607.01003", "2607.01600"]
    assert '<a href="./day/2026-07-06/">← 6 Jul 2026</a>' in html
    assert '<a href="./week/2026-W28/">Week 28, 2026</a>' in html


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
        "archive/",
    ]


def test_a_listing_item_has_title_first_authors_count_upvotes_tags_and_abstract_start(markup_site):
    html = page(markup_site, "day/2026-07-06")
    card = html[html.index("papers/2607.01001/") :]
    card = card[: card.index("</article>")]

    authors = re.search(r'<span class="authors">(.*?)</span>', card).group(1)
    assert re.sub(r"<[^>]+>", "", authors) == "Ana Lima, Ben Okoro, Chen Wu"
    assert '<span class="count">3 authors</span>' in card
    assert "50<span" in card
    assert re.findall(r'href="\.\./\.\./tag/([^/"]+)/"', card) == [
        "cs.cl",
        "cs.lg",
        "efficient-attention",
    ]
    assert "<p>We cut the cost of attention from <math" in card
    assert "<p>A training run costs $5 and $10 buys two" in card


def test_a_listing_item_shows_the_first_three_authors_of_many(markup_site):
    html = page(markup_site, "day/2026-07-07")
    card = html[html.index(f"papers/{LARGE_ID}/") :]
    card = card[: card.index("</article>")]

    authors = re.search(r'<span class="authors">(.*?)</span>', card).group(1)
    assert re.sub(r"<[^>]+>", "", authors) == "Aiko Abe, Aiko Berg, Aiko Costa, …"
    assert '<span class="count">600 authors</span>' in card


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
