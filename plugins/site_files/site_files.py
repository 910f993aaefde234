"""The files a site keeps at its root: `sitemap.xml`, `robots.txt` and `404.html`; and the
default of the line at the foot of every page, FOOTER_TEXT.

The sitemap lists the home page, the archive and tag indexes, every day, week and month
page, every tag and author page and every paper page (first pages of listings only). A
page's `lastmod` comes from the data: a paper's newest date (listed or updated), a listing's
newest paper's. So the same content gives the same bytes, whenever it is built.

The 404 page is served at whatever address was missing, so its links are written from the
site root (or the absolute SITEURL), never relative to where it is saved.
"""

import datetime
from collections.abc import Iterable
from functools import partial
from xml.sax.saxutils import escape

from page_writer import write_data
from paper_meta.paper_meta import site_address
from pelican import signals

DEFAULTS = {
    "SITEMAP_SAVE_AS": "sitemap.xml",
    "ROBOTS_SAVE_AS": "robots.txt",
    "NOT_FOUND_SAVE_AS": "404.html",
    # The line at the foot of every page (base.html), as text.
    "FOOTER_TEXT": (
        "Papers from the Hugging Face Daily Papers and arXiv (metadata CC0). "
        "Built with paperfeed and Pelican."
    ),
}


def paper_lastmod(paper) -> datetime.date:
    """The newest date of a paper: the day it was listed or its latest arXiv version."""
    listed = paper.date.date()
    updated = paper.metadata.get("updated")
    return max(listed, updated) if updated else listed


def newest(papers: Iterable) -> datetime.date | None:
    """The newest `paper_lastmod` of `papers`, or None for no papers."""
    return max((paper_lastmod(paper) for paper in papers), default=None)


def sitemap_entries(context: dict, settings: dict) -> list[tuple[str, datetime.date | None]]:
    """(page URL relative to the site, lastmod) for every page the sitemap lists."""
    papers = context.get("articles", [])
    newest_paper = newest(papers)
    entries = [
        ("", newest_paper),
        (settings.get("ARCHIVE_URL", "archive/"), newest_paper),
        (settings["TAGS_URL"], newest_paper),
    ]
    for kind in ("archive_days", "archive_weeks", "archive_months", "tag_terms", "author_terms"):
        entries.extend(
            (item.url, newest(item.papers)) for item in context.get(kind, []) if item.url
        )
    # A week's and a month's papers by day (the archives plugin), beside the ranked page.
    for kind in ("archive_weeks", "archive_months"):
        entries.extend(
            (period.by_day_url, newest(period.papers)) for period in context.get(kind, [])
        )
    entries.extend((paper.url, paper_lastmod(paper)) for paper in papers)
    return entries


def sitemap_xml(entries: list[tuple[str, datetime.date | None]], address: str) -> str:
    """The sitemap document for `entries` on the site at `address`."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for url, lastmod in entries:
        lastmod_element = f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(f'{address}/{url}')}</loc>{lastmod_element}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def add_defaults(pelican) -> None:
    """Fill in this plugin's settings that the site's settings leave out."""
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def write_site_files(generator, writer) -> None:
    """Write sitemap.xml, robots.txt and 404.html into the output folder."""
    settings = generator.settings
    address = site_address(settings)
    sitemap = settings["SITEMAP_SAVE_AS"]
    entries = sitemap_entries(generator.context, settings)
    write_data(writer, sitemap, partial(sitemap_xml, entries, address), depends_on=[entries])
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {address}/{sitemap}\n"
    write_data(writer, settings["ROBOTS_SAVE_AS"], partial(str, robots), depends_on=[robots])
    writer.write_file(
        settings["NOT_FOUND_SAVE_AS"],
        generator.get_template("404"),
        generator.context,
        relative_urls=False,
        template_name="404",
    )


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(add_defaults)
    signals.article_writer_finalized.connect(write_site_files)
