"""A problem is one line, as text and as a GitHub annotation."""

import pytest

from paperfeed.problems import Problem


def test_github_annotation_escapes_what_the_runner_would_misread():
    problem = Problem("a,b:c.md", 3, "title", "50% off")

    assert problem.github_annotation() == "::error file=a%2Cb%3Ac.md,line=3::title: 50%25 off"


@pytest.mark.parametrize("form", [str, Problem.github_annotation])
def test_a_problem_prints_on_one_line_whatever_its_parts_hold(form):
    problem = Problem("a\nb.md", 3, "ti\rtle", "cannot be read (bad\n  in line 3)\x08\u2028")

    assert form(problem).splitlines() == [form(problem)]
    assert "ti\\rtle: cannot be read (bad\\n  in line 3)\\b\\u2028" in form(problem)
