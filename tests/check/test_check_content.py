"""check_content, behind `invoke check`: which files it reads, the topics file beside them,
and the build's rendering of each paper. The verdict on one file: tests/model/test_validation.py."""

from __future__ import annotations

import re

import pytest
from check_helpers import one_paper

from paperfeed.check import check_content
from paperfeed.problems import Problem
from paperfeed.render import PaperTextError
from paperfeed.testing import ROOT, copy_site


def test_check_content_returns_problems_with_path_line_and_field(tmp_path):
    content = one_paper(tmp_path, ("date: 2026-06-12", "date: 2026-02-30"))

    problems = check_content(content / "papers", content / "topics.yaml").problems

    assert problems == [
        Problem(
            path=str(content / "papers" / "2406.01234.md"),
            line=5,
            field="date",
            message="2026-02-30 is not a real date (day is out of range for month); "
            "write a real day as YYYY-MM-DD",
        )
    ]


def test_a_link_with_a_dot_name_and_a_file_that_is_not_markdown_are_not_papers(tmp_path):
    content = copy_site("valid-papers", tmp_path / "content")
    (content / "papers" / ".loop").symlink_to("..")
    (content / "papers" / "README.txt").write_text("notes\n", encoding="utf-8")

    assert check_content(content / "papers", content / "topics.yaml").problems == []


def test_broken_topics_file_does_not_flag_every_topic_tag(tmp_path):
    content = copy_site("valid-papers", tmp_path / "content")
    (content / "topics.yaml").write_text("- name: [LLMs\n", encoding="utf-8")

    problems = check_content(content / "papers", content / "topics.yaml").problems

    assert [(p.path, p.field) for p in problems] == [(str(content / "topics.yaml"), "yaml")]


def test_the_examples_in_contributing_pass_the_check(tmp_path):
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    paper = re.search(r"```markdown\n(.*?)```", guide, re.DOTALL)[1]
    topics = re.search(r"```yaml\n(.*?)```", guide, re.DOTALL)[1]
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "1706.03762.md").write_text(paper, encoding="utf-8")
    (tmp_path / "topics.yaml").write_text(topics, encoding="utf-8")

    assert check_content(tmp_path / "papers", tmp_path / "topics.yaml").problems == []


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("2406.05555.md", "2406.01234.md"),
        ("loop", ".."),
        ("itself", "."),
        ("gone.md", "missing.md"),
        ("notes.txt", "/etc/hostname"),
        ("2026/old", "../.."),
    ],
)
def test_symbolic_links_are_refused_not_followed(tmp_path, name, target):
    content = copy_site("valid-papers", tmp_path / "content")
    link = content / "papers" / name
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(target)

    problems = check_content(content / "papers", content / "topics.yaml").problems

    assert problems == [
        Problem(str(link), 1, "file", "is a symbolic link; put the file itself here")
    ]


def test_a_render_failure_of_the_build_is_a_problem_of_the_file(tmp_path, monkeypatch):
    def fail(title, body):
        raise PaperTextError("the build failed on it (IndexError: boom)")

    monkeypatch.setattr("paperfeed.render.render_paper_text", fail)
    content = one_paper(tmp_path)

    problems = check_content(content / "papers", content / "topics.yaml").problems

    assert [problem.field for problem in problems] == ["body"]
    assert "the build failed on it (IndexError: boom)" in problems[0].message
