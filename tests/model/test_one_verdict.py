"""One verdict per input: `invoke check`, the fetch and the Pelican reader accept or refuse a
paper file alike, with the same lines, and read the same values from a file they accept.

Each case is one paper file, run through the three as a user runs them: the check's command,
the fetch's command (against the replay server, with the paper on the day's list, so it must
read the file to merge into it) and Pelican's own reader with the site's plugins.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from pelican.contents import Article
from pelican.plugins._utils import load_plugins
from pelican.readers import Readers
from pelican.settings import read_settings

from paperfeed.ids import id_of_fileid
from paperfeed.tags import read_vocabulary
from paperfeed.testing import ROOT
from paperfeed.validate import validate_paper
from tools.replay_server import RECORDINGS, ReplayServer

DAY = "2026-06-12"
FILE_ID = "2606.90500"
PAPER = """---
title: "A Paper About Verdicts"
arxiv_id: "{arxiv_id}"
authors: ["Ada Lovelace", "Alan Turing"]
date: 2026-06-12
tags: [cs.CL, llm]
upvotes: 3
github: https://github.com/example/verdicts
---

An abstract with $x^2$ in it.
"""


@dataclass(frozen=True)
class Case:
    """A paper file: the base paper with one edit, and the verdict all three must give."""

    name: str
    edit: tuple[str, str]
    refusal: str | None  # words of the one problem line; None: accepted
    file_id: str = FILE_ID

    def text(self) -> str:
        arxiv_id = id_of_fileid(self.file_id) or self.file_id
        paper = PAPER.format(arxiv_id=arxiv_id)
        old, new = self.edit
        assert old in paper, self.name
        return paper.replace(old, new, 1)


CASES = [
    Case("the base paper", ("", ""), None),
    Case("a closing ... line", ("\n---\n\n", "\n...\n\n"), None),
    Case("a custom key far from every field", ("upvotes: 3", 'upvotes: 3\nlab_note: "ours"'), None),
    Case("an old-style id", ("", ""), None, "hep-th9901001"),
    Case("a hyphenated archive", ("", ""), None, "cond-mat0102003"),
    Case("no authors", ('authors: ["Ada Lovelace", "Alan Turing"]\n', ""), "authors: missing"),
    Case("a quoted date", ("date: 2026-06-12", 'date: "2026-06-12"'), "remove the quotes"),
    Case("a misspelt key", ("upvotes: 3", "upvote: 3"), "did you mean upvotes?"),
    Case("a key Pelican reserves", ("upvotes: 3", "slug: mine"), "slug: is a key the site"),
    Case(
        "a subject class in the id",
        ('"math/0611800"', '"math.CA/0611800"'),
        'write it as arxiv_id: "math/0611800"',
        "math0611800",
    ),
    Case("a link without a host", ("https://github.com/example/verdicts", "https://"), "host"),
    Case("a link with a space", ("github.com/example", "github.com/an example"), "spaces"),
    Case("a script link", ("https://github.com/example/verdicts", "javascript:x"), "http(s)"),
    Case("a version in the id", (f'"{FILE_ID}"', f'"{FILE_ID}v2"'), "carries a version"),
    Case("an unquoted id", (f'"{FILE_ID}"', FILE_ID), "not text"),
    Case("a time of day", ("date: 2026-06-12", "date: 2026-06-12T10:00:00"), "time of day"),
    Case("an unknown tag", ("[cs.CL, llm]", "[cs.CL, nonsense]"), 'unknown tag "nonsense"'),
    Case("a control character", ("About Verdicts", "About\\bVerdicts"), "U+0008"),
    Case("an alias", ("upvotes: 3", "upvotes: &n 3\nstars: *n"), "anchors and aliases"),
    Case("an empty title", ('"A Paper About Verdicts"', '""'), "title: is empty"),
    Case("authors as text", ('["Ada Lovelace", "Alan Turing"]', '"Ada Lovelace"'), "not a list"),
]


def _problem_lines(output: str) -> list[str]:
    return sorted(line for line in output.splitlines() if line.startswith("content/papers/"))


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    (folder / "papers").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "topics.yaml", folder / "topics.yaml")
    return folder


def _check(site: Path) -> list[str]:
    check = [sys.executable, ROOT / "scripts" / "check.py", "--content-dir", "content/papers"]
    result = subprocess.run(check, cwd=site, capture_output=True, text=True, check=False)
    assert result.returncode == (1 if _problem_lines(result.stdout) else 0), result.stderr
    return _problem_lines(result.stdout)


def _pelican_read(content: Path, path: Path) -> tuple[list[str], dict | None]:
    """The Pelican reader's verdict: its error lines, or the article's metadata."""
    # The reader imports paper_attributes, which the site loads before it.
    plugins = ["paper_attributes", "paper_reader"]
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(content), "CACHE_CONTENT": False, "PLUGINS": plugins},
    )
    for plugin in load_plugins(settings):
        plugin.register()
    readers = Readers(settings)
    try:
        article = readers.read_file(str(content), str(path.relative_to(content)), Article)
    except Exception as error:  # the reader's refusal, one line per problem
        return sorted(str(error).splitlines()), None
    return [], article.metadata


def _fetch(site: Path, arxiv_id: str, variations: Path) -> str:
    """The fetch's line for this paper when the day's list holds it and it merges the file."""
    entry = json.loads((RECORDINGS / "hf" / f"daily_papers_{DAY}.json").read_bytes())[0]
    entry["paper"].update(id=arxiv_id, title="A Paper About Verdicts")
    (variations / "hf").mkdir(parents=True, exist_ok=True)
    (variations / "hf" / f"daily_papers_{DAY}.json").write_text(json.dumps([entry]))
    with ReplayServer([variations, RECORDINGS]) as server:
        env = {"PATH": "/usr/bin:/bin", **server.env(), "PAPERFEED_RETRIES": "0"}
        fetch = [sys.executable, ROOT / "scripts" / "fetch.py", "hf", "--date", DAY]
        result = subprocess.run(
            [*fetch, "--no-enrich", "--content-dir", "content/papers"],
            cwd=site,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stdout.splitlines() if arxiv_id in line]
    return line


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_check_fetch_and_reader_give_one_verdict(case, content, tmp_path):
    path = content / "papers" / f"{case.file_id}.md"
    path.write_text(case.text(), encoding="utf-8")
    data = path.read_bytes()
    vocabulary = read_vocabulary(content / "topics.yaml", "content/topics.yaml")
    expected = validate_paper(data, f"content/papers/{path.name}", case.file_id, vocabulary)

    checked = _check(tmp_path)
    read_lines, metadata = _pelican_read(content, path)
    fetched = _fetch(tmp_path, id_of_fileid(case.file_id) or case.file_id, tmp_path / "rec")

    if case.refusal is None:
        assert checked == [] and read_lines == [] and expected.paper is not None
        assert fetched.startswith(("new", "updated", "unchanged")), fetched
        written = validate_paper(path.read_bytes(), "", case.file_id, vocabulary).values
        for key, value in expected.values.items():
            assert written[key] == value, key  # the fetch read it as the file says
        assert metadata["title"] == expected.paper.title
        assert metadata["paper_authors"] == expected.paper.authors
        assert metadata["paper_tags"] == expected.paper.tags
        assert metadata["upvotes"] == expected.paper.upvotes
    else:
        lines = sorted(map(str, expected.problems))
        assert len(lines) == 1 and case.refusal in lines[0], lines
        assert checked == lines
        assert read_lines == lines
        assert fetched.startswith("skipped") and lines[0] in fetched, fetched
        assert path.read_bytes() == data  # a refused file is left as it was


TOPICS_CASES = {
    "a topic named like an arXiv archive": (("name: llm\n", "name: math\n"), "reads as an arXiv"),
    "a slug with a dot": (("slug: llm\n", "slug: number.theory_x\n"), "is not a slug"),
    "an unknown key": (("  slug: llm\n", "  slug: llm\n  colour: red\n"), "not a key of a topic"),
}


@pytest.mark.parametrize(("edit", "words"), TOPICS_CASES.values(), ids=TOPICS_CASES.keys())
def test_a_broken_topics_file_stops_check_fetch_and_build_alike(edit, words, content, tmp_path):
    topics = content / "topics.yaml"
    old, new = edit
    assert old in topics.read_text(encoding="utf-8")
    topics.write_text(topics.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    (content / "papers" / f"{FILE_ID}.md").write_text(Case("", ("", ""), None).text())
    lines = sorted(map(str, read_vocabulary(topics, "content/topics.yaml").problems))
    assert len(lines) == 1 and words in lines[0], lines

    check = [sys.executable, ROOT / "scripts" / "check.py", "--content-dir", "content/papers"]
    checked = subprocess.run(check, cwd=tmp_path, capture_output=True, text=True, check=False)
    fetch = [sys.executable, ROOT / "scripts" / "fetch.py", "hf", "--date", DAY, "--dry-run"]
    fetched = subprocess.run(
        [*fetch, "--content-dir", "content/papers"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    build = [sys.executable, "-m", "pelican", "content", "-s", ROOT / "pelicanconf.py"]
    built = subprocess.run(
        [*build, "-o", "output", "-e", 'CACHE_PATH="cache"'],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert (checked.returncode, _topics_lines(checked.stdout)) == (1, lines)
    assert (fetched.returncode, _topics_lines(fetched.stderr)) == (2, lines)
    assert built.returncode != 0 and _topics_lines(built.stdout + built.stderr) == lines
    assert not (tmp_path / "output").exists()


def _topics_lines(output: str) -> list[str]:
    """The problem lines of the topics file in `output` (after any log prefix), each once."""
    found = (line.partition("content/topics.yaml:") for line in output.splitlines())
    return sorted({f"content/topics.yaml:{rest}" for _, mark, rest in found if mark})
