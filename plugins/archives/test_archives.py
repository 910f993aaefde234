"""Tests of the archives plugin: grouping by day, ISO week and month, and a real build."""

import datetime
from types import SimpleNamespace

from pelican.utils import SafeDatetime

from archives.archives import DEFAULTS, group_by_period

SETTINGS = {**DEFAULTS, "DEFAULT_DATE_FORMAT": "%-d %b %Y"}


def paper(day: str, upvotes: int | None = None, slug: str = "2606.00001") -> SimpleNamespace:
    date = datetime.date.fromisoformat(day)
    return SimpleNamespace(
        date=SafeDatetime(date.year, date.month, date.day), name=day, upvotes=upvotes, slug=slug
    )


def test_papers_are_grouped_by_day_iso_week_and_month_keeping_their_order():
    papers = [paper(day) for day in ("2027-01-01", "2027-01-01", "2026-12-28", "2026-12-27")]

    grouped = group_by_period(papers, SETTINGS)

    assert [day.key for day in grouped["day"]] == ["2027-01-01", "2026-12-28", "2026-12-27"]
    assert grouped["day"][0].papers == papers[:2]
    # 2027-01-01 is in ISO week 53 of 2026, with 28 December.
    assert [(week.key, len(week.papers)) for week in grouped["week"]] == [
        ("2026-W53", 3),
        ("2026-W52", 1),
    ]
    assert [(month.key, month.label) for month in grouped["month"]] == [
        ("2027-01", "January 2027"),
        ("2026-12", "December 2026"),
    ]
    assert grouped["week"][0].url == "week/2026-W53/"


def test_periods_link_to_their_neighbours_and_days_to_their_week_and_month():
    days = group_by_period([paper("2026-06-12"), paper("2026-06-10")], SETTINGS)["day"]

    assert days[0].older is days[1] and days[1].newer is days[0]
    assert days[0].newer is None and days[1].older is None
    assert [period.key for period in days[0].within] == ["2026-W24", "2026-06"]
    assert days[0].within[1].days == days


def test_weeks_and_months_rank_by_upvotes_then_newest_day_then_id():
    papers = [
        paper("2026-06-12", 3, "2606.00005"),
        paper("2026-06-12", None, "2606.00004"),
        paper("2026-06-10", 9, "2606.00003"),
        paper("2026-06-10", 3, "2606.00002"),
        paper("2026-06-10", 3, "2606.00001"),
    ]

    grouped = group_by_period(papers, SETTINGS)

    for kind in ("week", "month"):
        (period,) = grouped[kind]
        assert [p.slug for p in period.ranked] == [
            "2606.00003",
            "2606.00005",
            "2606.00001",
            "2606.00002",
            "2606.00004",
        ]
        assert period.papers == papers, "the by-day order stays"
    assert grouped["week"][0].by_day_url == "week/2026-W24/days/"
    assert grouped["day"][0].ranked == [] and grouped["day"][0].by_day_url == ""


def test_each_paper_is_touched_a_constant_number_of_times():
    """One pass: a paper is appended to exactly three periods, whatever the number of papers."""
    papers = [paper(f"2026-{month:02d}-{day:02d}") for month in (1, 2) for day in range(1, 29)]

    grouped = group_by_period(papers, SETTINGS)

    assert sum(len(period.papers) for kind in grouped.values() for period in kind) == 3 * 56
