"""Listings by listing day: the home page, `day/YYYY-MM-DD/`, `week/YYYY-Www/`, `month/YYYY-MM/`.

One pass over the listed papers (already in listing order: newest day first, then most
upvotes) puts each paper in its day, ISO week and month; each period keeps that order. The
home page shows the newest day. Every period links to the older and newer one of its kind.
A week's or month's page ranks its papers by upvotes (`Period.ranked`: most upvotes first,
ties by listing day, newest first, then by file id), as Hugging Face's week and month views
do; its by-day page (`WEEK_BY_DAY_URL`, `MONTH_BY_DAY_URL`) lists them by day.

Template context: `archive_days`, `archive_weeks`, `archive_months` (lists of Period, newest
first) and `newest_day`. Every paper gets `listing_day`, the day Period it is listed under
(None for a paper that is not listed: hidden or a draft). Templates: `index` (home), `day`,
`period` (week and month pages, ranked or by day, paginated), `archive` (the index of all
periods). The home page's heading is the setting HOME_HEADING.
"""

import datetime
import logging
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, pairwise

from paper_attributes import PaperArticle, PaperContext
from pelican import signals

logger = logging.getLogger(__name__)

DEFAULTS = {
    "DAY_URL": "day/{key}/",
    "DAY_SAVE_AS": "day/{key}/index.html",
    "WEEK_URL": "week/{key}/",
    "WEEK_SAVE_AS": "week/{key}/index.html",
    "MONTH_URL": "month/{key}/",
    "MONTH_SAVE_AS": "month/{key}/index.html",
    "WEEK_BY_DAY_URL": "week/{key}/days/",
    "WEEK_BY_DAY_SAVE_AS": "week/{key}/days/index.html",
    "MONTH_BY_DAY_URL": "month/{key}/days/",
    "MONTH_BY_DAY_SAVE_AS": "month/{key}/days/index.html",
    "ARCHIVE_URL": "archive/",
    "ARCHIVE_SAVE_AS": "archive/index.html",
    "INDEX_SAVE_AS": "index.html",
    # The heading of the home page (SITENAME and SITESUBTITLE are Pelican's own settings).
    "HOME_HEADING": "Daily papers",
}


@dataclass(eq=False)
class Period:
    """A day, ISO week or month of listings, with its papers in listing order.

    A week or month also has its papers `ranked` (see `rank_key`) and the address of its
    by-day page (`by_day_url`, `by_day_save_as`; "" for a day).
    """

    kind: str
    key: str
    label: str
    start: datetime.date
    url: str
    save_as: str
    # Out of the repr: the periods link each other, and a failed test would print them all.
    papers: list = field(default_factory=list, repr=False)
    ranked: list = field(default_factory=list, repr=False)
    by_day_url: str = ""
    by_day_save_as: str = ""
    older: "Period | None" = field(default=None, repr=False)
    newer: "Period | None" = field(default=None, repr=False)
    # For a day: the week and the month it belongs to; for a week or month: its days.
    within: tuple["Period", ...] = field(default=(), repr=False)
    days: list["Period"] = field(default_factory=list, repr=False)

    def __str__(self) -> str:
        return self.label

    def fingerprint(self) -> tuple:
        """What a page can show of this period (the page_writer plugin's key for it).

        Its papers count by their slugs, as a term's do (see taxonomy's Term.fingerprint).
        """
        return (
            self.kind,
            self.key,
            self.label,
            self.url,
            self.by_day_url,
            self.start,
            [paper.slug for paper in self.papers],
            [paper.slug for paper in self.ranked],
            [_summary(period) for period in (self.older, self.newer, *self.within, *self.days)],
        )


def _summary(period: Period | None) -> tuple | None:
    """A period as a page shows it when it links to it."""
    if period is None:
        return None
    return (
        period.kind,
        period.key,
        period.label,
        period.url,
        period.by_day_url,
        period.start,
        len(period.papers),
    )


def _period(kind: str, key: str, label: str, start: datetime.date, settings: dict) -> Period:
    upper = kind.upper()
    period = Period(
        kind=kind,
        key=key,
        label=label,
        start=start,
        url=settings[f"{upper}_URL"].format(key=key),
        save_as=settings[f"{upper}_SAVE_AS"].format(key=key),
    )
    if kind != "day":
        period.by_day_url = settings[f"{upper}_BY_DAY_URL"].format(key=key)
        period.by_day_save_as = settings[f"{upper}_BY_DAY_SAVE_AS"].format(key=key)
    return period


