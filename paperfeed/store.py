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
    fcntl = None  # type: ignore[assignment]

from .check import paper_files, shown_path
from .ids import fileid
from .markdown import markdown_body
from .merge import changed_fields, merge_paper
from .paperfile import (
    PaperFileError,
    read_base,
    recover,
    render_base,
    render_paper,
    write_files,
)
from .rules import usable_record
from .schema import BODY, REQUIRED
from .tags import Vocabulary, is_category, match_topics
from .validate import validate_paper

_NEEDED = {"title": "title", "arxiv_id": "arXiv id", "authors": "author", "date": "listing day"}
BASE_DIR_NAME = ".upstream"
"""The folder of base records, inside the papers folder: a dot folder, which the check and the
build skip, and which belongs to that papers folder alone."""
LOCK_NAME = ".fetch.lock"
JOURNAL_NAME = ".fetch-journal"


def base_dir(papers_dir: Path) -> Path:
    """The folder of the base records of a papers folder (`content/papers/.upstream`)."""
    return papers_dir / BASE_DIR_NAME


class StoreError(Exception):
    """The papers folder cannot be written, or another fetch is writing it; the message is
    the one line shown to the user."""


@dataclass
class Outcome:
    """What applying upstream data did to one paper: `new`, `updated`, `unchanged`,
    `skipped`, or `left out` (no tag the fetch wants), the fields that changed, why it was
    skipped, and the upstream values left out of it ('dropped github: "javascript:x" is not an
    http(s) link; ...')."""

    status: str
    arxiv_id: str
    title: str
    fields: list[str] = field(default_factory=list)
    note: str = ""
    dropped: list[str] = field(default_factory=list)
    deleted: bool = False
    """Skipped because a person deleted its paper file (its base record stays)."""


