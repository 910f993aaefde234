"""Catch-up: which days a daily fetch takes, from the record of the last day a fetch completed.

The record is a small YAML file beside the base records of a papers folder
(`content/papers/.upstream/last-fetch.yaml`), committed with the papers, so a run on a fresh
checkout knows where the last one stopped:

```yaml
last_day: 2026-06-12
```

A run fetches every day after that one up to today (at most MAX_DAYS days: an older gap is
named, with the command that fetches it), and the last `refresh_days` days again, because a
day's list keeps growing after it is first read and upvotes keep coming for days. Only a run
that completed writes the record, so a failed one is retried from the same day.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import yaml

from .check import shown_path
from .paperfile import write_files
from .store import base_dir
from .yamldoc import YamlDocument, YamlProblem

RECORD_NAME = "last-fetch.yaml"
"""The record's name, in the base-record folder (no arXiv id reads so: it is no base record)."""
MAX_DAYS = 30
"""The most days one run fetches."""
REFRESH_DAYS = 7
"""Recent days fetched again on every run, by default."""
_KEY = "last_day"
_COMMENT = (
    "# The last day a daily fetch completed (python scripts/fetch.py daily, or hf --catch-up);\n"
    "# the next run fetches the days after it (docs/fetch.md, Catch-up).\n"
)


class RecordError(Exception):
    """The record cannot be read; the message is the one line shown to the user."""


def record_path(papers_dir: Path) -> Path:
    """Where the record of a papers folder is."""
    return base_dir(papers_dir) / RECORD_NAME


def read_last_day(path: Path) -> datetime.date | None:
    """The day the record holds, or None when there is no record; RecordError when there is
    one that cannot be read (it is in the repository: a pull request can change it)."""
    shown = shown_path(path)
    how = (
        f"write `{_KEY}: 2026-06-12`, or delete the file (the next run then fetches the last "
        f"{REFRESH_DAYS} days)"
    )
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise RecordError(f"{shown}: cannot read it: {error}; {how}") from None
    try:
        document = YamlDocument(text, kind="the record of the last fetch")
    except YamlProblem as problem:
        raise RecordError(f"{shown}:{problem.line}: {problem.field}: {problem.message}") from None
    root = document.root
    pairs = root.value if isinstance(root, yaml.MappingNode) else []
    node = next((value for key, value in pairs if key.value == _KEY), None)
    line = document.line(node if node is not None else root) if root is not None else 1
    try:
        day = document.value(node) if node is not None and len(pairs) == 1 else None
    except (ValueError, yaml.YAMLError) as error:
        raise RecordError(f"{shown}:{line}: {_KEY}: cannot be read: {error}; {how}") from None
    if not isinstance(day, datetime.date) or isinstance(day, datetime.datetime):
        raise RecordError(
            f"{shown}:{line}: {_KEY}: must be the file's one field, a bare date; {how}"
        )
    return day


def write_last_day(path: Path, day: datetime.date) -> None:
    """Record `day` as the last day a fetch completed (the file replaced atomically)."""
    write_files([(path, f"{_COMMENT}{_KEY}: {day.isoformat()}\n".encode())])


@dataclass(frozen=True)
class Plan:
    """The days a run fetches, oldest first, and the lines that say why."""

    days: list[datetime.date]
    lines: list[str]


def plan_days(
    last: datetime.date | None, today: datetime.date, refresh_days: int, record: str
) -> Plan:
    """The days a run on `today` fetches after a last completed day `last` (None: no record
    yet, named `record`): the days since `last` and the last `refresh_days`, at most MAX_DAYS."""
    window_start = today - datetime.timedelta(days=refresh_days - 1)
    if last is None:
        first = window_start
        lines = [
            f"catch-up: no record of a completed fetch yet ({record}); fetching the last "
            f"{refresh_days} days, {_span(first, today)}"
        ]
    else:
        first = min(window_start, last + datetime.timedelta(days=1))
        lines = [
            f"catch-up: the last fetch completed {last}; fetching {_span(first, today)}: the "
            f"days since, and the last {refresh_days} again (late additions, new upvotes)"
        ]
    earliest = today - datetime.timedelta(days=MAX_DAYS - 1)
    if first < earliest:
        skipped_to = earliest - datetime.timedelta(days=1)
        lines.append(
            f"catch-up: the gap is longer than {MAX_DAYS} days: fetching only "
            f"{_span(earliest, today)}; fetch the days before by hand: python scripts/fetch.py "
            f"hf --date {first} --to {skipped_to}"
        )
        first = earliest
    days = [first + datetime.timedelta(days=n) for n in range((today - first).days + 1)]
    return Plan(days, lines)


def _span(first: datetime.date, last: datetime.date) -> str:
    return str(first) if first == last else f"{first} .. {last}"
