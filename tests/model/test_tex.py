"""The one TeX-span rule (tex.TEX_SPAN): formulas told from dollar amounts."""

import pytest

from paperfeed.tex import TEX_SPAN, tex_to_text


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


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("$\\alpha$-Net: Sparse Attention", "\N{GREEK SMALL LETTER ALPHA}-Net: Sparse Attention"),
        (
            "Sparse Attention in $\\mathcal{O}(n \\log n)$ Time",
            "Sparse Attention in \N{MATHEMATICAL SCRIPT CAPITAL O}(n log n) Time",
        ),
        (
            "Bounds on $\\mathcal{N}=4$ \\textit{amplitudes}: 50% & more",
            "Bounds on \N{MATHEMATICAL SCRIPT CAPITAL N}=4 amplitudes: 50% & more",
        ),
        (
            "Strings on a Budget: Training for $5 and $10",
            "Strings on a Budget: Training for $5 and $10",
        ),
        ("from $5 to $x$", "from $5 to x"),
        ("escaped \\$x$ is text", "escaped $x$ is text"),
        ("an unclosed {brace", "an unclosed {brace"),
        ("Plain title", "Plain title"),
    ],
)
def test_tex_becomes_unicode_text_and_money_stays(text, plain):
    assert tex_to_text(text) == plain
