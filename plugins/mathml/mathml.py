"""Render the TeX of each paper's title and abstract as MathML, once, when the paper is read.

The paper model does the rendering (paperfeed/render.py, the same `invoke check` runs); this
plugin gives each paper its results, kept with the paper in Pelican's content cache:

- `title_html`: the title as HTML with MathML (templates show it in headings);
- `title_text`: the title as plain text, its TeX as Unicode (for `<title>`, meta tags, JSON-LD);
- its abstract (`content`) with MathML, and its summary (the listing's first words of the
  abstract, `SUMMARY_MAX_LENGTH` of them), cut without splitting a formula;
- `feed_content`: its abstract with each formula as Unicode text, for the feeds (feed
  readers show no MathML).

A formula latex2mathml cannot render stays visible as escaped TeX in `<code>`, with a warning
naming the file.
"""

import logging
import os

from paper_attributes import PaperArticle
from pelican import signals
from pelican.contents import Article

from paperfeed.render import SUMMARY_END, formulas_as_text, render_math

logger = logging.getLogger(__name__)


def render_paper_math(paper: PaperArticle) -> None:
    """Give `paper` MathML in its abstract, `title_html`, `title_text`, a summary and
    `feed_content`."""
    if not isinstance(paper, Article) or "arxiv_id" not in paper.metadata:
        return
    settings = paper.settings
    rendered = render_math(
        paper.title,
        paper._content,
        settings.get("SUMMARY_MAX_LENGTH"),
        settings.get("SUMMARY_END_SUFFIX", SUMMARY_END),
    )
    source = os.path.relpath(paper.source_path, os.path.dirname(settings["PATH"]))
    for field, tex, reason in rendered.unrendered:
        logger.warning("%s: TeX in the %s kept as text (%s): %s", source, field, reason, tex)
    paper.feed_content = formulas_as_text(paper._content)
    paper.title_html = rendered.title_html
    paper.title_text = rendered.title_text
    paper._content = rendered.content
    paper.metadata["summary"] = rendered.summary


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.content_object_init.connect(render_paper_math)
