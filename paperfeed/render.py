"""A paper's title and abstract as the site shows them: Markdown, then MathML.

The safe Markdown (markdown.py) marks each TeX span of the abstract as
`<span class="math">$...$</span>`; `render_math` replaces each mark with MathML (mathml.py),
so no page needs JavaScript and no raw TeX is shown, and cuts the listing's summary without
splitting a formula (a formula is one word). A formula latex2mathml cannot render stays
visible as escaped TeX in `<code>` and is listed in `unrendered`. `formulas_as_text` replaces
each mark with the formula as Unicode text instead (tex.py), for places that cannot show
MathML, such as feed readers.

The build's mathml plugin renders each paper with `render_math`; `invoke check` renders each
file with `render_paper_text`, so a file the build would fail on is found before it.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from typing import NamedTuple

from markdown import Markdown
from markupsafe import Markup

from .markdown import abstract_html, safe_markdown
from .mathml import OnError, render_span, text_to_html
from .summary import truncate_words
from .tex import tex_to_text

_MARKED_SPAN = re.compile(r'<span class="math">(\$\$?)(.*?)\1</span>', re.DOTALL)
# Stands for one formula while the summary is cut, so a formula counts as one word.
_PLACEHOLDER = "pfmathspan{}x"
_PLACEHOLDER_RE = re.compile(r"pfmathspan(\d+)x")
# The abstract's own text that reads like a placeholder: its `p` is written as a character
# reference, which shows the same and is the same one word to the summary's cut.
_PLACEHOLDER_LOOKALIKE = re.compile("pfmathspan")
_PLACEHOLDER_LOOKALIKE_ESCAPED = "&#112;fmathspan"
SUMMARY_WORDS = 40  # pelicanconf.py's SUMMARY_MAX_LENGTH
SUMMARY_END = "…"  # Pelican's SUMMARY_END_SUFFIX


class UnrenderedTex(NamedTuple):
    """A formula shown as TeX because it cannot be rendered."""

    field: str  # "title" or "abstract"
    tex: str
    reason: str


@dataclass(frozen=True)
class RenderedText:
    """A paper's title and abstract as the site shows them."""

    title_html: Markup  # the title as HTML, its TeX as MathML
    title_text: str  # the title as plain text, its TeX as Unicode (tex.tex_to_text)
    content: str  # the abstract as HTML, its TeX as MathML
    summary: str  # the abstract's first words (a formula is one word), as HTML
    unrendered: tuple[UnrenderedTex, ...]  # formulas shown as TeX in <code>, title first


class PaperTextError(ValueError):
    """A title or abstract that cannot be rendered; the message is one line."""


@functools.cache
def _markdown() -> Markdown:
    """The safe Markdown, made once (it takes longer to make than to use)."""
    return safe_markdown()


def render_math(
    title: str,
    content: str,
    summary_words: int | None = SUMMARY_WORDS,
    summary_end: str = SUMMARY_END,
) -> RenderedText:
    """Render the TeX of a title and of the paper reader's abstract HTML `content`.

    The summary is cut after `summary_words` words (None: not cut), ending in `summary_end`.
    """
    unrendered: list[UnrenderedTex] = []

    def kept_as_tex(field: str) -> OnError:
        return lambda tex, err: unrendered.append(UnrenderedTex(field, tex, str(err)))

    title_html = Markup(text_to_html(title, kept_as_tex("title")))
    rendered: list[str] = []
    in_abstract = kept_as_tex("abstract")

    def to_placeholder(match: re.Match) -> str:
        rendered.append(render_span(match.group(1), html.unescape(match.group(2)), in_abstract))
        return _PLACEHOLDER.format(len(rendered) - 1)

    unambiguous = _PLACEHOLDER_LOOKALIKE.sub(_PLACEHOLDER_LOOKALIKE_ESCAPED, content)
    marked = _MARKED_SPAN.sub(to_placeholder, unambiguous)
    summary = truncate_words(marked, summary_words, summary_end) if summary_words else marked

    def from_placeholder(match: re.Match) -> str:
        return rendered[int(match.group(1))]

    return RenderedText(
        title_html=title_html,
        title_text=tex_to_text(title),
        content=_PLACEHOLDER_RE.sub(from_placeholder, marked),
        summary=_PLACEHOLDER_RE.sub(from_placeholder, summary),
        unrendered=tuple(unrendered),
    )


def formulas_as_text(content: str) -> str:
    """The paper reader's abstract HTML `content` with each TeX span as Unicode text
    (`$x_i^2$` reads `xᵢ²`); a span that cannot be converted keeps its TeX source."""

    def as_text(match: re.Match) -> str:
        span = match.group(1) + html.unescape(match.group(2)) + match.group(1)
        return html.escape(tex_to_text(span), quote=False)

    return _MARKED_SPAN.sub(as_text, content)


def render_paper_text(
    title: str,
    body: str,
    summary_words: int | None = SUMMARY_WORDS,
    summary_end: str = SUMMARY_END,
) -> RenderedText:
    """Render a paper's title and Markdown abstract `body` exactly as the build does.

    `title` and `body` are a Paper's (validate.py): the title stripped, the abstract as
    Markdown. Raise PaperTextError, with one line saying what is wrong, for anything the build
    would fail on. Formulas that cannot be rendered are no error: the build shows them as TeX
    and warns; they are in `unrendered`.
    """
    try:
        content = abstract_html(_markdown(), body)
        return render_math(title, content, summary_words, summary_end)
    except Exception as err:
        raise PaperTextError(f"the build failed on it ({described_error(err)})") from err


def described_error(err: BaseException) -> str:
    """An unexpected exception in one short line: its type and message."""
    message = " ".join(str(err).split())
    return f"{type(err).__name__}: {message[:200]}" if message else type(err).__name__
