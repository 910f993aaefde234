"""Fetch papers into content/papers from Hugging Face Daily Papers or arXiv.

    python scripts/fetch.py daily [--today YYYY-MM-DD] [--refresh-days N] [--all]
    python scripts/fetch.py hf --date YYYY-MM-DD [--to YYYY-MM-DD] [--all]
    python scripts/fetch.py hf --catch-up [--today YYYY-MM-DD] [--refresh-days N] [--all]
    python scripts/fetch.py arxiv --ids ID[,ID...]
    python scripts/fetch.py arxiv --query QUERY [--max N]
    common options: --content-dir DIR, --dry-run, --no-enrich

`daily` (what the daily workflow runs) fetches what content/sources.yaml names: the Daily
Papers of the days since the last completed run and of the last 7 days, then each arXiv
search. Exit status: 0 when it worked (also when nothing was new), 1 when an upstream or
network failure, a write error or another fetch into the same folder stopped it, 2 for a usage
error or a topics or sources file with problems, 130 (Ctrl-C) or 143 (SIGTERM) when stopped.
See docs/fetch.md. The work is the package's: paperfeed/fetch.py runs a fetch into a
PaperStore (paperfeed/store.py), which writes only what the paper model accepts.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import sys
from collections import Counter
from pathlib import Path

from tqdm import tqdm

from paperfeed import arxiv
from paperfeed.catchup import (
    MAX_DAYS,
    REFRESH_DAYS,
    Plan,
    RecordError,
    plan_days,
    read_last_day,
    record_path,
    write_last_day,
)
from paperfeed.check import shown_path, topics_file
from paperfeed.fetch import Hold, Interrupted, StopSignals, fetch_days, fetch_ids, fetch_query
from paperfeed.ids import parse_id
from paperfeed.sources import ArxivSearch, Sources, read_sources, sources_file
from paperfeed.store import Outcome, PaperStore, StoreError, base_dir
from paperfeed.tags import read_vocabulary
from paperfeed.upstream import Client, Settings, UpstreamError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT_DIR = ROOT / "content" / "papers"
TODAY_VARIABLE = "PAPERFEED_TODAY"


class _Parser(argparse.ArgumentParser):
    """Reports a usage error in one line and exits 2."""

    def error(self, message: str):
        sys.stderr.write(f"{self.prog}: error: {message} (see --help)\n")
        sys.exit(2)


def _day(text: str) -> datetime.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a day like 2026-06-12")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day of the calendar") from None


def _ids(text: str) -> list[str]:
    ids = []
    for item in filter(None, re.split(r"[,\s]+", text)):
        try:
            arxiv_id, version = parse_id(item)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None
        ids.append(f"{arxiv_id}v{version}" if version else arxiv_id)
    if not ids:
        raise argparse.ArgumentTypeError("no arXiv id given")
    return ids


def build_parser() -> argparse.ArgumentParser:
    """The command line parser (also used by `--help`)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--content-dir",
        type=Path,
        default=DEFAULT_CONTENT_DIR,
        help="folder of the paper files (default content/papers); its base records are in "
        "DIR/.upstream, the topics and sources files are DIR/../topics.yaml and "
        "DIR/../sources.yaml",
    )
    common.add_argument(
        "--dry-run", action="store_true", help="show what would change, write nothing"
    )
    common.add_argument(
        "--no-enrich",
        action="store_true",
        help="hf: skip the arXiv request that adds categories, comment, DOI, version",
    )
    daily = argparse.ArgumentParser(add_help=False)
    daily.add_argument(
        "--today",
        type=_day,
        help=f"the day taken for today (default: {TODAY_VARIABLE}, else the current UTC date)",
    )
    daily.add_argument(
        "--refresh-days",
        type=int,
        help=f"recent days fetched again for late additions and upvotes (default "
        f"{REFRESH_DAYS}, at most {MAX_DAYS})",
    )
    daily.add_argument(
        "--all",
        action="store_true",
        help="keep every Daily Papers paper, whatever the tags in sources.yaml",
    )
    parser = _Parser(prog="fetch.py", description=__doc__.split("\n\n")[0])
    sources = parser.add_subparsers(dest="source", required=True, metavar="{daily,hf,arxiv}")
    sources.add_parser(
        "daily",
        parents=[common, daily],
        help="what sources.yaml names: Daily Papers since the last run, and arXiv searches",
    ).set_defaults(catch_up=True)
    hf_parser = sources.add_parser("hf", parents=[common, daily], help="Hugging Face Daily Papers")
    days = hf_parser.add_mutually_exclusive_group(required=True)
    days.add_argument("--date", type=_day, help="the day, YYYY-MM-DD")
    days.add_argument(
        "--catch-up",
        action="store_true",
        help="the days since the last completed fetch and the last --refresh-days",
    )
    hf_parser.add_argument("--to", type=_day, help="last day of a range, YYYY-MM-DD")
    arxiv_parser = sources.add_parser("arxiv", parents=[common], help="arXiv")
    arxiv_parser.set_defaults(catch_up=False, today=None, refresh_days=None, all=False)
    what = arxiv_parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--ids", type=_ids, help="comma-separated arXiv ids")
    what.add_argument("--query", help="an arXiv search_query, like 'all:transformer'")
    arxiv_parser.add_argument(
        "--max",
        type=int,
        help=f"at most this many query results (default 10, at most {arxiv.MAX_RESULTS})",
    )
    return parser


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The parsed command line; exits 2 with one line for a usage error."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.source == "hf":
        if args.to and not args.date:
            parser.error("--to goes with --date, not --catch-up")
        if args.to and args.to < args.date:
            parser.error(f"--to {args.to} is before --date {args.date}")
    if not args.catch_up:
        options = (("--today", args.today), ("--refresh-days", args.refresh_days))
        given = [flag for flag, value in options if value is not None]
        if given:
            parser.error(f"{given[0]} goes with --catch-up")
    if args.catch_up:
        args.refresh_days = REFRESH_DAYS if args.refresh_days is None else args.refresh_days
        if not 1 <= args.refresh_days <= MAX_DAYS:
            parser.error(f"--refresh-days must be between 1 and {MAX_DAYS}")
    if args.source == "arxiv":
        if args.max is not None and args.ids:
            parser.error("--max goes with --query, not --ids")
        args.max = 10 if args.max is None else args.max
        if not 1 <= args.max <= arxiv.MAX_RESULTS:
            parser.error(f"--max must be between 1 and {arxiv.MAX_RESULTS}")
        if args.query is not None and not args.query.strip():
            parser.error("--query is empty")
    if args.content_dir.exists() and not args.content_dir.is_dir():
        parser.error(f"--content-dir {args.content_dir} is not a folder")
    return args


