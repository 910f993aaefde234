"""The papers folder and its base records: turns upstream data into merged paper files."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paperfile import (
    BODY,
    PaperFileError,
    changed_fields,
    fileid,
    markdown_body,
    merge_paper,
    read_base,
    read_paper,
    render_base,
    render_paper,
    write_files,
)
from topics import Topic, is_category, match_topics


@dataclass
class Outcome:
    """What applying upstream data did to one paper: `new`, `updated`, `unchanged` or
    `skipped`, the fields that changed, and why it was skipped."""

    status: str
    arxiv_id: str
    title: str
    fields: list[str] = field(default_factory=list)
    note: str = ""


class PaperStore:
    """Paper files in `papers_dir` and their base records in `papers_dir/../.upstream`.

    With `dry_run` nothing is written; what would have been written is remembered so that a
    paper seen twice in one run is reported as it would be for real.
    """

    def __init__(self, papers_dir: Path, topics: list[Topic], *, dry_run: bool = False) -> None:
        self.papers_dir = papers_dir
        self.base_dir = papers_dir.parent / ".upstream"
        self.topics = topics
        self.dry_run = dry_run
        self._unwritten: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}

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
        paper_path, base_path = self.paper_path(arxiv_id), self.base_path(arxiv_id)
        try:
            ours, base = self._unwritten.get(arxiv_id) or (
                read_paper(paper_path),
                read_base(base_path),
            )
        except PaperFileError as error:
            return Outcome("skipped", arxiv_id, update["title"], note=f"{error}; fix the file")
        if ours is None and base is not None:
            return Outcome(
                "skipped",
                arxiv_id,
                update["title"],
                note=f"{paper_path} was removed by hand; delete {base_path} to fetch it again",
            )
        theirs = self.upstream_record(update, owned, base)
        merged = theirs if ours is None else merge_paper(base, ours, theirs)
        writes = []
        if merged != ours:
            writes.append((paper_path, render_paper(merged)))
        if theirs != base:
            writes.append((base_path, render_base(theirs)))
        if self.dry_run:
            self._unwritten[arxiv_id] = (merged, theirs)
        else:
            write_files(writes)
        if ours is None:
            return Outcome("new", arxiv_id, merged.get("title", ""))
        fields = changed_fields(ours, merged)
        status = "updated" if fields else "unchanged"
        return Outcome(status, arxiv_id, merged.get("title", ""), fields)

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
            categories = update.get("categories", [])
        else:
            categories = [tag for tag in base.get("tags", []) if is_category(tag)]
        for key, value in update.items():
            if key == "abstract":
                record[BODY] = markdown_body(value)
            elif key == "categories":
                continue  # they become tags below
            elif key in owned:
                record[key] = value
            else:
                record.setdefault(key, value)
        if base.get("date") and (not record.get("date") or base["date"] < record["date"]):
            record["date"] = base["date"]
        if "date" not in record and "published" in record:
            record["date"] = record["published"]  # a paper known from arXiv alone
        abstract = update.get("abstract") or record.get(BODY, "")
        texts = [record.get("title", ""), abstract, *record.get("keywords", [])]
        record["tags"] = list(dict.fromkeys(categories)) + match_topics(self.topics, texts)
        return record
