"""The papers folder and its base records: turns upstream data into merged paper files."""

from __future__ import annotations

import datetime
import os
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: no lock
    fcntl = None

from check_paper import check_paper
from check_topics import TagVocabulary
from paperfile import (
    BODY,
    REQUIRED,
    PaperFileError,
    changed_fields,
    fileid,
    markdown_body,
    merge_paper,
    read_base,
    read_paper,
    recover,
    render_base,
    render_paper,
    usable_record,
    write_files,
)
from topics import Topic, is_category, match_topics

_NEEDED = {"title": "title", "arxiv_id": "arXiv id", "authors": "author", "date": "listing day"}
LOCK_NAME = ".fetch.lock"
JOURNAL_NAME = ".fetch-journal"


class StoreError(Exception):
    """The papers folder cannot be written, or another fetch is writing it; the message is
    the one line shown to the user."""


@dataclass
class Outcome:
    """What applying upstream data did to one paper: `new`, `updated`, `unchanged` or
    `skipped`, the fields that changed, why it was skipped, and the upstream values left out
    of it ("dropped github 'javascript:alert(1)' (not an http(s) address)")."""

    status: str
    arxiv_id: str
    title: str
    fields: list[str] = field(default_factory=list)
    note: str = ""
    dropped: list[str] = field(default_factory=list)


