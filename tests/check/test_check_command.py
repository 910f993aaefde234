"""`invoke check` (and `python scripts/check.py`): the exact lines it prints for bad content,
its summary and its exit code, run for real in a temporary folder. Which problems a paper
file has is the model's verdict: tests/model/test_validation.py.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from check_helpers import BAD_TOPICS, CHECK_SCRIPT, SCRIPT_LINK, one_paper, run

from paperfeed.testing import copy_site, invoke_command

PAPER = "content/papers/2406.01234.md"
LINK_PROBLEM = (
    f'{PAPER}:10: project_page: "javascript:x()" is not an http(s) link; write an address '
    "that starts with https:// (or delete the line)"
)


def _duplicate(content: Path) -> None:
    (content / "papers" / "2026-06").mkdir()
    shutil.copy(content / "papers" / "2406.01234.md", content / "papers" / "2026-06")


@dataclass(frozen=True)
class Case:
    """A content folder of one paper (check_helpers.one_paper) and what the check prints."""

    name: str
    lines: tuple[str, ...]
    edit: tuple[str, str] = ("", "")
    topics: str | None = None  # the topics file's text ("": none); None: the valid papers'
    more: Callable[[Path], None] | None = None  # what else the folder gets


CASES = [
    Case("a bad field", (LINK_PROBLEM,), edit=SCRIPT_LINK),
    Case(
        "two problems in one file",
        (
            f'{PAPER}:7: tags: unknown tag "cs.XX"; use an arXiv category '
            "(https://arxiv.org/category_taxonomy, spelled as there) or the name of a topic in "
            "content/topics.yaml, or add the topic there",
            f'{PAPER}:7: tags: unknown tag "llms"; did you mean "LLMs"? (tags are case-sensitive)',
        ),
        edit=("tags: [cs.CL, cs.LG, LLMs]", "tags: [cs.CL, cs.XX, llms]"),
    ),
    Case(
        "the same paper twice",
        (
            "content/papers/2026-06/2406.01234.md:3: arxiv_id: content/papers/2406.01234.md "
            "holds the same paper; keep one file per paper: move any correction into that file "
            "and delete this one",
        ),
        more=_duplicate,
    ),
    Case(
        "a bad topics file",
        (
            'content/topics.yaml:5: name: "llms" is already the name of the topic on line 1 '
            "(names differing only in letter case count as the same); give each topic its own "
            "name",
            'content/topics.yaml:6: slug: "llms" is already the slug of the topic on line 2; '
            "give each topic its own slug",
            'content/topics.yaml:8: phrases: topic "llms" needs a list of at least one phrase '
            'that selects it, e.g. phrases: ["large language model", "LLM"]',
            "content/topics.yaml:9: slug: topic \"Agents\" has no slug; add 'slug: ...' to it",
            'content/topics.yaml:11: phrases: topic "Agents": phrase 2 is ""; every phrase '
            "must be non-empty text (put it in double quotes)",
        ),
        topics=BAD_TOPICS,
    ),
    Case(
        "a bad sources file",
        (
            'content/sources.yaml:2: tags: unknown tag "llms"; did you mean "LLMs"? (tags are '
            "case-sensitive)",
            'content/sources.yaml:4: category: "cs.XX" is not an arXiv category; spell it as '
            "arXiv does (https://arxiv.org/category_taxonomy), e.g. cs.RO",
        ),
        more=lambda content: (content / "sources.yaml").write_text(
            "huggingface:\n  tags: [llms]\narxiv:\n  - category: cs.XX\n", encoding="utf-8"
        ),
    ),
    Case(
        "no topics file",
        (
            f'{PAPER}:7: tags: unknown tag "LLMs": it is not an arXiv category and there is no '
            "topics file content/topics.yaml to define it as a topic; create that file with the "
            "topic, or remove the tag",
        ),
        topics="",
    ),
]

COMMANDS = {
    "script": [sys.executable, str(CHECK_SCRIPT)],
    "invoke": invoke_command("check"),
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_content_prints_exact_lines_and_exits_1(tmp_path, case, command):
    content = one_paper(tmp_path, case.edit, topics=case.topics is None)
    if case.topics:
        (content / "topics.yaml").write_text(case.topics, encoding="utf-8")
    if case.more:
        case.more(content)

    result = run(
        [*COMMANDS[command], "--content-dir", "content/papers", "--topics", "content/topics.yaml"],
        cwd=tmp_path,
    )

    assert result.stdout.splitlines() == list(case.lines)
    count = len(case.lines)
    problems, fix = (f"{count} problems", "them") if count > 1 else ("1 problem", "it")
    assert result.stderr.splitlines() == [
        f"check: {problems} in 1 file; fix {fix} and run `invoke check` again"
    ]
    assert result.returncode == 1


@pytest.mark.parametrize("command", COMMANDS)
def test_clean_content_prints_one_ok_line_and_exits_0(tmp_path, command):
    copy_site("valid-papers", tmp_path / "content")

    result = run(
        [*COMMANDS[command], "--content-dir", "content/papers", "--topics", "content/topics.yaml"],
        cwd=tmp_path,
    )

    assert result.stdout.splitlines() == [
        "OK: 3 paper files in content/papers, 3 topics in content/topics.yaml; no problems"
    ]
    assert (result.returncode, result.stderr) == (0, "")


def test_all_problems_of_all_files_in_one_run(tmp_path):
    content = copy_site("valid-papers", tmp_path / "content")
    (content / "topics.yaml").write_text(BAD_TOPICS, encoding="utf-8")
    edits = {
        "1706.03762.md": ("date: 2026-06-12", "date: 2026-02-30"),
        "2406.01234.md": ("github: https://", "github: javascript://"),
        "hep-th9901001.md": ("tags: [hep-th, hep-lat, Vision-Language]", "tags: hep-th"),
    }
    for name, (old, new) in edits.items():
        paper = content / "papers" / name
        paper.write_text(paper.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    command = invoke_command("check", "--content-dir", "content/papers")
    result = run([*command, "--topics", "content/topics.yaml"], tmp_path)

    printed = [line.split(": ", 2)[:2] for line in result.stdout.splitlines()]
    assert printed == [
        ["content/topics.yaml:5", "name"],
        ["content/topics.yaml:6", "slug"],
        ["content/topics.yaml:8", "phrases"],
        ["content/topics.yaml:9", "slug"],
        ["content/topics.yaml:11", "phrases"],
        ["content/papers/1706.03762.md:5", "date"],
        # Its tag Agents is a topic the topics file defines with problems.
        ["content/papers/1706.03762.md:7", "tags"],
        ["content/papers/2406.01234.md:9", "github"],
        ["content/papers/hep-th9901001.md:9", "tags"],
    ]
    assert result.stderr == "check: 9 problems in 4 files; fix them and run `invoke check` again\n"
    assert result.returncode == 1


def test_github_format_turns_each_problem_into_an_error_annotation(tmp_path):
    one_paper(tmp_path, SCRIPT_LINK)

    result = run(invoke_command("check", "--content-dir", "content/papers", "--github"), tmp_path)

    assert result.stdout.splitlines() == [
        f'::error file={PAPER},line=10::project_page: "javascript:x()" is not an http(s) link; '
        "write an address that starts with https:// (or delete the line)"
    ]
    assert result.returncode == 1


@pytest.mark.parametrize("make_folder", [False, True], ids=["missing", "empty"])
def test_no_papers_yet_is_ok(tmp_path, make_folder):
    if make_folder:
        (tmp_path / "content" / "papers").mkdir(parents=True)
    note = "" if make_folder else " (no such folder yet: `invoke fetch` creates it)"

    result = run(
        [sys.executable, str(CHECK_SCRIPT), "--content-dir", "content/papers"], cwd=tmp_path
    )

    assert result.stdout.splitlines() == [
        f"OK: 0 paper files in content/papers{note}, no topics file (content/topics.yaml); "
        "no problems"
    ]
    assert result.returncode == 0


def test_a_file_given_as_content_dir_is_a_usage_error(tmp_path):
    (tmp_path / "papers.md").write_text("not a folder\n", encoding="utf-8")

    result = run([sys.executable, str(CHECK_SCRIPT), "--content-dir", "papers.md"], tmp_path)

    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "check.py: error: --content-dir papers.md is a file; give the folder of paper files"
    )