class PaperStore:
    """Paper files in `papers_dir` and their base records in `papers_dir/.upstream`.

    Used as a context manager (`with PaperStore(...) as store:`), it holds a lock on the
    folder for the run, so that a second fetch into it refuses to start, and first finishes
    or undoes what a fetch killed mid-write left (`paperfile.recover`). A paper file and its
    base record are written together or not at all (`paperfile.write_files` with a journal).

    Only what `invoke check` accepts is written, by the model's one verdict: upstream values
    a paper file may not hold are left out (`rules.usable_record`), a paper whose required
    field is missing or refused is skipped, and the bytes of every paper file are validated
    (`validate.validate_paper`, with `vocabulary`: the known tags and the topics) before they
    are written. A paper file the validation refuses is not merged into. With `dry_run`
    nothing is written; what would have been written is remembered so that a paper seen
    twice in one run is reported as it would be for real.
    """

    def __init__(self, papers_dir: Path, vocabulary: Vocabulary, *, dry_run: bool = False) -> None:
        self.papers_dir = papers_dir
        self.base_dir = base_dir(papers_dir)
        self.vocabulary = vocabulary
        self.dry_run = dry_run
        self._unwritten: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        self._lock: int | None = None

    def __enter__(self) -> PaperStore:
        self._refuse_old_base_dir()
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

    def _refuse_old_base_dir(self) -> None:
        """Stop when the base records are still where older fetches kept them, beside the
        papers folder: fetching without them would take every paper for new."""
        old = self.papers_dir.parent / BASE_DIR_NAME
        if self.base_dir.exists() or not any(old.glob("*.yaml")):
            return
        raise StoreError(
            f"the base records of {shown_path(self.papers_dir)} are in {shown_path(old)}, "
            "where older fetches kept them; move them into the papers folder: "
            f"git mv {shown_path(old)} {shown_path(self.base_dir)}"
        )

    def paper_path(self, arxiv_id: str) -> Path:
        """Where the paper file of an arXiv id lives."""
        return self.papers_dir / f"{fileid(arxiv_id)}.md"

    def base_path(self, arxiv_id: str) -> Path:
        """Where the base record of an arXiv id lives."""
        return self.base_dir / f"{fileid(arxiv_id)}.yaml"

    def apply(
        self, update: dict[str, Any], owned: Collection[str], wanted_tags: Collection[str] = ()
    ) -> Outcome:
        """Merge one paper's upstream data into its file and base record.

        `update` holds the upstream values (plain-text `abstract`, arXiv `categories`);
        `owned` names the fields this fetch is the source of: an owned field missing from
        `update` was dropped upstream, a field not owned keeps its last fetched value and
        takes the one in `update` only when it had none. With `wanted_tags`, a paper whose
        upstream tags (categories and topics) hold none of them is left out, untouched.
        """
        arxiv_id = update["arxiv_id"]
        title = update["title"] if isinstance(update.get("title"), str) else ""
        paper_path, base_path = self.paper_path(arxiv_id), self.base_path(arxiv_id)
        try:
            ours, base = self._unwritten.get(arxiv_id) or (
                self.read_paper(paper_path),
                read_base(base_path),
            )
        except PaperFileError as error:
            return Outcome("skipped", arxiv_id, title, note=f"{error}; fix the file")
        if ours is None and base is not None:
            note = (
                f"{shown_path(paper_path)} was deleted by hand; to fetch it again, delete "
                f"{shown_path(base_path)}"
            )
            return Outcome("skipped", arxiv_id, title, note=note, deleted=True)
        record = self.upstream_record(update, owned, base)
        if wanted_tags and not set(wanted_tags).intersection(record["tags"]):
            return Outcome("left out", arxiv_id, title)
        absent = next((name for name in REQUIRED if name not in record), None)
        if absent is not None:
            note = f"no {_NEEDED[absent]} upstream; nothing written"
            return Outcome("skipped", arxiv_id, title, note=note)
        usable = usable_record(record, self.vocabulary, fileid(arxiv_id))
        if usable.refused is not None:
            return Outcome("skipped", arxiv_id, title, note=f"{usable.refused}; nothing written")
        dropped = [f"dropped {note}" for note in usable.dropped]
        # A list left empty says nothing (upstream sends none); only `tags` is always written.
        theirs = {
            key: value for key, value in usable.record.items() if value != [] or key == "tags"
        }
        merged = theirs if ours is None else merge_paper(base, ours, theirs)
        writes = []
        if merged != ours:
            data = render_paper(merged)
            problems = validate_paper(
                data, shown_path(paper_path), paper_path.stem, self.vocabulary
            ).problems
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

    def read_paper(self, path: Path) -> dict[str, Any] | None:
        """The record of a paper file (its front matter as written, and its body), or None
        when there is none; PaperFileError with the first problem `invoke check` finds in it
        when it refuses the file."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise PaperFileError(f"{shown_path(path)}: cannot read it: {error}") from None
        validation = validate_paper(data, shown_path(path), path.stem, self.vocabulary)
        if validation.values is None or validation.paper is None:
            problems = validation.problems
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise PaperFileError(f"{problems[0]}{more}")
        # The body as render_paper writes it: without the blank line that follows the fields.
        return {**validation.values, BODY: validation.paper.abstract.strip("\n")}

    def upstream_record(
        self, update: dict[str, Any], owned: Collection[str], base: dict[str, Any] | None
    ) -> dict[str, Any]:
        """The record as upstream has it now ("theirs" of the merge, before the rules).

        Fields this fetch does not own come from the base; `date` never moves later (a paper
        listed again stays on its first day); `tags` are the arXiv categories (primary first)
        followed by the matching topics, sorted; the abstract becomes Markdown.
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
        topics = match_topics(
            self.vocabulary.topics, [text for text in texts if isinstance(text, str)]
        )
        record["tags"] = list(dict.fromkeys(categories)) + topics
        return record


def empty_papers_folder(papers_dir: Path) -> tuple[int, list[Path]]:
    """Delete every paper file under `papers_dir` and every file of its base-record folder
    (the base records, and the record of the last fetch), holding the fetch's lock; return
    the number of paper files and the other files deleted. StoreError while a fetch writes
    the folder."""
    with PaperStore(papers_dir, Vocabulary()) as store:
        papers = paper_files(papers_dir).papers
        for relative in papers:
            (papers_dir / relative).unlink()
        records = sorted(
            path
            for path in store.base_dir.iterdir()
            if path.is_file() and path.name not in (LOCK_NAME, JOURNAL_NAME)
        )
        for path in records:
            path.unlink()
    return len(papers), records


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
