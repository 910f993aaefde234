"""Render the TeX of each paper's title and abstract as MathML, once, when the paper is read.

The paper reader marks abstract TeX as `<span class="math">$...$</span>`; this plugin
replaces each mark with MathML (the TeX kept as its annotation), so no page needs JavaScript
and no raw TeX is shown. A paper gets:

- `title_html`: the title as HTML with MathML (templates show it in headings);
- `title_text`: the title as plain text without TeX dollar signs (for `<title>` and meta tags);
- its summary (the listing's first words of the abstract), cut without splitting a formula.

A formula latex2mathml cannot render stays visible as escaped TeX in `<code>`, with a warning
naming the file.
"""

import html
import logging
import os
import re

from markupsafe import Markup
from pelican import signals
from pelican.contents import Article

from .summary import truncate_words
from .tex import render_span, text_to_html, text_without_tex_delimiters

logger = logging.getLogger(__name__)

_MARKED_SPAN = re.compile(r'<span class="math">(\$\$?)(.*?)\1</span>', re.DOTALL)
# Stands for one formula while the summary is cut, so a formula counts as one word.
_PLACEHOLDER = "pfmathspan{}x"
_PLACEHOLDER_RE = re.compile(r"pfmathspan(\d+)x")


def _warner(paper, where: str):
    def warn(tex: str, err: Exception) -> None:
        source = os.path.relpath(paper.source_path, os.path.dirname(paper.settings["PATH"]))
        logger.warning("%s: TeX in the %s kept as text (%s): %s", source, where, err, tex)

    return warn


def render_paper_math(paper) -> None:
    """Give `paper` MathML in its abstract, `title_html`, `title_text` and a summary."""
    if not isinstance(paper, Article) or "arxiv_id" not in paper.metadata:
        return
    title = paper.title
    paper.title_html = Markup(text_to_html(title, _warner(paper, "title")))
    paper.title_text = text_without_tex_delimiters(title)

    rendered: list[str] = []
    warn = _warner(paper, "abstract")

    def to_placeholder(match: re.Match) -> str:
        rendered.append(render_span(match.group(1), html.unescape(match.group(2)), warn))
        return _PLACEHOLDER.format(len(rendered) - 1)

    marked = _MARKED_SPAN.sub(to_placeholder, paper._content)
    max_words = paper.settings.get("SUMMARY_MAX_LENGTH")
    summary = (
        truncate_words(marked, max_words, paper.settings.get("SUMMARY_END_SUFFIX", "…"))
        if max_words
        else marked
    )

    def from_placeholder(match: re.Match) -> str:
        return rendered[int(match.group(1))]

    paper._content = _PLACEHOLDER_RE.sub(from_placeholder, marked)
    paper.metadata["summary"] = _PLACEHOLDER_RE.sub(from_placeholder, summary)


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.content_object_init.connect(render_paper_math)