class Report:
    """Prints what the fetch does, one line per change, and the closing counts."""

    def __init__(self, *, dry_run: bool, progress: bool, base_dir: Path, sources: str) -> None:
        self.counts: Counter[str] = Counter()
        self.dry_run = dry_run
        self.progress = progress
        self.base_dir = base_dir
        self.sources = sources

    def say(self, line: str) -> None:
        """Print a line (above the progress bar, when there is one)."""
        tqdm.write(line, file=sys.stdout)

    def paper(self, outcome: Outcome) -> None:
        """Count a paper, and print it unless it is unchanged or left out."""
        self.counts[outcome.status] += 1
        self.counts["deleted"] += outcome.deleted
        detail = {
            "new": outcome.title,
            "updated": ", ".join(outcome.fields),
            "skipped": outcome.note,
        }.get(outcome.status)
        if detail is not None:
            self.say(f"{outcome.status:<8} {outcome.arxiv_id:<18} {detail}")
        for note in outcome.dropped:
            self.say(f"{'note':<8} {outcome.arxiv_id:<18} {note}")

    def skipped(self, note: str) -> None:
        """Count an upstream entry that could not be used."""
        self.counts["skipped"] += 1
        self.say(f"{'skipped':<8} {note}")

    def summary(self) -> str:
        """The closing line: new N, updated N, unchanged N, skipped N; then how many of the
        skipped were deleted by hand, how many papers the tag filter left out, and whether it
        was a dry run."""
        statuses = ("new", "updated", "unchanged", "skipped")
        line = ", ".join(f"{status} {self.counts[status]}" for status in statuses)
        if self.counts["deleted"]:
            line += (
                f" ({self.counts['deleted']} deleted by hand; to fetch one again, delete its "
                f"base record in {shown_path(self.base_dir)}/)"
            )
        if self.counts["left out"]:
            line += (
                f", left out {self.counts['left out']} (none of the tags in {self.sources}; "
                "--all keeps them)"
            )
        return line + (" (dry run: nothing written)" if self.dry_run else "")


