"""The paper file format: round trip, stable bytes, escaping, atomic writes."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pytest

from paperfeed.paperfile import recover, render_paper, write_files
from paperfeed.store import PaperStore
from paperfeed.tags import Topic, Vocabulary, arxiv_categories

RECORD = {
    "extra_b": 2,
    "abstract": "Text with \\_ escapes.\n\nSecond paragraph.",
    "keywords": ["LLM", "3D"],
    "tags": ["cs.CL", "2503.02130", "llm"],
    "published": datetime.date(2026, 5, 30),
    "date": datetime.date(2026, 6, 12),
    "authors": ["Smith, Jr., John", "陈晓明"],
    "arxiv_id": "2503.02130",
    "title": 'A "quoted": title # not a comment',
    "upvotes": 3,
    "extra_a": "yes",
}


# A tag that YAML would read as a number unless it is quoted.
NUMBER_LIKE_TOPIC = Topic("2503.02130", "number-like", "A topic named like a number.", ("x",))
VOCABULARY = Vocabulary(
    arxiv_categories(), [NUMBER_LIKE_TOPIC, Topic("llm", "llm", "LLMs.", ("LLM",))]
)


def read_back(data: bytes, folder: Path) -> dict:
    """The record the bytes of a paper file hold, as the fetch reads a file it merges into."""
    path = folder / "2503.02130.md"
    path.write_bytes(data)
    return PaperStore(folder, VOCABULARY).read_paper(path)


def test_a_record_round_trips_in_a_fixed_key_order(tmp_path):
    text = render_paper(RECORD).decode("utf-8")

    assert text == (
        "---\n"
        'title: "A \\"quoted\\": title # not a comment"\n'
        'arxiv_id: "2503.02130"\n'
        "authors:\n"
        '- "Smith, Jr., John"\n'
        '- "陈晓明"\n'
        "date: 2026-06-12\n"
        "published: 2026-05-30\n"
        "tags: [cs.CL, '2503.02130', llm]\n"
        "upvotes: 3\n"
        "keywords:\n"
        '- "LLM"\n'
        '- "3D"\n'
        'extra_a: "yes"\n'
        "extra_b: 2\n"
        "---\n"
        "\n"
        "Text with \\_ escapes.\n"
        "\n"
        "Second paragraph.\n"
    )
    assert read_back(text.encode("utf-8"), tmp_path) == RECORD


def test_the_same_data_gives_the_same_bytes(tmp_path):
    shuffled = dict(reversed(list(RECORD.items())))

    assert render_paper(shuffled) == render_paper(RECORD)
    assert render_paper(read_back(render_paper(RECORD), tmp_path)) == render_paper(RECORD)


def test_a_long_title_stays_on_one_line():
    record = {**RECORD, "title": "word " * 200 + "end"}

    assert render_paper(record).decode().splitlines()[1] == f'title: "{"word " * 200}end"'


def test_a_failed_write_leaves_the_old_files_and_no_temporary_file(tmp_path, monkeypatch):
    first, second = tmp_path / "a.md", tmp_path / "b.yaml"
    first.write_bytes(b"old a")
    second.write_bytes(b"old b")

    def refuse(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_files([(first, b"new a"), (second, b"new b")])

    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.yaml"]
    assert (first.read_bytes(), second.read_bytes()) == (b"old a", b"old b")


def test_written_files_get_the_usual_permissions(tmp_path):
    path = tmp_path / "sub" / "p.md"
    umask = os.umask(0o022)
    try:
        write_files([(path, b"x")])
    finally:
        os.umask(umask)

    assert path.read_bytes() == b"x"
    assert path.stat().st_mode & 0o777 == 0o644


def test_recover_finishes_a_journal_and_touches_nothing_else(tmp_path):
    papers, elsewhere = tmp_path / "papers", tmp_path / "elsewhere"
    base = papers / ".upstream"
    for folder in (papers, base, elsewhere):
        folder.mkdir()
    files = {
        papers / ".a.md.0123abcd.tmp": b"paper a",  # listed: renamed to a.md
        base / ".a.yaml.0123abcd.tmp": b"base a",  # listed: renamed to a.yaml
        papers / ".c.md.89abcdef.tmp": b"staged c",  # not listed: a commit never started
        elsewhere / ".x.md.0123abcd.tmp": b"x",  # listed, outside the folders: left alone
        papers / "b.md": b"b",  # listed, not a temporary file: left alone
        papers / "...hidden.0123abcd.tmp": b"h",  # listed, would become a dot file: removed
    }
    for path, data in files.items():
        path.write_bytes(data)
    journal = base / ".fetch-journal"
    listed = [path for path in files if path.name != ".c.md.89abcdef.tmp"]
    journal.write_text(json.dumps([os.path.relpath(path, base) for path in listed]))

    recover(journal, [papers, base])

    assert {
        str(path.relative_to(tmp_path)): path.read_bytes()
        for path in tmp_path.rglob("*")
        if path.is_file()
    } == {
        "papers/a.md": b"paper a",
        "papers/.upstream/a.yaml": b"base a",
        "elsewhere/.x.md.0123abcd.tmp": b"x",
        "papers/b.md": b"b",
    }
