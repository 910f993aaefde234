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


NESTED_BRACES = "$" + "{" * 1000 + "x" + "}" * 1000 + "$"


@pytest.mark.parametrize(
    ("text", "readable"),
    [
        # What the subscribers lost: a unit, a symbol.
        ("up to 6.01$\\times$, to 60 $μ$s", "up to 6.01×, to 60 μs"),  # noqa: RUF001
        ("$\\alpha$-Net", "α-Net"),  # noqa: RUF001
        ("$\\mathcal{O}(n \\log n)$ time", "𝒪(n log n) time"),  # noqa: RUF001
        ("$\\beta \\leq 1$, $\\alpha\\beta$ and $a \\cdot b$", "β ≤ 1, αβ and a · b"),
        # Sub- and superscripts: Unicode's where it has each character, else written out.
        ("$x_i^2$", "xᵢ²"),
        ("$x_{ij}^{-1}$ and $W^\\top$", "xᵢⱼ⁻¹ and Wᵀ"),
        ("$a_{\\mathrm{max}}$", "aₘₐₓ"),
        ("$x_b$, $L_{CE}$, $x^*$", "x_b, L_{CE}, x^*"),
        ("$e^{x_i}$", "e^{xᵢ}"),
        # Outside math, `_` is text.
        ("snake_case and $k$-NN", "snake_case and k-NN"),
        # TeX outside the formulas is read too, and `% & #` are text unless escaped.
        ("\\textbf{Bold} $x^2$ and 50% & more #1", "Bold x² and 50% & more #1"),
        ("Escaped 50\\% \\& 20% $\\beta$", "Escaped 50% & 20% β"),
        ("Schr\\\"odinger's \\emph{cat}", "Schrödinger's cat"),
        ("No TeX <b>at all</b>", "No TeX <b>at all</b>"),
        # What cannot be converted keeps its source, a formula at a time: no text is dropped.
        ("$\\foo{x}$ and $\\alpha$", "$\\foo{x}$ and α"),  # noqa: RUF001
        ("A link \\href{x}{y} and $\\beta$", "A link \\href{x}{y} and β"),
        ("$x^{}$ and $\\,$", "$x^{}$ and $\\,$"),
        ("Broken {brace $\\frac{a", "Broken {brace $\\frac{a"),
        (NESTED_BRACES, NESTED_BRACES),
    ],
)
def test_tex_reads_as_unicode_text(text, readable):
    assert tex_to_text(text) == readable


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        (
            "Strings on a Budget: Training for $5 and $10",
            "Strings on a Budget: Training for $5 and $10",
        ),
        ("from $5 to $x$", "from $5 to x"),
        ("escaped \\$x$ is text", "escaped $x$ is text"),
        (
            "Bounds on $\\mathcal{N}=4$ \\textit{amplitudes}: 50% & more",
            "Bounds on \N{MATHEMATICAL SCRIPT CAPITAL N}=4 amplitudes: 50% & more",
        ),
        ("an unclosed {brace", "an unclosed {brace"),
    ],
)
def test_a_dollar_outside_tex_spans_is_money(text, plain):
    assert tex_to_text(text) == plain
