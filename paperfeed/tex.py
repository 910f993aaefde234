"""What counts as TeX math in a paper's text, and that math as plain text.

A span is `$...$` or `$$...$$` by pandoc's rule for telling math from money: the opening `$`
is not escaped (nor a second `$`) and is followed by a non-space; the closing `$` follows a
non-space and no digit follows it; between them, a `$` only escaped. So "costs $5 and $10"
stays text, while "$O(n)$" is math. The fetch keeps these spans verbatim when it escapes an
abstract for Markdown, the Markdown of the build keeps them out of its own rules, and the math
is rendered (mathml.py) or read as text (`tex_to_text`), all by this one definition.

As text (pylatexenc), a formula reads as Unicode: `6.01$\\times$` is 6.01 and a
multiplication sign, `$\\alpha$` a Greek alpha, and a sub- or superscript uses Unicode's sub-
and superscript characters where there is one for each of its characters (`$x_i^2$` is `xᵢ²`)
and stays written out where not (`$x_b$` is `x_b`). A formula pylatexenc cannot read, or that
holds a command it does not know (it would drop it), keeps its TeX source: text is never
dropped.
"""

from __future__ import annotations

import functools
import re

from pylatexenc.latex2text import LatexNodes2Text, SpecialsTextSpec, get_default_latex_context_db
from pylatexenc.latexwalker import LatexMacroNode, LatexSpecialsNode, LatexWalker
from pylatexenc.latexwalker import get_default_latex_context_db as walker_context_db
from pylatexenc.macrospec import LatexContextDb, MacroStandardArgsParser, SpecialsSpec

# The look back at the opening comes after its first `$`, so the regex engine can skip ahead
# to each `$` instead of trying every position.
TEX_SPAN_PATTERN = r"(\$(?<![\\$]\$)\$?)(?![\s$])((?:[^$\\]|\\.)+?)(?<![\s\\])\1(?![\d$])"
"""Group 1 is the delimiter (`$` or `$$`), group 2 the TeX."""
TEX_SPAN = re.compile(TEX_SPAN_PATTERN, re.DOTALL)

# TeX characters that are plain text in a title unless escaped: `50% & more` keeps its end.
_TEX_TEXT_CHARACTER = re.compile(r"(?<!\\)([%&#])")
# Outside a TeX span a dollar sign is money ("$5 and $10"), never the start of math.
_TEXT_DOLLAR = re.compile(r"(?<!\\)\$")
# Each character that Unicode has a superscript (and a subscript) of, and that character.
SUPERSCRIPTS = dict(
    zip(
        "0123456789+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWαβγδεθιφχ⊤′'",  # noqa: RUF001
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵅᵝᵞᵟᵋᶿᶥᵠᵡᵀ′′",  # noqa: RUF001
        strict=True,
    )
)
SUBSCRIPTS = dict(
    zip(
        "0123456789+-−=()aehijklmnoprstuvxβγρφχ",  # noqa: RUF001
        "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ",
        strict=True,
    )
)
_SCRIPTS = {"^": SUPERSCRIPTS, "_": SUBSCRIPTS}


class _Unreadable(ValueError):
    """TeX that would lose text if converted."""


def _script(node: LatexSpecialsNode, l2tobj: LatexNodes2Text) -> str:
    """A `^` or `_` with its argument: Unicode sub- or superscripts in math where Unicode has
    each character, else written out (`_i`, `^{ab}`); outside math, as pylatexenc reads it."""
    argument = node.nodeargd.argnlist[0] if node.nodeargd and node.nodeargd.argnlist else None
    text = "".join(l2tobj.nodelist_to_text([argument]).split()) if argument else ""
    if not node.parsing_state.in_math_mode:
        return node.specials_chars + text
    if not text:
        raise _Unreadable("an empty sub- or superscript")
    table = _SCRIPTS[node.specials_chars]
    if all(character in table for character in text):
        return "".join(table[character] for character in text)
    return node.specials_chars + (text if len(text) == 1 else f"{{{text}}}")


