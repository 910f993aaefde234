"""What a feed entry says: one paper, or one day of the digest, whatever the format.

An `Entry` is the same in Atom, RSS and JSON Feed (atom_rss.py and json_opml.py write it).
Its text comes from the paper model: the title, the AI summary and the comment with their
TeX as Unicode text (`paperfeed.tex.tex_to_text`), the abstract as the safe Markdown's HTML
with each formula as Unicode text (the mathml plugin's `feed_content`, from
`paperfeed.render.formulas_as_text`), so a feed reader, which shows no MathML, reads
`6.01$\\times$` as 6.01 and a multiplication sign, and `60 $μ$s` as `60 μs`.

A paper entry (docs/site.md, "What an entry holds"): id the arXiv abstract page; title; the
paper page, then the arXiv abstract, PDF, GitHub and project page as links; its authors in
order (the first AUTHORS_NAMED, then one more named "and N others"); a byline for formats
with one author field; its tags as categories; the abstract as summary; and as content the AI
summary (marked as such), the abstract, the authors' comment and the links.

A digest entry: one day's papers, in the day page's order, each with its byline, upvotes
and links; it links to the day's page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from markupsafe import escape
from paper_attributes import PaperArticle

from paperfeed.ids import abs_url, pdf_url
from paperfeed.tags import is_category
from paperfeed.tex import tex_to_text

from .plan import Site

ARXIV_TAXONOMY = "https://arxiv.org/category_taxonomy"
# A feed entry names at most this many authors: a 600-author paper stays a small entry.
AUTHORS_NAMED = 20
# A byline names this many authors when there are more than one more.
BYLINE_NAMES = 3
DIGEST_ID = "urn:paperfeed:daily:{day}"
WEEK_ID = "urn:paperfeed:week:{week}"


@dataclass(frozen=True)
class Link:
    """A link of an entry besides its page."""

    href: str
    type: str
    title: str


@dataclass(frozen=True)
class Category:
    """A tag as an entry's category: the tag and the scheme it belongs to."""

    term: str
    scheme: str


@dataclass(frozen=True)
class Entry:
    """One feed entry, as every format holds it."""

    id: str
    id_is_link: bool  # whether the id is an address to open (RSS `guid isPermaLink`)
    title: str
    page: str  # the page on this site the entry is about
    related: tuple[Link, ...]  # other links, in the order shown
    authors: tuple[str, ...]  # in order: at most AUTHORS_NAMED, then "and N others"
    byline: str  # the authors in one line: "A, B, C and 11 others"
    categories: tuple[Category, ...]
    published: datetime.datetime
    updated: datetime.datetime
    summary_html: str  # "" for none
    content_html: str
    attachments: tuple[Link, ...] = ()  # files (the PDF), for JSON Feed


def others(count: int) -> str:
    """ "and 1 other", "and 11 others"."""
    return f"and {count} other{'s' if count != 1 else ''}"


def byline(names: list[str]) -> str:
    """The authors in one line, first author first: "A", "A and B", "A, B, C and D",
    "A, B, C and 11 others"."""
    if len(names) <= BYLINE_NAMES + 1:
        return " and ".join(filter(None, [", ".join(names[:-1]), *names[-1:]]))
    return f"{', '.join(names[:BYLINE_NAMES])} {others(len(names) - BYLINE_NAMES)}"


def named_authors(names: list[str]) -> tuple[str, ...]:
    """The authors an entry lists one by one: all of them, or the first AUTHORS_NAMED and
    then "and N others"."""
    if len(names) <= AUTHORS_NAMED:
        return tuple(names)
    return (*names[:AUTHORS_NAMED], others(len(names) - AUTHORS_NAMED))


def _day(value: datetime.date) -> datetime.datetime:
    return datetime.datetime(value.year, value.month, value.day, tzinfo=datetime.UTC)


def entry_dates(paper: PaperArticle) -> tuple[datetime.datetime, datetime.datetime]:
    """(published, updated): the day it was listed, and its arXiv update if that is later."""
    listed = _day(paper.date)
    changed = paper.metadata.get("updated")
    return listed, max(listed, _day(changed)) if changed else listed


def paper_links(paper: PaperArticle, site: Site) -> tuple[str, tuple[Link, ...]]:
    """The paper's page and its other links: arXiv abstract, PDF, and GitHub and project page
    where known."""
    links = [
        Link(abs_url(paper.arxiv_id), "text/html", "arXiv abstract"),
        Link(pdf_url(paper.arxiv_id), "application/pdf", "PDF"),
    ]
    for field, title in (("github", "GitHub"), ("project_page", "Project page")):
        if paper.metadata.get(field):
            links.append(Link(paper.metadata[field], "text/html", title))
    return site.absolute(paper.url), tuple(links)


