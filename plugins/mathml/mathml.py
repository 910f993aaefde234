"""Render the TeX of each paper's title and abstract as MathML, once, when the paper is read.

The paper reader marks abstract TeX as `<span class="math">$...$</span>`; this plugin
replaces each mark with MathML (the TeX kept as its annotation), so no page needs JavaScript
and no raw TeX is shown. A paper gets:

- `title_html`: the title as HTML with MathML (templates show it in headings);
- `title_text`: the title as plain text without TeX dollar signs (for `<title>` and meta tags);
- its summary (the listing's first words of the abstract), cut without splitting a formula.

A formula latex2mathml cannot render stays visible as escaped TeX in `<code>`, with a warning
naming the file. `render_paper_text` does what the reader and this plugin do to a paper's
title and abstract, for a check that wants to know a file builds before the build.
"""

import functools
import html
import logging
import os
import re
from dataclasses import dataclass
from typing import NamedTuple

from markupsafe import Markup
from paper_reader.paper_reader import described_error
from paper_reader.safe_markdown import AbstractTooLong, abstract_html, safe_markdown
from pelican import signals
from pelican.contents import Article

from .summary import truncate_words
from .tex import render_span, text_to_html, text_without_tex_delimiters

logger = logging.getLogger(__name__)

_MARKED_SPAN = re.compile(r'<span class="math">(\$\$?)(.*?)\1</span>', re.DOTALL)
# Stands for one formula while the summary is cut, so a formula counts as one word.
_PLACEHOLDER = "pfmathspan{}x"
_PLACEHOLDER_RE = re.compile(r"pfmathspan(\d+)x")
# The abstract's own text that reads like a placeholder: its `p` is written as a character
# reference, which shows the same and is the same one word to the summary's cut.
_PLACEHOLDER_LOOKALIKE = re.compile("pfmathspan")
_PLACEHOLDER_LOOKALIKE_ESCAPED = "&#112;fmathspan"
_SUMMARY_WORDS = 40  # pelicanconf.py's SUMMARY_MAX_LENGTH
_SUMMARY_END = "…"  # Pelican's SUMMARY_END_SUFFIX


class UnrenderedTex(NamedTuple):
    """A formula shown as TeX because it cannot be rendered."""

    field: str  # "title" or "abstract"
    tex: str
    reason: str


@dataclass(frozen=True)
class RenderedText:
    """A paper's title and abstract as the site shows them."""

    title_html: Markup  # the title as HTML, its TeX as MathML
    title_text: str  # the title as plain text, without TeX dollar signs
    content: str  # the abstract as HTML, its TeX as MathML
    summary: str  # the abstract's first words (a formula is one word), as HTML
    unrendered: tuple[UnrenderedTex, ...]  # formulas shown as TeX in <code>, title first


class PaperTextError(ValueError):
    """A title or abstract that cannot be rendered; the message is one line."""


@functools.cache
def _markdown():
    """The paper reader's Markdown, made once (it takes longer to make than to use)."""
    return safe_markdown()


def render_math(
    title: str,
    content: str,
    summary_words: int | None = _SUMMARY_WORDS,
    summary_end: str = _SUMMARY_END,
) -> RenderedText:
    """Render the TeX of a title and of the paper reader's abstract HTML `content`.

    The summary is cut after `summary_words` words (None: not cut), ending in `summary_end`.
    """
    unrendered: list[UnrenderedTex] = []

    def kept_as_tex(field: str):
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
        title_text=text_without_tex_delimiters(title),
        content=_PLACEHOLDER_RE.sub(from_placeholder, marked),
        summary=_PLACEHOLDER_RE.sub(from_placeholder, summary),
        unrendered=tuple(unrendered),
    )


def render_paper_text(
    title: str,
    body: str,
    summary_words: int | None = _SUMMARY_WORDS,
    summary_end: str = _SUMMARY_END,
) -> RenderedText:
    """Render a paper's title and Markdown abstract `body` exactly as the build does.

    `title` is the front matter's title as YAML reads it, stripped (as the reader keeps it);
    `body` is the file after the front matter. Raise PaperTextError, with one line saying
    what is wrong, for an abstract longer than the reader takes and for anything else the
    build would fail on. Formulas that cannot be rendered are no error: the build shows them
    as TeX and warns; they are in `unrendered`.
    """
    try:
        content = abstract_html(_markdown(), body)
        return render_math(title, content, summary_words, summary_end)
    except AbstractTooLong as err:
        raise PaperTextError(str(err)) from None
    except Exception as err:
        raise PaperTextError(f"the build failed on it ({described_error(err)})") from err


def render_paper_math(paper) -> None:
    """Give `paper` MathML in its abstract, `title_html`, `title_text` and a summary."""
    if not isinstance(paper, Article) or "arxiv_id" not in paper.metadata:
        return
    settings = paper.settings
    rendered = render_math(
        paper.title,
        paper._content,
        settings.get("SUMMARY_MAX_LENGTH"),
        settings.get("SUMMARY_END_SUFFIX", _SUMMARY_END),
    )
    source = os.path.relpath(paper.source_path, os.path.dirname(settings["PATH"]))
    for field, tex, reason in rendered.unrendered:
        logger.warning("%s: TeX in the %s kept as text (%s): %s", source, field, reason, tex)
    paper.title_html = rendered.title_html
    paper.title_text = rendered.title_text
    paper._content = rendered.content
    paper.metadata["summary"] = rendered.summary


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.content_object_init.connect(render_paper_math)
