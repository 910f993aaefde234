"""One bad-file fixture per kind of problem: the exact lines `invoke check` prints, its exit code.

Each case copies tests/check/fixtures/<kind>/ into a temp folder as content/ and runs the real
command there, both as `python scripts/check.py` and as `invoke check`.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass

import pytest
from check_helpers import CHECK_SCRIPT, FIXTURES, copy_fixture, run

from paperfeed.testing import invoke_command

PAPER = "content/papers/2406.01234.md"
YAML_HINT = (
    "fix the YAML syntax: a value that holds ': ' or ' #', or starts with a quote, "
    "'[', '{', '*', '&', '!', '|', '>', '%' or '@', must be put in double quotes"
)


@dataclass(frozen=True)
class Case:
    kind: str
    lines: tuple[str, ...]
    shared_topics: bool = True


CASES = [
    Case(
        "broken_yaml",
        (f"{PAPER}:2: yaml: mapping values are not allowed in this context; {YAML_HINT}",),
    ),
    Case("missing_title", (f'{PAPER}:1: title: missing; add the paper\'s title: title: "..."',)),
    Case(
        "id_not_file_name",
        (
            'content/papers/2406.01235.md:3: arxiv_id: "2406.01234" does not match the file '
            "name 2406.01235.md; rename the file to 2406.01234.md, or correct arxiv_id",
        ),
    ),
    Case(
        "unquoted_id",
        (
            "content/papers/2406.01230.md:3: arxiv_id: is a number (2406.01230), not text, and "
            'YAML reads it as 2406.0123; quote it: arxiv_id: "2406.01230"',
        ),
    ),
    Case(
        "impossible_date",
        (
            f"{PAPER}:5: date: 2026-02-30 is not a real date (day is out of range for month); "
            "write a real day as YYYY-MM-DD",
        ),
    ),
    Case(
        "tags_string",
        (f'{PAPER}:7: tags: is text, not a list; write a list: tags: ["cs.CL", "LLMs"]',),
    ),
    Case(
        "authors_string",
        (
            f"{PAPER}:4: authors: is text, not a list; write one entry per author, in order: "
            'authors: ["Ashish Vaswani"]',
        ),
    ),
    Case(
        "javascript_url",
        (
            f'{PAPER}:10: project_page: "javascript:alert(document.cookie)" is not an http(s) '
            "link; write an address that starts with https:// (or delete the line)",
        ),
    ),
    Case(
        "duplicate_paper",
        (
            "content/papers/2026-06/2406.01234.md:3: arxiv_id: content/papers/2406.01234.md "
            "holds the same paper; keep one file per paper: move any correction into that file "
            "and delete this one",
        ),
    ),
    Case(
        "unknown_tag",
        (
            f'{PAPER}:7: tags: unknown tag "cs.XX"; use an arXiv category '
            "(https://arxiv.org/category_taxonomy, spelled as there) or the name of a topic in "
            "content/topics.yaml, or add the topic there",
            f'{PAPER}:7: tags: unknown tag "llms"; did you mean "LLMs"? (tags are case-sensitive)',
        ),
    ),
    Case(
        "bad_topics",
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
    ),
    Case(
        "no_topics_file",
        (
            f'{PAPER}:7: tags: unknown tag "LLMs": it is not an arXiv category and there is no '
            "topics file content/topics.yaml to define it as a topic; create that file with the "
            "topic, or remove the tag",
        ),
        shared_topics=False,
    ),
    Case(
        "no_front_matter",
        (
            f"{PAPER}:1: front matter: the file does not start with a '---' line; put the "
            "fields between two '---' lines at the top of the file",
        ),
    ),
    Case(
        "date_with_time",
        (
            f"{PAPER}:5: date: 2026-06-12T09:30:00 has a time of day; write only the day: "
            "date: 2026-06-12",
        ),
    ),
    Case(
        "upvotes_text",
        (f"{PAPER}:8: upvotes: is text in quotes, not a number; remove the quotes: upvotes: 42",),
    ),
    Case("field_twice", (f"{PAPER}:9: upvotes: appears twice (also on line 8); keep one",)),
    Case(
        "yaml_aliases",
        (
            f"{PAPER}:13: a: YAML anchors and aliases (& and *) are not allowed in paper files; "
            "write the value out",
        ),
    ),
    Case(
        "control_character",
        (f"{PAPER}:2: title: remove the control character U+0008 from title",),
    ),
    Case(
        "versioned_id",
        (
            f"{PAPER}:3: arxiv_id: \"2406.01234v2\" carries a version; drop 'v2': "
            "arxiv_id: \"2406.01234\" (the version goes in 'version: 2')",
        ),
    ),
]

COMMANDS = {
    "script": [sys.executable, str(CHECK_SCRIPT)],
    "invoke": invoke_command("check"),
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", CASES, ids=[case.kind for case in CASES])
def test_bad_file_prints_exact_lines_and_exits_1(tmp_path, case, command):
    copy_fixture(tmp_path, case.kind, case.shared_topics)

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
    copy_fixture(tmp_path, "good")

    result = run(
        [*COMMANDS[command], "--content-dir", "content/papers", "--topics", "content/topics.yaml"],
        cwd=tmp_path,
    )

    assert result.stdout.splitlines() == [
        "OK: 3 paper files in content/papers, 3 topics in content/topics.yaml; no problems"
    ]
    assert (result.returncode, result.stderr) == (0, "")


def test_all_problems_of_all_files_in_one_run(tmp_path):
    content = copy_fixture(tmp_path, "good")
    shutil.copy(FIXTURES / "bad_topics" / "topics.yaml", content / "topics.yaml")
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
    copy_fixture(tmp_path, "javascript_url")

    result = run(invoke_command("check", "--content-dir", "content/papers", "--github"), tmp_path)

    assert result.stdout.splitlines() == [
        f'::error file={PAPER},line=10::project_page: "javascript:alert(document.cookie)" '
        "is not an http(s) link; write an address that starts with https:// (or delete the line)"
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


def test_a_symbolic_link_loop_is_one_line_not_a_walk(tmp_path):
    content = copy_fixture(tmp_path, "good")
    (content / "papers" / "loop").symlink_to("..")

    result = run(invoke_command("check", "--content-dir", "content/papers"), tmp_path)

    assert result.stdout.splitlines() == [
        "content/papers/loop:1: file: is a symbolic link; put the file itself here"
    ]
    assert result.returncode == 1
