"""A fetch run: the papers of Hugging Face days, of arXiv ids or of an arXiv query, applied to
a PaperStore one by one, each reported as it is done (scripts/fetch.py is its command line).

A stop signal (Ctrl-C, SIGTERM) is taken between papers, never inside one (`StopSignals`):
a paper is written and counted, or not at all.
"""

from __future__ import annotations

import contextlib
import datetime
import signal
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import AbstractContextManager
from typing import Any, Protocol

from . import arxiv, hf
from .ids import parse_id
from .store import Outcome, PaperStore
from .upstream import Client

Hold = Callable[[], AbstractContextManager]
"""A block a stop signal waits for: a paper is written and counted, or not at all."""


class Reporter(Protocol):
    """What a fetch run tells as it goes (scripts/fetch.py prints it)."""

    def say(self, line: str) -> None:
        """A line about the run (a day's count, a day without a list)."""

    def paper(self, outcome: Outcome) -> None:
        """What applying one paper did."""

    def skipped(self, note: str) -> None:
        """An upstream entry that could not be used, or a paper upstream does not have."""


def fetch_days(
    client: Client,
    store: PaperStore,
    days: Iterable[datetime.date],
    report: Reporter,
    hold: Hold,
    *,
    enrich: bool = True,
    wanted_tags: Collection[str] = (),
) -> None:
    """Each day's Daily Papers list into the store, enriched from arXiv unless `enrich` is
    false (one `id_list` request per day); with `wanted_tags`, only the papers with one of
    those tags (`PaperStore.apply`)."""
    for day in days:
        papers, problems = hf.fetch_day(client, day)
        for problem in problems:
            report.skipped(problem)
        if not papers:
            report.say(f"{day}: no Daily Papers list (a weekend, or not out yet); nothing to do")
            continue
        report.say(f"{day}: {len(papers)} papers")
        found = {}
        if enrich:
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
                report.paper(store.apply(paper, owned, wanted_tags))


def fetch_ids(
    client: Client, store: PaperStore, ids: list[str], report: Reporter, hold: Hold
) -> None:
    """The papers of these arXiv ids (a version asks for that version) into the store; an id
    arXiv does not know is reported as skipped."""
    papers, problems = arxiv.fetch_ids(client, ids)
    returned = {paper["arxiv_id"] for paper in papers}
    for problem in problems:
        report.skipped(problem)
    for wanted in ids:
        if parse_id(wanted).id not in returned:
            report.skipped(f"{wanted}: arXiv has no such paper")
    _apply_all(store, papers, report, hold)


def fetch_query(
    client: Client,
    store: PaperStore,
    query: str,
    max_results: int,
    report: Reporter,
    hold: Hold,
    *,
    label: str | None = None,
    newest_first: bool = False,
) -> list[dict[str, Any]]:
    """The papers an arXiv `search_query` finds, at most `max_results` (the newest with
    `newest_first`), into the store; returns their upstream records. `label` names the search
    in the report (default: arXiv query 'QUERY')."""
    papers, problems = arxiv.search(client, query, max_results, newest_first=newest_first)
    report.say(f"{label or f'arXiv query {query!r}'}: {len(papers)} papers")
    for problem in problems:
        report.skipped(problem)
    _apply_all(store, papers, report, hold)
    return papers


def _apply_all(store: PaperStore, papers: list[dict], report: Reporter, hold: Hold) -> None:
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
        self._previous: dict[int, signal._HANDLER] = {}

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