def rank_key(paper: PaperArticle) -> tuple:
    """A week's or month's ranking: most upvotes first, ties by listing day (newest first),
    then by file id."""
    return (-(getattr(paper, "upvotes", None) or 0), -paper.date.toordinal(), paper.slug)


def periods_of_day(day: datetime.date, settings: dict) -> tuple[Period, Period, Period]:
    """New (empty) day, ISO week and month periods for `day`."""
    year, week, weekday = day.isocalendar()
    monday = day - datetime.timedelta(days=weekday - 1)
    date_format = settings["DEFAULT_DATE_FORMAT"]
    return (
        _period("day", day.isoformat(), day.strftime(date_format), day, settings),
        _period("week", f"{year}-W{week:02d}", f"Week {week}, {year}", monday, settings),
        _period(
            "month", day.strftime("%Y-%m"), day.strftime("%B %Y"), day.replace(day=1), settings
        ),
    )


def group_by_period(papers: list[PaperArticle], settings: dict) -> dict[str, list[Period]]:
    """Group `papers` by day, ISO week and month in one pass; each kind newest first, linked.

    Each paper gets `listing_day`, its day Period.
    """
    by_kind: dict[str, dict[str, Period]] = {"day": {}, "week": {}, "month": {}}
    of_day: dict[datetime.date, tuple[Period, ...]] = {}
    for paper in papers:
        day = paper.date.date()
        periods = of_day.get(day)
        if periods is None:
            periods = tuple(
                by_kind[new.kind].setdefault(new.key, new) for new in periods_of_day(day, settings)
            )
            periods[0].within = periods[1:]
            for wider in periods[1:]:
                wider.days.append(periods[0])
            of_day[day] = periods
        paper.listing_day = periods[0]
        for period in periods:
            period.papers.append(paper)
    grouped = {}
    for kind, periods in by_kind.items():
        newest_first = sorted(periods.values(), key=lambda period: period.start, reverse=True)
        for newer, older in pairwise(newest_first):
            newer.older, older.newer = older, newer
        for period in newest_first:
            period.days.sort(key=lambda day: day.start, reverse=True)
            if kind != "day":
                period.ranked = sorted(period.papers, key=rank_key)
        grouped[kind] = newest_first
    return grouped


def add_defaults(pelican) -> None:
    """Fill in this plugin's settings that the site's settings leave out."""
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def collect_periods(generator) -> None:
    """Put the days, weeks and months of the listed papers in the template context."""
    grouped = group_by_period(generator.articles, generator.settings)
    for paper in chain(generator.hidden_articles, generator.drafts):
        paper.listing_day = None
    periods: PaperContext = {
        "archive_days": grouped["day"],
        "archive_weeks": grouped["week"],
        "archive_months": grouped["month"],
        "newest_day": grouped["day"][0] if grouped["day"] else None,
    }
    generator.context.update(periods)


def write_pages(generator, writer) -> None:
    """Write the home page, a page per day, two per week and month (ranked and by day), and
    the archive index."""
    settings = generator.settings
    context = generator.context
    write = partial(writer.write_file, relative_urls=settings["RELATIVE_URLS"])
    newest = context.get("newest_day")
    write(
        settings["INDEX_SAVE_AS"],
        generator.get_template("index"),
        context,
        url="",
        paginated={},
        template_name="index",
        day=newest,
        articles=newest.papers if newest else [],
    )
    day_template = generator.get_template("day")
    for day in context.get("archive_days", []):
        write(
            day.save_as,
            day_template,
            context,
            url=day.url,
            paginated={},
            template_name="day",
            day=day,
            articles=day.papers,
        )
    period_template = generator.get_template("period")
    for kind in ("archive_weeks", "archive_months"):
        for period in context.get(kind, []):
            for save_as, url, by_day, papers in (
                (period.save_as, period.url, False, period.ranked),
                (period.by_day_save_as, period.by_day_url, True, period.papers),
            ):
                write(
                    save_as,
                    period_template,
                    context,
                    url=url,
                    template_name="period",
                    period=period,
                    by_day=by_day,
                    articles=papers,
                )
    write(
        settings["ARCHIVE_SAVE_AS"],
        generator.get_template("archive"),
        context,
        url=settings["ARCHIVE_URL"],
        paginated={},
        template_name="archive",
    )


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(add_defaults)
    signals.article_generator_finalized.connect(collect_periods)
    signals.article_writer_finalized.connect(write_pages)
