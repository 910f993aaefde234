"""A paper's title and abstract rendered as the build renders them (render.render_paper_text):
formulas as MathML, the summary cut, one error type for every failure; and the abstract with
its formulas as text (render.formulas_as_text), as feeds hold it."""

import pytest

from paperfeed.markdown import abstract_html, safe_markdown
from paperfeed.render import PaperTextError, formulas_as_text, render_paper_text
from paperfeed.testing import visible_text


@pytest.mark.parametrize(
    ("body", "text", "formulas"),
    [
        ("Literal pfmathspan5x stays.", "Literal pfmathspan5x stays.", 0),
        ("Literal pfmathspan0x and $y$.", "Literal pfmathspan0x and y.", 1),
        ("[pfmathspan1x](https://a.b/pfmathspan0x) $y$", "pfmathspan1x y", 1),
    ],
)
def test_text_that_reads_like_a_formula_placeholder_stays_text(body, text, formulas):
    rendered = render_paper_text("A title", body)

    assert visible_text(rendered.content) == text
    assert rendered.content.count("<math ") == formulas
    assert visible_text(rendered.summary) == visible_text(rendered.content)


def test_a_formula_is_one_word_of_the_summary():
    rendered = render_paper_text("A title", "$x + y$ pfmathspan0x b c", summary_words=2)

    assert visible_text(rendered.summary) == "x+y pfmathspan0x …"


def test_render_paper_text_raises_one_error_type(monkeypatch):
    # (The abstract's length is the validation's to refuse: test_validation.py.)
    def fail(*args):
        raise IndexError("list index out of range")

    monkeypatch.setattr("paperfeed.render.truncate_words", fail)
    with pytest.raises(PaperTextError) as error:
        render_paper_text("A title", "An abstract.")
    assert str(error.value) == "the build failed on it (IndexError: list index out of range)"


def test_the_abstract_reads_with_its_formulas_as_text():
    body = "Up to 6.01$\\times$ at 60 $μ$s; $a<b$, $\\foo$ and <b> *stay*."
    content = abstract_html(safe_markdown(), body)

    assert formulas_as_text(content) == (
        "<p>Up to 6.01× at 60 μs; a&lt;b, $\\foo$ and &lt;b&gt; <em>stay</em>.</p>"  # noqa: RUF001
    )
