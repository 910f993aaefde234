"""Tests of the mathml plugin: TeX spans, MathML with annotations, fallbacks, a real build."""

import logging
import shutil
from pathlib import Path

import pytest

from mathml.tex import TEX_SPAN, TexError, tex_to_mathml, text_to_html

TEST_PAPERS = Path(__file__).parents[1] / "paper_reader" / "test_data" / "papers"


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("costs $5 and $10 a month", []),
        ("from $5 to $x$", ["x"]),
        ("$a \\$ b$", ["a \\$ b"]),
        ("a $x$ and $$y$$", ["x", "y"]),
        ("$O(n)$-time", ["O(n)"]),
        ("escaped \\$x$ is text", []),
        ("$ x$ is not math", []),
        ("6.01$\\times$ faster", ["\\times"]),
    ],
)
def test_tex_spans_are_told_from_money(text, spans):
    assert [match.group(2) for match in TEX_SPAN.finditer(text)] == spans


def test_mathml_keeps_the_tex_as_its_annotation():
    mathml = tex_to_mathml("a_i < b")

    assert mathml.startswith('<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">')
    assert mathml.endswith(
        '<annotation encoding="application/x-tex">a_i &lt; b</annotation></semantics></math>'
    )
    assert 'display="block"' in tex_to_mathml("x", block=True)


def test_an_unknown_command_is_an_error_not_raw_tex_in_mathml():
    with pytest.raises(TexError):
        tex_to_mathml("\\notacommand{x}")


def test_text_is_escaped_around_the_math_and_a_bad_formula_becomes_code():
    failures = []

    html = text_to_html("<b> $x$ & $\\nope$", lambda tex, err: failures.append(tex))

    assert html.startswith("&lt;b&gt; <math ")
    assert html.endswith(' &amp; <code class="tex">$\\nope$</code>')
    assert failures == ["\\nope"]


def test_a_build_renders_titles_and_abstracts_and_names_the_file_of_a_bad_formula(
    build, tmp_path, caplog
):
    papers = tmp_path / "content" / "papers"
    papers.mkdir(parents=True)
    shutil.copy(TEST_PAPERS / "2606.13174.md", papers)
    text = (papers / "2606.13174.md").read_text("utf-8")
    text = text.replace("Getting Better", "Getting $\\\\mathcal{O}(1)$ Better", 1)
    (papers / "2606.13174.md").write_text(text + "\nAnd $\\nope{x}$.\n", "utf-8")

    with caplog.at_level(logging.WARNING):
        output = build(tmp_path / "content", ["paper_reader", "mathml"])

    html = (output / "papers" / "2606.13174" / "index.html").read_text("utf-8")
    assert '<h1 id="paper-title">Getting <math ' in html
    assert '<span class="math">' not in html
    assert '<code class="tex">$\\nope{x}$</code>' in html
    assert any(
        record.getMessage().startswith("content/papers/2606.13174.md: TeX in the abstract kept")
        for record in caplog.records
    )
