"""The one TeX-span rule (tex.TEX_SPAN): formulas told from dollar amounts."""

import pytest

from paperfeed.tex import TEX_SPAN


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
