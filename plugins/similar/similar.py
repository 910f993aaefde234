"""Similar papers on each paper page, and `similar.json` for other tools.

At `article_generator_finalized` (after the taxonomy and archives plugins: a similar paper is
shown with its listing day) the listed papers go to `paperfeed.similar.compute`, which keeps
its cache in CACHE_PATH (SIMILAR_CACHE_FILE). Each listed paper gets `similar_papers`, a list
of plain dicts (declared in paper_attributes), best first:

    {"file_id": ..., "arxiv_id": ..., "url": ..., "title_html": ..., "title": ...,
     "first_author": ..., "more_authors": ..., "day_key": ..., "day_label": ..., "score": ...}

Plain data, so the page_writer plugin's key for the paper page covers it: the page is
rendered again exactly when its list, or the title, first author or day of a paper on it,
changes. A hidden paper or a draft gets an empty list and is on no list.

At `article_writer_finalized` it writes SIMILAR_JSON (None: not written): every listed
paper's list by file id, with the papers' addresses and scores (docs/site.md).
"""

import json
import logging
import time
from itertools import chain
from pathlib import Path
from typing import Any

from page_writer import write_data
from paper_attributes import PaperArticle
from pelican import signals

from paperfeed import similar

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    # Papers on each list (0: no lists, no section).
    "SIMILAR_PAPERS_COUNT": 6,
    # The heaviest terms each paper keeps (paperfeed/similar.py).
    "SIMILAR_TERMS_PER_PAPER": 24,
    # How many times a title's words count, against once for the abstract's.
    "SIMILAR_TITLE_WEIGHT": 2,
    # A tag's weight against a word's with the same document frequency: a hint.
    "SIMILAR_TAG_WEIGHT": 0.5,
    # The cache of terms, vectors and lists, in CACHE_PATH.
    "SIMILAR_CACHE_FILE": "similar-papers.npz",
    # Every list as JSON, in the output folder; None: not written.
    "SIMILAR_JSON": "similar.json",
}
MAX_COUNT = 50


class SimilarSettingsError(ValueError):
    """A SIMILAR_* setting the plugin cannot use; the message names it."""


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def options_of(settings: dict[str, Any]) -> similar.Options:
    """The method's options from the SIMILAR_* settings; SimilarSettingsError when unusable."""
    count = settings["SIMILAR_PAPERS_COUNT"]
    if not _whole(count) or not 0 <= count <= MAX_COUNT:
        raise SimilarSettingsError(
            f"SIMILAR_PAPERS_COUNT must be a whole number from 0 to {MAX_COUNT}, not {count!r}"
        )
    terms = settings["SIMILAR_TERMS_PER_PAPER"]
    if not _whole(terms) or terms < 1:
        raise SimilarSettingsError(f"SIMILAR_TERMS_PER_PAPER must be 1 or more, not {terms!r}")
    title_weight = settings["SIMILAR_TITLE_WEIGHT"]
    if not _whole(title_weight) or title_weight < 1:
        raise SimilarSettingsError(
            f"SIMILAR_TITLE_WEIGHT must be a whole number, 1 or more, not {title_weight!r}"
        )
    tag_weight = settings["SIMILAR_TAG_WEIGHT"]
    if isinstance(tag_weight, bool) or not isinstance(tag_weight, int | float) or tag_weight < 0:
        raise SimilarSettingsError(f"SIMILAR_TAG_WEIGHT must be 0 or more, not {tag_weight!r}")
    return similar.Options(count, terms, title_weight, float(tag_weight))


def add_defaults(pelican) -> None:
    """Fill in this plugin's settings that the site's settings leave out; check them."""
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    try:
        options_of(pelican.settings)
    except SimilarSettingsError as err:
        raise SystemExit(
            f"Stopped: {err} (set it in pelicanconf.py); nothing was written."
        ) from None


def document(paper: PaperArticle) -> similar.Document:
    """What a paper's similarity is computed from: its title, abstract and tags as text."""
    return similar.Document(
        key=paper.slug,
        title=getattr(paper, "title_text", paper.title),
        abstract=paper.abstract_text,
        tags=tuple(paper.metadata.get("paper_tags") or ()),
    )


def shown(paper: PaperArticle, score: float) -> dict[str, Any]:
    """A similar paper as its entry on another paper's page shows it."""
    authors = paper.metadata.get("paper_authors") or []
    day = getattr(paper, "listing_day", None)
    return {
        "file_id": paper.slug,
        "arxiv_id": paper.metadata["arxiv_id"],
        "url": paper.url,
        "title_html": getattr(paper, "title_html", paper.title),
        "title": getattr(paper, "title_text", paper.title),
        "first_author": authors[0] if authors else "",
        "more_authors": len(authors) > 1,
        "day_key": day.key if day else paper.date.date().isoformat(),
        "day_label": day.label if day else paper.locale_date,
        "score": score,
    }


def cache_file(settings: dict[str, Any]) -> Path | None:
    """Where the computation keeps its cache; None when the build keeps none."""
    if not settings.get("CACHE_CONTENT"):
        return None
    return Path(settings["CACHE_PATH"]) / settings["SIMILAR_CACHE_FILE"]


def find_similar_papers(generator) -> None:
    """Give every paper `similar_papers` (see the module docstring)."""
    settings = generator.settings
    options = options_of(settings)
    papers = list(generator.articles)
    for paper in chain(papers, generator.hidden_articles, generator.drafts):
        paper.similar_papers = []
    if options.count == 0 or not papers:
        return
    cache = cache_file(settings)
    if cache is not None and not settings.get("LOAD_CONTENT_CACHE", True):
        cache.unlink(missing_ok=True)
    started = time.perf_counter()
    run = similar.compute((document(paper) for paper in papers), options, cache)
    for note in run.notes:
        logger.info("similar: %s", note)
    by_slug = {paper.slug: paper for paper in papers}
    for paper in papers:
        paper.similar_papers = [
            shown(by_slug[item.key], item.score) for item in run.lists[paper.slug]
        ]
    logger.info(
        "similar: %d papers, %d tokenized, %d vectors changed, %d lists computed in %.2f s",
        run.papers,
        run.tokenized,
        run.changed,
        run.recomputed,
        time.perf_counter() - started,
    )


def similar_index(papers: list[PaperArticle]) -> dict[str, Any]:
    """The lists of `papers` as similar.json holds them."""
    return {
        "about": "Each paper's similar papers, best first: TF-IDF and cosine similarity over "
        "title, abstract and tags (docs/site.md)",
        "papers": {
            paper.slug: [
                {key: entry[key] for key in ("file_id", "arxiv_id", "url", "score")}
                for entry in paper.similar_papers
            ]
            for paper in sorted(papers, key=lambda paper: paper.slug)
        },
    }


def write_index(generator, writer) -> None:
    """Write SIMILAR_JSON: every listed paper's list (only when a list changed)."""
    path = generator.settings["SIMILAR_JSON"]
    if not path or generator.settings["SIMILAR_PAPERS_COUNT"] == 0:
        return
    index = similar_index(list(generator.articles))

    def make() -> str:
        return json.dumps(index, ensure_ascii=False, separators=(",", ":")) + "\n"

    write_data(writer, path, make, depends_on=[index])


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(add_defaults)
    signals.article_generator_finalized.connect(find_similar_papers)
    signals.article_writer_finalized.connect(write_index)