class _TexToText(LatexNodes2Text):
    """pylatexenc's converter, refusing a command it does not know instead of dropping it."""

    def macro_node_to_text(self, node: LatexMacroNode) -> str:
        if self.latex_context.get_macro_spec(node.macroname) is None:
            raise _Unreadable(f"unknown command \\{node.macroname}")
        text = super().macro_node_to_text(node)
        # TeX drops the space after a command; in a formula it was written for the space TeX
        # puts around a relation or operator (`\beta \leq 1` reads `β ≤ 1`, not `β≤ 1`).
        if node.macro_post_space and node.parsing_state.in_math_mode:
            return text + " "
        return text


def _contexts() -> tuple[LatexContextDb, LatexContextDb]:
    """The parsing and the text context: pylatexenc's, with `^` and `_` taking an argument."""
    scripts = [SpecialsSpec(chars, args_parser=MacroStandardArgsParser("{")) for chars in _SCRIPTS]
    parsing = walker_context_db()
    parsing.add_context_category("scripts", specials=scripts, prepend=True)
    text = get_default_latex_context_db()
    text.add_context_category(
        "scripts",
        specials=[SpecialsTextSpec(chars, simplify_repl=_script) for chars in _SCRIPTS],
        prepend=True,
    )
    return parsing, text


_PARSING_CONTEXT, _TEXT_CONTEXT = _contexts()
_LATEX_TO_TEXT = _TexToText(
    latex_context=_TEXT_CONTEXT, math_mode="text", strict_latex_spaces="except-in-equations"
)


def _money_escaped(text: str) -> str:
    """`text` with each dollar sign outside its TeX spans escaped, so TeX reads it as text."""
    parts, position = [], 0
    for match in TEX_SPAN.finditer(text):
        parts.append(_TEXT_DOLLAR.sub(r"\\$", text[position : match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(_TEXT_DOLLAR.sub(r"\\$", text[position:]))
    return "".join(parts)


def _converted(text: str) -> str:
    """`text` as Unicode text; _Unreadable (or pylatexenc's own error) if any of it cannot be."""
    escaped = _TEX_TEXT_CHARACTER.sub(r"\\\1", _money_escaped(text))
    walker = LatexWalker(escaped, latex_context=_PARSING_CONTEXT, tolerant_parsing=False)
    nodes, _, _ = walker.get_latex_nodes()
    return " ".join(_LATEX_TO_TEXT.nodelist_to_text(nodes).split())


@functools.lru_cache(maxsize=4096)
def _formula_to_text(span: str) -> str:
    """One TeX span (with its dollar signs) as Unicode text, or as written."""
    try:
        return _converted(span) or span
    except Exception:  # pylatexenc raises many kinds for text it cannot read
        return span


def _spans_to_text(text: str) -> str:
    return TEX_SPAN.sub(lambda match: _formula_to_text(match.group()), text)


@functools.lru_cache(maxsize=4096)
def tex_to_text(text: str) -> str:
    """A text with its TeX turned into Unicode text (`$\\alpha$-Net` -> `\\u03b1-Net`).

    Where all the TeX is in formulas, each formula is converted on its own (so a converter
    reads only them: most of a text is words). Otherwise the whole text is read as TeX (so
    `Schr\\"odinger` reads `Schrödinger`); when some of it cannot be (an unclosed `$` or
    brace, an unknown command, braces nested past the converter's recursion limit), each
    formula is converted on its own and the rest stays as written. A formula that cannot be
    converted keeps its TeX source. Never raises.
    """
    if "\\" not in text and "$" not in text and "{" not in text:
        return text
    outside = TEX_SPAN.sub("", text)
    if "\\" not in outside and "$" not in outside and "{" not in outside:
        return _spans_to_text(text)
    try:
        return _converted(text) or text
    except Exception:  # pylatexenc raises many kinds for text it cannot read
        return _spans_to_text(text)
