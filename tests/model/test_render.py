"""A paper's title and abstract rendered as the build renders them (render.render_paper_text):
formulas as MathML, the summary cut, one error type for every failure."""

import pytest

from paperfeed.render import PaperTextError, render_paper_text
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
