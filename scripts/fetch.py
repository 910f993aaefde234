"""Fetch papers into content/papers from Hugging Face Daily Papers or arXiv.

    python scripts/fetch.py hf --date YYYY-MM-DD [--to YYYY-MM-DD]
    python scripts/fetch.py arxiv --ids ID[,ID...]
    python scripts/fetch.py arxiv --query QUERY [--max N]
    common options: --content-dir DIR, --dry-run, --no-enrich

Exit status: 0 when it worked (also when nothing was new), 1 when an upstream or network
failure, a write error or another fetch into the same folder stopped it, 2 for a usage error
or a topics file with problems, 130 (Ctrl-C) or 143 (SIGTERM) when stopped. See README
"Fetch". The work is the package's: paperfeed/fetch.py runs a fetch into a PaperStore
(paperfeed/store.py), which writes only what the paper model accepts.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from collections import Counter
from pathlib import Path

from tqdm import tqdm

from paperfeed import arxiv
from paperfeed.check import shown_path, topics_file
from paperfeed.fetch import Interrupted, StopSignals, fetch_days, fetch_ids, fetch_query
from paperfeed.ids import parse_id
from paperfeed.store import Outcome, PaperStore, StoreError, base_dir
from paperfeed.tags import read_vocabulary
from paperfeed.upstream import Client, Settings, UpstreamError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT_DIR = ROOT / "content" / "papers"


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
        "DIR/.upstream, the topics are DIR/../topics.yaml",
    )
    common.add_argument(
        "--dry-run", action="store_true", help="show what would change, write nothing"
    )
    common.add_argument(
        "--no-enrich",
        action="store_true",
        help="hf: skip the arXiv request that adds categories, comment, DOI, version",
    )
    parser = _Parser(prog="fetch.py", description=__doc__.split("\n\n")[0])
    sources = parser.add_subparsers(dest="source", required=True, metavar="{hf,arxiv}")
    hf_parser = sources.add_parser("hf", parents=[common], help="Hugging Face Daily Papers")
    hf_parser.add_argument("--date", type=_day, required=True, help="the day, YYYY-MM-DD")
    hf_parser.add_argument("--to", type=_day, help="last day of a range, YYYY-MM-DD")
    arxiv_parser = sources.add_parser("arxiv", parents=[common], help="arXiv")
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
    if args.source == "hf" and args.to and args.to < args.date:
        parser.error(f"--to {args.to} is before --date {args.date}")
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

    def __init__(self, *, dry_run: bool, progress: bool, base_dir: Path) -> None:
        self.counts: Counter[str] = Counter()
        self.dry_run = dry_run
        self.progress = progress
        self.base_dir = base_dir

    def say(self, line: str) -> None:
        """Print a line (above the progress bar, when there is one)."""
        tqdm.write(line, file=sys.stdout)

    def paper(self, outcome: Outcome) -> None:
        """Count a paper, and print it unless it is unchanged."""
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
        skipped were deleted by hand, and whether it was a dry run."""
        statuses = ("new", "updated", "unchanged", "skipped")
        line = ", ".join(f"{status} {self.counts[status]}" for status in statuses)
        if self.counts["deleted"]:
            line += (
                f" ({self.counts['deleted']} deleted by hand; to fetch one again, delete its "
                f"base record in {shown_path(self.base_dir)}/)"
            )
        return line + (" (dry run: nothing written)" if self.dry_run else "")


def main(argv: list[str] | None = None) -> int:
    """Run the fetch command; returns the exit status."""
    args = parse_args(argv)
    try:
        settings = Settings.from_env()
    except ValueError as error:
        print(f"fetch.py: error: {error}", file=sys.stderr)
        return 2
    topics_path = topics_file(args.content_dir)
    try:
        vocabulary = read_vocabulary(topics_path, shown_path(topics_path))
    except OSError as error:
        print(f"fetch.py: error: cannot read {shown_path(topics_path)}: {error}", file=sys.stderr)
        return 2
    if vocabulary.problems:
        for problem in vocabulary.problems:
            print(problem, file=sys.stderr)
        print(
            f"fetch.py: error: {vocabulary.topics_shown} has problems (above); fix them, "
            "then fetch again",
            file=sys.stderr,
        )
        return 2
    report = Report(
        dry_run=args.dry_run, progress=sys.stderr.isatty(), base_dir=base_dir(args.content_dir)
    )
    client = Client(settings)
    try:
        with (
            StopSignals() as stops,
            PaperStore(args.content_dir, vocabulary, dry_run=args.dry_run) as store,
        ):
            if args.source == "hf":
                days = _days(args.date, args.to or args.date)
                shown = tqdm(days, disable=not report.progress or len(days) < 2, unit="day")
                fetch_days(client, store, shown, report, stops.held, enrich=not args.no_enrich)
            elif args.ids:
                fetch_ids(client, store, args.ids, report, stops.held)
            else:
                fetch_query(client, store, args.query, args.max, report, stops.held)
    except (UpstreamError, StoreError) as error:
        return _fail(report, str(error))
    except Interrupted as stop:
        message = "interrupted; every file written is complete"
        return _fail(report, message, status=128 + stop.signum)
    finally:
        client.close()
    print(report.summary())
    return 0


def _days(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [first + datetime.timedelta(n) for n in range((last - first).days + 1)]


def _fail(report: Report, message: str, status: int = 1) -> int:
    print(report.summary())
    print(f"fetch.py: error: {message}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