def main(argv: list[str] | None = None) -> int:
    """Run the fetch command; returns the exit status."""
    args = parse_args(argv)
    try:
        settings = Settings.from_env()
        today = args.today or _today()
    except ValueError as error:
        return _refuse(str(error))
    topics_path = topics_file(args.content_dir)
    try:
        vocabulary = read_vocabulary(topics_path, shown_path(topics_path))
    except OSError as error:
        return _refuse(f"cannot read {shown_path(topics_path)}: {error}")
    if vocabulary.problems:
        return _refuse_file(vocabulary.problems, vocabulary.topics_shown)
    sources_path = sources_file(args.content_dir)
    sources = Sources(shown=shown_path(sources_path))
    if args.source != "arxiv":
        sources = read_sources(sources_path, vocabulary, shown_path(sources_path))
        if sources.problems:
            return _refuse_file(sources.problems, sources.shown)
    fetch_hf = args.source == "hf" or (args.source == "daily" and sources.huggingface)
    wanted_tags = () if args.source == "arxiv" or args.all else sources.tags
    if fetch_hf and args.no_enrich and sources.filter_categories and wanted_tags:
        return _refuse(
            f"the tags in {sources.shown} name arXiv categories "
            f"({', '.join(sources.filter_categories)}), which --no-enrich leaves out: fetch "
            "without --no-enrich, or keep every paper with --all",
        )
    plan, last = None, None
    record = record_path(args.content_dir)
    if args.catch_up:
        try:
            last = read_last_day(record)
        except RecordError as error:
            return _refuse(str(error))
        plan = plan_days(last, today, args.refresh_days, shown_path(record))
    report = Report(
        dry_run=args.dry_run,
        progress=sys.stderr.isatty(),
        base_dir=base_dir(args.content_dir),
        sources=sources.shown,
    )
    client = Client(settings)
    try:
        with (
            StopSignals() as stops,
            PaperStore(args.content_dir, vocabulary, dry_run=args.dry_run) as store,
        ):
            if args.source == "arxiv":
                if args.ids:
                    fetch_ids(client, store, args.ids, report, stops.held)
                else:
                    fetch_query(client, store, args.query, args.max, report, stops.held)
            else:
                for line in plan.lines if plan else []:
                    report.say(line)
                if fetch_hf:
                    days = plan.days if plan else _days(args.date, args.to or args.date)
                    if wanted_tags:
                        report.say(
                            f"Hugging Face: keeping the papers tagged {', '.join(wanted_tags)} "
                            f"({sources.shown}; --all keeps every paper)"
                        )
                    shown = tqdm(days, disable=not report.progress or len(days) < 2, unit="day")
                    fetch_days(
                        client,
                        store,
                        shown,
                        report,
                        stops.held,
                        enrich=not args.no_enrich,
                        wanted_tags=wanted_tags,
                    )
                else:
                    report.say(f"Hugging Face: not fetched ({sources.shown}: fetch: false)")
                if args.source == "daily":
                    for search in sources.arxiv:
                        _fetch_search(client, store, search, report, stops.held, plan, sources)
                if plan and not args.dry_run:
                    _record(record, max(today, last or today), report)
    except (UpstreamError, StoreError) as error:
        return _fail(report, str(error))
    except Interrupted as stop:
        message = "interrupted; every file written is complete"
        return _fail(report, message, status=128 + stop.signum)
    finally:
        client.close()
    print(report.summary())
    return 0


def _fetch_search(
    client: Client,
    store: PaperStore,
    search: ArxivSearch,
    report: Report,
    hold: Hold,
    plan: Plan | None,
    sources: Sources,
) -> None:
    """One arXiv search of the sources file, newest first; says when its `max` newest papers
    do not reach back to the first day of the run (some in between may be missing)."""
    papers = fetch_query(
        client,
        store,
        search.search_query,
        search.max_results,
        report,
        hold,
        label=search.label,
        newest_first=True,
    )
    if plan is None or len(papers) < search.max_results:
        return
    published = (paper.get("published") for paper in papers)
    oldest = min((day for day in published if isinstance(day, datetime.date)), default=None)
    if oldest is not None and oldest > plan.days[0]:
        report.say(
            f"{search.label}: its {search.max_results} newest papers reach back only to "
            f"{oldest}, after {plan.days[0]} where this run starts, so some may be missing; "
            f"raise its max in {sources.shown} (at most {arxiv.MAX_RESULTS})"
        )


def _record(record: Path, day: datetime.date, report: Report) -> None:
    try:
        write_last_day(record, day)
    except OSError as error:
        message = f"cannot write {shown_path(record)}: {error}; check the disk and rights"
        raise StoreError(message) from None
    report.say(f"catch-up: complete through {day}, recorded in {shown_path(record)}")


def _today() -> datetime.date:
    """PAPERFEED_TODAY, else the current UTC date; ValueError names a bad variable."""
    text = os.environ.get(TODAY_VARIABLE)
    if not text:
        return datetime.datetime.now(datetime.UTC).date()
    try:
        return _day(text)
    except argparse.ArgumentTypeError as error:
        raise ValueError(f"{TODAY_VARIABLE}={error}") from None


def _days(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [first + datetime.timedelta(n) for n in range((last - first).days + 1)]


def _refuse(message: str) -> int:
    print(f"fetch.py: error: {message}", file=sys.stderr)
    return 2


def _refuse_file(problems: list, shown: str) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    return _refuse(f"{shown} has problems (above); fix them, then fetch again")


def _fail(report: Report, message: str, status: int = 1) -> int:
    print(report.summary())
    print(f"fetch.py: error: {message}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
