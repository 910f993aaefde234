"""Front matter: where it ends, and its YAML read as the safe loader reads it, but for what a
paper file may not hold (anchors and aliases, refused before any value is made)."""

import pytest
import yaml

from paperfeed.tags import Vocabulary, arxiv_categories
from paperfeed.testing import ROOT, repository_papers
from paperfeed.validate import validate_paper
from paperfeed.yamldoc import Loader, YamlDocument, YamlProblem, front_matter

GOOD_FRONT_MATTER = """\
title: "A Paper"
arxiv_id: "2606.00001"
authors: ["Ada Example"]
date: 2026-06-12
tags: [cs.CL]
"""
# Nine levels of aliases, each nine of the level before: 9**9 (387 million) x's.
NINE_LEVELS_OF_ALIASES = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{below}'] * 9)}]\n"
    for below, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def verdict(text: str) -> list[tuple[int, str, str]]:
    """The (line, field, message) of each problem of a paper file 2606.00001.md."""
    vocabulary = Vocabulary(arxiv_categories(), [])
    validation = validate_paper(text.encode("utf-8"), "2606.00001.md", "2606.00001", vocabulary)
    return [(problem.line, problem.field, problem.message) for problem in validation.problems]


@pytest.mark.parametrize(
    ("text", "yaml_text", "body"),
    [
        ("---\na: 1\n---\nBody.\n", "a: 1\n", "Body.\n"),
        ("--- \t\na: 1\n... \t\n\nBody.", "a: 1\n", "\nBody."),
        ("---\n---\n", "", ""),
        ("---\n---", "", ""),
        ("---\na: 1\n----\n---\n", "a: 1\n----\n", ""),
        ("---\na: '\n---x\n'\n---\nB", "a: '\n---x\n'\n", "B"),
        ("---\na: 1\n  ---\n...\nB\n---\nC", "a: 1\n  ---\n", "B\n---\nC"),
    ],
)
def test_front_matter_ends_at_the_first_closing_line(text, yaml_text, body):
    split = front_matter(text)
    assert (split.yaml, split.body) == (yaml_text, body)


@pytest.mark.parametrize(
    "text", ["a: 1\n---\n", "--- a\n---\n", "---\na: 1\n", "---\na: 1\n-- -\n"]
)
def test_text_without_front_matter_lines_is_refused(text):
    with pytest.raises(YamlProblem, match="'---' line"):
        front_matter(text)


@pytest.mark.parametrize(
    "text",
    [
        *(
            pytest.param(front_matter(path.read_text("utf-8")).yaml, id=str(path.relative_to(ROOT)))
            for path in repository_papers()
        ),
        pytest.param('title: "R&D * 2"\nb: a&b\nc: 2 * 3\nd: "*x &y"\n', id="ampersands and stars"),
        pytest.param(
            "s: !!str 12\nt: !!str\nb: !!binary aGk=\nu: !!set {a, b}\no: !!omap [{a: 1}]\n",
            id="tags",
        ),
        pytest.param(
            "d: 2026-06-12\nt: 2026-06-12T10:00:00Z\nn: ~\ny: yes\nf: 1.5e3\ni: 0x1f\n",
            id="implicit types",
        ),
    ],
)
def test_front_matter_loads_as_with_the_safe_loader(text):
    document = YamlDocument(text)
    values = {key.value: document.value(node) for key, node in document.root.value}

    assert repr(values) == repr(yaml.load(text, Loader=Loader))


def test_front_matter_errors_are_those_of_the_safe_loader():
    with pytest.raises(yaml.YAMLError) as expected:
        yaml.load("a: !!str {b: c}\n", Loader=Loader)

    ((_, _, message),) = verdict(f"---\n{GOOD_FRONT_MATTER}a: !!str {{b: c}}\n---\n")

    assert expected.value.problem in message


@pytest.mark.parametrize(
    ("extra", "line", "field"),
    [
        ('a: &x "s"\nb: *x\n', 7, "a"),
        ("base: &b {k: v}\nmerged:\n  <<: *b\n", 7, "base"),
        ("? !!str key\n: &v [1, *v]\n", 8, "key"),
        ("a: [1, *undefined]\n", 7, "a"),
        (
            "unused:\n" + "".join(f"  {line}\n" for line in NINE_LEVELS_OF_ALIASES.splitlines()),
            8,
            "unused",
        ),
    ],
)
def test_yaml_anchors_and_aliases_are_refused_before_any_value_is_made(
    monkeypatch, extra, line, field
):
    def load(*args):
        raise AssertionError("front matter with aliases was composed")

    monkeypatch.setattr(Loader, "get_single_node", load)

    assert verdict(f"---\n{GOOD_FRONT_MATTER}{extra}---\n\nAbstract.\n") == [
        (
            line,
            field,
            "YAML anchors and aliases (& and *) are not allowed in paper files; write the "
            "value out",
        )
    ]
