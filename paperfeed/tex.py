"""What counts as TeX math in a paper's text, and that math as plain text.

A span is `$...$` or `$$...$$` by pandoc's rule for telling math from money: the opening `$`
is not escaped (nor a second `$`) and is followed by a non-space; the closing `$` follows a
non-space and no digit follows it; between them, a `$` only escaped. So "costs $5 and $10"
stays text, while "$O(n)$" is math. The fetch keeps these spans verbatim when it escapes an
abstract for Markdown, the Markdown of the build keeps them out of its own rules, and the math
is rendered (mathml.py) or read as text (`tex_to_text`), all by this one definition.
"""

from __future__ import annotations

import functools
import re

from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexwalker import LatexWalker

# The look back at the opening comes after its first `$`, so the regex engine can skip ahead
# to each `$` instead of trying every position.
TEX_SPAN_PATTERN = r"(\$(?<![\\$]\$)\$?)(?![\s$])((?:[^$\\]|\\.)+?)(?<![\s\\])\1(?![\d$])"
"""Group 1 is the delimiter (`$` or `$$`), group 2 the TeX."""
TEX_SPAN = re.compile(TEX_SPAN_PATTERN, re.DOTALL)

# TeX characters that are plain text in a title unless escaped: `50% & more` keeps its end.
_TEX_TEXT_CHARACTER = re.compile(r"(?<!\\)([%&#])")
# Outside a TeX span a dollar sign is money ("$5 and $10"), never the start of math.
_TEXT_DOLLAR = re.compile(r"(?<!\\)\$")
# Not strict about spaces: TeX drops the space after a command, but `$\log n$` reads "log n".
_LATEX_TO_TEXT = LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


def _money_escaped(text: str) -> str:
    """`text` with each dollar sign outside its TeX spans escaped, so TeX reads it as text."""
    parts, position = [], 0
    for match in TEX_SPAN.finditer(text):
        parts.append(_TEXT_DOLLAR.sub(r"\\$", text[position : match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(_TEXT_DOLLAR.sub(r"\\$", text[position:]))
    return "".join(parts)


@functools.lru_cache(maxsize=4096)
def tex_to_text(text: str) -> str:
    """A text with its TeX turned into Unicode text (`$\\alpha$-Net` -> `\\u03b1-Net`).

    A text whose TeX cannot be read (an unclosed `$` or brace, a command the converter trips
    on, braces nested past its recursion limit) stays as it is written.
    """
    if "\\" not in text and "$" not in text and "{" not in text:
        return text
    walker = LatexWalker(
        _TEX_TEXT_CHARACTER.sub(r"\\\1", _money_escaped(text)), tolerant_parsing=False
    )
    try:
        nodes, _, _ = walker.get_latex_nodes()
        converted = _LATEX_TO_TEXT.nodelist_to_text(nodes)
    except Exception:  # pylatexenc raises many kinds for text it cannot read
        return text
    return " ".join(converted.split()) or text
