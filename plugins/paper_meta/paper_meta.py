"""Citation data for each paper page, and a BibTeX file beside it.

Every paper gets, from its own metadata only (constant work per paper), these attributes
(declared in paper_attributes), when it is read:

- `bibtex`: a BibTeX entry, also written beside its page as `papers/<fileid>/<fileid>.bib`;
- `absolute_url`: its page's address on the hosted site (for canonical, OpenGraph, JSON-LD);
- `json_ld`: schema.org ScholarlyArticle JSON-LD, safe to put inside a `<script>` element;
- `abstract_text`: the abstract as plain text, formulas as Unicode (the page's description);
- `citation_date`: the Highwire Press date (`YYYY/MM/DD`) of its first version;
- `correction_url`: where to edit its file on the forge (needs REPO_URL), or None;
- `arxiv_abs_url`, `arxiv_pdf_url`: its abstract page and PDF on arXiv, and `hf_url` its page
  on Hugging Face Papers (None for an old-style id: Hugging Face lists new-style ids only).
"""

import json
import logging
import os
import posixpath
import re
from functools import partial
from html import escape, unescape
from itertools import chain
from pathlib import PurePath
from urllib.parse import urlsplit

from markupsafe import Markup
from page_writer import write_data
from paper_attributes import PaperArticle
from pelican import signals
from pelican.contents import Article

from paperfeed.ids import abs_url, hf_url, pdf_url
from paperfeed.tex import tex_to_text

from .bibtex import bibtex_entry

logger = logging.getLogger(__name__)

DEFAULTS = {
    # The repository on its forge, such as https://github.com/USER/paperfeed; None: no link.
    "REPO_URL": None,
    "REPO_BRANCH": "main",
}


_FORMULA = re.compile(
    r'<math\b([^>]*)>.*?<annotation encoding="application/x-tex">(.*?)</annotation>.*?</math>',
    re.DOTALL,
)
_TAG = re.compile(r"<[^>]+>")
_BLANK_LINES = re.compile(r"\s*\n\s*\n\s*")


def _formula_as_text(match: re.Match) -> str:
    # Escaped again: the whole text is unescaped once its tags are gone.
    return escape(tex_to_text(f"${unescape(match.group(2))}$"), quote=False)


def abstract_text(html: str) -> str:
    """The plain text of an abstract's HTML (the reader's own markup), formulas as Unicode."""
    text = _FORMULA.sub(_formula_as_text, html.replace("</p>", "</p>\n\n"))
    return _BLANK_LINES.sub("\n\n", unescape(_TAG.sub("", text))).strip()


def site_address(settings: dict) -> str:
    """The site's absolute address: SITEURL when absolute, else FEED_DOMAIN (the preview's)."""
    siteurl = settings.get("SITEURL") or ""
    if urlsplit(siteurl).scheme in ("http", "https"):
        return siteurl.rstrip("/")
    return (settings.get("FEED_DOMAIN") or "").rstrip("/")


def script_json(data: dict) -> Markup:
    """`data` as JSON that cannot end or comment out the `<script>` element holding it."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    for character, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(character, escaped)
    return Markup(text)


def json_ld(paper: PaperArticle) -> dict:
    """schema.org ScholarlyArticle data of `paper`.

    It names the paper (title, authors, dates, identifiers) without repeating its abstract:
    the page shows the abstract, and a second copy would be a tenth of every paper page.
    """
    metadata = paper.metadata
    arxiv_id = metadata["arxiv_id"]
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": paper.title_text,
        "author": [{"@type": "Person", "name": name} for name in metadata["paper_authors"]],
        "datePublished": (metadata.get("published") or paper.date.date()).isoformat(),
        "identifier": f"arXiv:{arxiv_id}",
        "url": paper.absolute_url,
        "sameAs": abs_url(arxiv_id),
    }
    if metadata.get("updated"):
        data["dateModified"] = metadata["updated"].isoformat()
    if metadata.get("paper_tags"):
        data["keywords"] = metadata["paper_tags"]
    if metadata.get("doi"):
        data["sameAs"] = [data["sameAs"], f"https://doi.org/{metadata['doi']}"]
    return data


def describe_paper(
    paper: PaperArticle, address: str, repo_url: str | None, branch: str, root: str
) -> None:
    """Give `paper` its citation data (see the module docstring)."""
    if not hasattr(paper, "title_text"):
        paper.title_text = paper.title
    arxiv_id = paper.metadata["arxiv_id"]
    paper.arxiv_abs_url = abs_url(arxiv_id)
    paper.arxiv_pdf_url = pdf_url(arxiv_id)
    paper.hf_url = None if "/" in arxiv_id else hf_url(arxiv_id)
    paper.absolute_url = f"{address}/{paper.url}"
    paper.bibtex = bibtex_entry(paper)
    paper.abstract_text = abstract_text(paper._content)
    paper.citation_date = (paper.metadata.get("published") or paper.date.date()).strftime(
        "%Y/%m/%d"
    )
    paper.json_ld = script_json(json_ld(paper))
    paper.correction_url = None
    if repo_url:
        path = PurePath(os.path.relpath(paper.source_path, root)).as_posix()
        paper.correction_url = f"{repo_url.rstrip('/')}/edit/{branch}/{path}"


def add_defaults(pelican) -> None:
    """Fill in this plugin's settings that the site's settings leave out."""
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def describe_read_paper(paper) -> None:
    """Give a paper its citation data when it is read (so Pelican's content cache keeps it)."""
    if not isinstance(paper, Article) or "arxiv_id" not in paper.metadata:
        return
    settings = paper.settings
    # Paths on the forge are relative to the folder holding the content folder (the repo).
    root = os.path.dirname(os.path.abspath(settings["PATH"]))
    address = site_address(settings)
    describe_paper(paper, address, settings["REPO_URL"], settings["REPO_BRANCH"], root)


def write_bibtex_files(generator, writer) -> None:
    """Write each listed paper's BibTeX entry beside its page."""
    for paper in chain(generator.articles, generator.hidden_articles):
        if hasattr(paper, "bibtex"):
            path = posixpath.join(posixpath.dirname(paper.save_as), f"{paper.slug}.bib")
            write_data(writer, path, partial(str, paper.bibtex), depends_on=[paper])


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(add_defaults)
    signals.content_object_init.connect(describe_read_paper)
    signals.article_writer_finalized.connect(write_bibtex_files)