def links_html(page: str, related: tuple[Link, ...]) -> str:
    """A paragraph of links: the paper page first, then the others."""
    anchors = [f'<a href="{escape(page)}">Paper page</a>']
    anchors += [f'<a href="{escape(link.href)}">{escape(link.title)}</a>' for link in related]
    return f"<p>{' · '.join(anchors)}</p>"


def categories(paper: PaperArticle, site: Site) -> tuple[Category, ...]:
    """A paper's tags as categories: arXiv's taxonomy for arXiv categories, else our tags."""
    return tuple(
        Category(tag, ARXIV_TAXONOMY if is_category(tag) else site.tags_url)
        for tag in paper.paper_tags
    )


def paper_entry(paper: PaperArticle, site: Site) -> Entry:
    """The entry of one paper."""
    published, updated = entry_dates(paper)
    page, related = paper_links(paper, site)
    abstract = paper.feed_content
    parts = []
    ai_summary = paper.metadata.get("ai_summary")
    if ai_summary:
        parts.append(
            f"<p><strong>AI summary</strong> (Hugging Face): {escape(tex_to_text(ai_summary))}</p>"
        )
    parts.append(abstract)
    comment = paper.metadata.get("comment")
    if comment:
        parts.append(f"<p>Comment: {escape(tex_to_text(comment))}</p>")
    parts.append(links_html(page, related))
    return Entry(
        id=related[0].href,
        id_is_link=True,
        title=tex_to_text(paper.title),
        page=page,
        related=related,
        authors=named_authors(paper.paper_authors),
        byline=byline(paper.paper_authors),
        categories=categories(paper, site),
        published=published,
        updated=updated,
        summary_html=abstract,
        content_html="\n".join(part for part in parts if part),
        attachments=tuple(link for link in related if link.type == "application/pdf"),
    )


def digest_item_html(paper: PaperArticle, site: Site) -> str:
    """One paper in a digest entry: its title linked to its page, byline, upvotes, links."""
    page, related = paper_links(paper, site)
    names = byline(paper.paper_authors)
    upvotes = paper.metadata.get("upvotes")
    others_links = ", ".join(
        f'<a href="{escape(link.href)}">{escape(link.title)}</a>' for link in related
    )
    return (
        f'<li><a href="{escape(page)}">{escape(tex_to_text(paper.title))}</a>'
        + (f", {escape(names)}" if names else "")
        + (f" · {upvotes} upvote{'s' if upvotes != 1 else ''}" if upvotes is not None else "")
        + f" ({others_links})</li>"
    )


def digest_entry(day, site: Site) -> Entry:
    """The digest entry of one listing day (an archives Period): its papers in the day
    page's order (most upvoted first), linking to the day page."""
    papers = day.papers
    count = len(papers)
    entry_id = DIGEST_ID.format(day=day.start.isoformat())
    items = "\n".join(digest_item_html(paper, site) for paper in papers)
    return Entry(
        id=entry_id,
        id_is_link=False,
        title=f"{count} paper{'s' if count != 1 else ''} of {day.start.isoformat()}",
        page=site.absolute(day.url),
        related=(),
        authors=(),
        byline="",
        categories=(),
        published=_day(day.start),
        updated=max(entry_dates(paper)[1] for paper in papers),
        summary_html="",
        content_html=f"<ul>\n{items}\n</ul>",
    )


def week_entry(week, site: Site, top: int) -> Entry:
    """The top-of-the-week entry of one ISO week (an archives Period): its `top` most upvoted
    papers in the week page's order, linking to the week page."""
    papers = week.ranked[:top]
    items = "\n".join(digest_item_html(paper, site) for paper in papers)
    return Entry(
        id=WEEK_ID.format(week=week.key),
        id_is_link=False,
        title=(
            f"Top {len(papers)} of {len(week.papers)} papers of {week.label}"
            if len(papers) < len(week.papers)
            else f"{len(papers)} paper{'s' if len(papers) != 1 else ''} of {week.label}"
        ),
        page=site.absolute(week.url),
        related=(),
        authors=(),
        byline="",
        categories=(),
        published=_day(max(day.start for day in week.days)),
        updated=max(entry_dates(paper)[1] for paper in week.papers),
        summary_html="",
        content_html=f"<ol>\n{items}\n</ol>",
    )
