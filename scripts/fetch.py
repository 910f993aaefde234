"""Fetch papers into content/papers from Hugging Face Daily Papers or arXiv.

    python scripts/fetch.py hf --date YYYY-MM-DD [--to YYYY-MM-DD]
    python scripts/fetch.py arxiv --ids ID[,ID...]
    python scripts/fetch.py arxiv --query QUERY [--max N]
    common options: --content-dir DIR, --dry-run, --no-enrich

Exit status: 0 when it worked (also when nothing was new), 1 when an upstream or network
failure, a write error or another fetch into the same folder stopped it, 2 for a usage error,
130 (Ctrl-C) or 143 (SIGTERM) when stopped. See README "Fetch" and DESIGN.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import re
import signal
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import arxiv
import hf
from check_topics import TagVocabulary, load_vocabulary
from store import Outcome, PaperStore, StoreError
from topics import TopicsError, load_topics
from tqdm import tqdm
from upstream import Client, Settings, UpstreamError

ROOT = Path(__file__).resolve().parent.parent
TOPICS_FILE = ROOT / "content" / "topics.yaml"
CATEGORIES_FILE = ROOT / "content" / "arxiv_categories.yaml"
DEFAULT_CONTENT_DIR = ROOT / "content" / "papers"
Hold = Callable[[], AbstractContextManager]
"""A block a stop signal waits for: a paper is written and counted, or not at all."""


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
            arxiv_id, version = arxiv.parse_id(item)
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
        help="folder of the paper files (default content/papers); base records go to "
        "DIR/../.upstream",
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

    def __init__(self, *, dry_run: bool, progress: bool) -> None:
        self.counts: Counter[str] = Counter()
        self.dry_run = dry_run
        self.progress = progress

    def say(self, line: str) -> None:
        """Print a line (above the progress bar, when there is one)."""
        tqdm.write(line, file=sys.stdout)

    def paper(self, outcome: Outcome) -> None:
        """Count a paper, and print it unless it is unchanged."""
        self.counts[outcome.status] += 1
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
        """The closing line: new N, updated N, unchanged N, skipped N."""
        statuses = ("new", "updated", "unchanged", "skipped")
        line = ", ".join(f"{status} {self.counts[status]}" for status in statuses)
        return line + (" (dry run: nothing written)" if self.dry_run else "")


def fetch_hf(args, client: Client, store: PaperStore, report: Report, hold: Hold) -> None:
    """Every day from --date to --to: the day's list, enriched from arXiv, into the store."""
    last = args.to or args.date
    days = [args.date + datetime.timedelta(n) for n in range((last - args.date).days + 1)]
    for day in tqdm(days, disable=not report.progress or len(days) < 2, unit="day"):
        papers, problems = hf.fetch_day(client, day)
        for problem in problems:
            report.skipped(problem)
        if not papers:
            report.say(f"{day}: no Daily Papers list (a weekend, or not out yet); nothing to do")
            continue
        report.say(f"{day}: {len(papers)} papers")
        found = {}
        if not args.no_enrich:
            enriching, problems = arxiv.fetch_ids(client, [paper["arxiv_id"] for paper in papers])
            for problem in problems:
                report.skipped(problem)
            found = {paper["arxiv_id"]: paper for paper in enriching}
        for paper in papers:
            owned = set(hf.FIELDS)
            extra = found.get(paper["arxiv_id"])
            if extra is not None:
                owned |= arxiv.ENRICH_FIELDS
                paper.update({key: extra[key] for key in arxiv.ENRICH_FIELDS if key in extra})
            with hold():
                report.paper(store.apply(paper, owned))


def fetch_arxiv(args, client: Client, store: PaperStore, report: Report, hold: Hold) -> None:
    """The papers of --ids or of --query, from arXiv alone."""
    if args.ids:
        papers, problems = arxiv.fetch_ids(client, args.ids)
        returned = {paper["arxiv_id"] for paper in papers}
        missing = [wanted for wanted in args.ids if arxiv.parse_id(wanted)[0] not in returned]
    else:
        papers, problems = arxiv.search(client, args.query, args.max)
        report.say(f"arXiv query {args.query!r}: {len(papers)} papers")
        missing = []
    for problem in problems:
        report.skipped(problem)
    for wanted in missing:
        report.skipped(f"{wanted}: arXiv has no such paper")
    for paper in papers:
        with hold():
            report.paper(store.apply(paper, arxiv.FIELDS))


class Interrupted(KeyboardInterrupt):
    """A signal (SIGINT: Ctrl-C, or SIGTERM) asked the fetch to stop."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class StopSignals:
    """While entered, SIGINT and SIGTERM raise Interrupted, except inside `held()`: there
    the stop waits until the block is done, so a paper being written is finished (and
    counted) first."""

    def __init__(self) -> None:
        self._holding = False
        self._pending: int | None = None
        self._previous: dict[int, object] = {}

    def __enter__(self) -> StopSignals:
        for signum in (signal.SIGINT, signal.SIGTERM):
            self._previous[signum] = signal.signal(signum, self._stop)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    def _stop(self, signum: int, frame: object) -> None:
        if self._holding:
            self._pending = signum
        else:
            raise Interrupted(signum)

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """A block that a stop signal does not cut short."""
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
        if self._pending is not None:
            raise Interrupted(self._pending)


def main(argv: list[str] | None = None) -> int:
    """Run the fetch command; returns the exit status."""
    args = parse_args(argv)
    try:
        settings = Settings.from_env()
        topics = load_topics(TOPICS_FILE)
        vocabulary = _vocabulary()
    except (ValueError, TopicsError) as error:
        print(f"fetch.py: error: {error}", file=sys.stderr)
        return 2
    report = Report(dry_run=args.dry_run, progress=sys.stderr.isatty())
    client = Client(settings)
    try:
        with (
            StopSignals() as stops,
            PaperStore(args.content_dir, topics, vocabulary, dry_run=args.dry_run) as store,
        ):
            fetch = fetch_hf if args.source == "hf" else fetch_arxiv
            fetch(args, client, store, report, stops.held)
    except (UpstreamError, StoreError) as error:
        return _fail(report, str(error))
    except Interrupted as stop:
        message = "interrupted; every file written is complete"
        return _fail(report, message, status=128 + stop.signum)
    finally:
        client.close()
    print(report.summary())
    return 0


def _vocabulary() -> TagVocabulary:
    """The tags `invoke check` knows; ValueError with its first problem in their files."""
    vocabulary, problems, _ = load_vocabulary(
        CATEGORIES_FILE, _shown(CATEGORIES_FILE), TOPICS_FILE, _shown(TOPICS_FILE)
    )
    if problems:
        raise ValueError(f"{problems[0]}; `invoke check` shows every problem")
    return vocabulary


def _shown(path: Path) -> str:
    """A path relative to the current folder when it is inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _fail(report: Report, message: str, status: int = 1) -> int:
    print(report.summary())
    print(f"fetch.py: error: {message}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