class PaperStore:
    """Paper files in `papers_dir` and their base records in `papers_dir/../.upstream`.

    Used as a context manager (`with PaperStore(...) as store:`), it holds a lock on the
    folder for the run, so that a second fetch into it refuses to start, and first finishes
    or undoes what a fetch killed mid-write left (`paperfile.recover`). A paper file and its
    base record are written together or not at all (`paperfile.write_files` with a journal).

    Only what `invoke check` accepts is written: upstream values a paper file may not hold
    are left out, a paper that lacks a title, an author or a listing day is skipped, and the
    check's own rules (`vocabulary`: the known tags) run on the bytes of every paper file
    before it is written. With `dry_run` nothing is written; what would have been written is
    remembered so that a paper seen twice in one run is reported as it would be for real.
    """

    def __init__(
        self,
        papers_dir: Path,
        topics: list[Topic],
        vocabulary: TagVocabulary,
        *,
        dry_run: bool = False,
    ) -> None:
        self.papers_dir = papers_dir
        self.base_dir = papers_dir.parent / ".upstream"
        self.topics = topics
        self.vocabulary = vocabulary
        self.dry_run = dry_run
        self._unwritten: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        self._lock: int | None = None

    def __enter__(self) -> PaperStore:
        if self.dry_run:
            return self
        lock = self.base_dir / LOCK_NAME
        try:
            self.base_dir.mkdir(parents=True, exist_ok=True)
            self._lock = _lock(lock)
            recover(self.base_dir / JOURNAL_NAME, (self.papers_dir, self.base_dir))
        except BlockingIOError:
            raise StoreError(
                f"another fetch is writing to {self.papers_dir} (it holds {lock}); "
                "wait for it to finish"
            ) from None
        except OSError as error:
            self.__exit__()
            raise StoreError(
                f"cannot prepare {self.base_dir} for writing: {error}; check the disk and rights"
            ) from None
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._lock is not None:
            # Removed while still held: a fetch waiting on this file would lock a dead file.
            (self.base_dir / LOCK_NAME).unlink(missing_ok=True)
            os.close(self._lock)
            self._lock = None

    def paper_path(self, arxiv_id: str) -> Path:
        """Where the paper file of an arXiv id lives."""
        return self.papers_dir / f"{fileid(arxiv_id)}.md"

    def base_path(self, arxiv_id: str) -> Path:
        """Where the base record of an arXiv id lives."""
        return self.base_dir / f"{fileid(arxiv_id)}.yaml"

    def apply(self, update: dict[str, Any], owned: Collection[str]) -> Outcome:
        """Merge one paper's upstream data into its file and base record.

        `update` holds the upstream values (plain-text `abstract`, arXiv `categories`);
        `owned` names the fields this fetch is the source of: an owned field missing from
        `update` was dropped upstream, a field not owned keeps its last fetched value and
        takes the one in `update` only when it had none.
        """
        arxiv_id = update["arxiv_id"]
        title = update["title"] if isinstance(update.get("title"), str) else ""
        paper_path, base_path = self.paper_path(arxiv_id), self.base_path(arxiv_id)
        try:
            ours, base = self._unwritten.get(arxiv_id) or (
                read_paper(paper_path),
                read_base(base_path),
            )
        except PaperFileError as error:
            return Outcome("skipped", arxiv_id, title, note=f"{error}; fix the file")
        if ours is None and base is not None:
            return Outcome(
                "skipped",
                arxiv_id,
                title,
                note=f"{paper_path} was removed by hand; delete {base_path} to fetch it again",
            )
        theirs, left_out = usable_record(
            self.upstream_record(update, owned, base), self.vocabulary.knows
        )
        needed = next((name for name in REQUIRED if name not in theirs), None)
        if needed is not None:
            why = next((why for name, why in left_out if name == needed), None)
            why = why or f"no {_NEEDED[needed]} upstream"
            return Outcome("skipped", arxiv_id, title, note=f"{why}; nothing written")
        dropped = [f"dropped {why}" for _, why in left_out]
        merged = theirs if ours is None else merge_paper(base, ours, theirs)
        writes = []
        if merged != ours:
            data = render_paper(merged)
            problems = check_paper(paper_path, str(paper_path), self.vocabulary, data=data).problems
            if problems:
                more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
                note = f"`invoke check` would refuse it: {problems[0]}{more}; nothing written"
                return Outcome("skipped", arxiv_id, title, note=note, dropped=dropped)
            writes.append((paper_path, data))
        if theirs != base:
            writes.append((base_path, render_base(theirs)))
        if self.dry_run:
            self._unwritten[arxiv_id] = (merged, theirs)
        else:
            try:
                write_files(writes, self.base_dir / JOURNAL_NAME)
            except OSError as error:
                raise StoreError(
                    f"cannot write {paper_path}: {error}; check the disk and rights"
                ) from None
        if ours is None:
            return Outcome("new", arxiv_id, merged["title"], dropped=dropped)
        fields = changed_fields(ours, merged)
        status = "updated" if fields else "unchanged"
        return Outcome(status, arxiv_id, merged.get("title", ""), fields, dropped=dropped)

    def upstream_record(
        self, update: dict[str, Any], owned: Collection[str], base: dict[str, Any] | None
    ) -> dict[str, Any]:
        """The record as upstream has it now ("theirs" of the merge).

        Fields this fetch does not own come from the base; `date` never moves later (a paper
        listed again stays on its first day); `tags` are the arXiv categories (primary first)
        followed by the matching topics, sorted.
        """
        base = base or {}
        record = {key: value for key, value in base.items() if key not in owned and key != "tags"}
        if "categories" in owned:
            categories = _list(update.get("categories"))
        else:
            tags = _list(base.get("tags"))
            categories = [tag for tag in tags if isinstance(tag, str) and is_category(tag)]
        for key, value in update.items():
            if key == "abstract":
                record[BODY] = markdown_body(value) if isinstance(value, str) else value
            elif key == "categories":
                continue  # they become tags below
            elif key in owned:
                record[key] = value
            else:
                record.setdefault(key, value)
        first_day, day = _day(base.get("date")), _day(record.get("date"))
        if first_day and (not day or first_day < day):
            record["date"] = first_day
        if "date" not in record and "published" in record:
            record["date"] = record["published"]  # a paper known from arXiv alone
        abstract = update.get("abstract") or record.get(BODY, "")
        texts = [record.get("title"), abstract, *_list(record.get("keywords"))]
        topics = match_topics(self.topics, [text for text in texts if isinstance(text, str)])
        record["tags"] = list(dict.fromkeys(categories)) + topics
        return record


def _day(value: Any) -> datetime.date | None:
    is_day = isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    return value if is_day else None


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _lock(path: Path) -> int | None:
    """An exclusive lock on the file `path` (its open descriptor; None where there are no
    locks, on Windows); BlockingIOError when another process holds it."""
    if fcntl is None:
        return None
    while True:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.stat(path).st_ino == os.fstat(descriptor).st_ino:
                return descriptor
        except FileNotFoundError:
            pass
        except BaseException:
            os.close(descriptor)
            raise
        os.close(descriptor)  # the fetch that held it removed it on finishing: lock anew
