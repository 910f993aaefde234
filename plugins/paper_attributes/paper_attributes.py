"""The data the plugins hand each other, declared once: what each paper's Article carries
besides Pelican's own attributes, and what the plugins add to the template context.

Pelican makes one Article per paper file and passes it, with one template context, to every
plugin and template. The plugins add to both. Each addition is declared here with its type,
the plugin that sets it, the Pelican signal at which it is set, and who reads it:

- `PaperArticle` is the type of a paper's Article once the plugins have run: Pelican's
  Article with the attributes below. The plugins' handlers take a `PaperArticle`.
- The paper reader's metadata is the paper model's: every field of `paperfeed.schema.Paper`
  under its own name (`metadata_key`), but `authors` and `tags` as `paper_authors` and
  `paper_tags` (Pelican groups its own `authors` and `tags` in time quadratic in the papers),
  and `slug`, the file id. Pelican makes each an attribute. A file's custom keys are not
  handed on: as attributes they could stand for Pelican's own (`override_save_as`).
- `PaperContext` is the template context's keys that the plugins add; a plugin adds its keys
  as a `PaperContext`.

Two of Pelican's own attributes are changed, not added: the mathml plugin puts MathML into a
paper's `content` and sets its `summary` (through `metadata["summary"]`), at
content_object_init, before the plugins listed after it read them.

test_paper_attributes.py builds a site with every plugin and checks that a paper's Article
carries exactly these attributes (beyond Pelican's own and the reader's metadata) and the
context exactly these keys, so an attribute cannot be handed on undeclared.

The plugin connects nothing: it is loaded first so that the others can import it.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, TypedDict

from markupsafe import Markup
from pelican.contents import Article

if TYPE_CHECKING:
    from archives.archives import Period
    from taxonomy.taxonomy import Term


@dataclass(frozen=True)
class Handoff:
    """Who sets an attribute or context key, when, for whom, and what it holds."""

    set_by: str  # the plugin
    signal: str  # the Pelican signal (or step) at which it is set
    read_by: tuple[str, ...]  # plugins, and "theme" for the templates
    meaning: str


RENAMED_FIELDS = {"authors": "paper_authors", "tags": "paper_tags"}
"""Fields of a paper file that the reader's metadata holds under another name."""


def metadata_key(field: str) -> str:
    """The key of the Pelican metadata (and so the Article attribute) holding a paper field."""
    return RENAMED_FIELDS.get(field, field)


class PaperArticle(Article):
    """The Article of a paper file once the plugins have run (a type: never made as such)."""

    paper_authors: Annotated[
        list[str],
        Handoff(
            "paper_reader",
            "reading the file (metadata)",
            ("taxonomy", "paper_meta", "similar", "feeds", "theme"),
            "the paper's `authors`, in order",
        ),
    ]
    paper_tags: Annotated[
        list[str],
        Handoff(
            "paper_reader",
            "reading the file (metadata)",
            ("taxonomy", "paper_meta", "similar", "feeds", "theme"),
            "the paper's `tags`: arXiv categories, then topic names",
        ),
    ]
    override_url: Annotated[
        str,
        Handoff(
            "paper_reader",
            "article_generator_pretaxonomy",
            ("pelican",),
            "the page URL, worked out once (Pelican's `url` returns it)",
        ),
    ]
    title_html: Annotated[
        Markup,
        Handoff(
            "mathml",
            "content_object_init",
            ("theme",),
            "the title as HTML, its TeX as MathML",
        ),
    ]
    title_text: Annotated[
        str,
        Handoff(
            "mathml",
            "content_object_init",
            ("paper_meta", "similar", "theme"),
            "the title as plain text, its TeX as Unicode",
        ),
    ]
    feed_content: Annotated[
        str,
        Handoff(
            "mathml",
            "content_object_init",
            ("feeds",),
            "the abstract as HTML, each formula as Unicode text (paperfeed.render)",
        ),
    ]
    author_slugs: Annotated[
        dict[str, str],
        Handoff(
            "taxonomy",
            "content_object_init",
            ("taxonomy",),
            "each author name's slug before the distinct-slug rule, kept in the content cache",
        ),
    ]
    tag_terms: Annotated[
        "list[Term]",
        Handoff(
            "taxonomy",
            "article_generator_finalized",
            ("page_writer", "theme"),
            "the paper's tags as Terms (name, slug, page, papers), in file order",
        ),
    ]
    author_terms: Annotated[
        "list[Term]",
        Handoff(
            "taxonomy",
            "article_generator_finalized",
            ("page_writer", "theme"),
            "the paper's authors as Terms, in file order",
        ),
    ]
    listing_day: Annotated[
        "Period | None",
        Handoff(
            "archives",
            "article_generator_finalized",
            ("page_writer", "similar", "theme"),
            "the day Period the paper is listed under; None for a hidden paper or a draft",
        ),
    ]
    similar_papers: Annotated[
        "list[dict[str, Any]]",
        Handoff(
            "similar",
            "article_generator_finalized",
            ("page_writer", "theme"),
            "up to SIMILAR_PAPERS_COUNT similar papers, best first, each a dict of plain data "
            "(file_id, arxiv_id, url, title_html, title, first_author, more_authors, day_key, "
            "day_label, score); empty for a hidden paper or a draft",
        ),
    ]
    absolute_url: Annotated[
        str,
        Handoff(
            "paper_meta",
            "content_object_init",
            ("paper_meta", "theme"),
            "the page's address on the hosted site (canonical link, OpenGraph, JSON-LD)",
        ),
    ]
    bibtex: Annotated[
        str,
        Handoff(
            "paper_meta",
            "content_object_init",
            ("paper_meta", "theme"),
            "the BibTeX entry (also written as papers/<fileid>/<fileid>.bib)",
        ),
    ]
    abstract_text: Annotated[
        str,
        Handoff(
            "paper_meta",
            "content_object_init",
            ("similar", "theme"),
            "the abstract as plain text, formulas as Unicode",
        ),
    ]
    citation_date: Annotated[
        str,
        Handoff(
            "paper_meta",
            "content_object_init",
            ("theme",),
            "the Highwire Press date (YYYY/MM/DD) of the first version",
        ),
    ]
    json_ld: Annotated[
        Markup,
        Handoff(
            "paper_meta",
            "content_object_init",
            ("theme",),
            "schema.org ScholarlyArticle JSON-LD, safe inside a <script> element",
        ),
    ]
    arxiv_abs_url: Annotated[
        str,
        Handoff(
            "paper_meta",
            "content_object_init",
            ("theme",),
            "the paper's abstract page on arXiv (paperfeed.ids.abs_url)",
        ),
    ]
    arxiv_pdf_url: Annotated[
        str,
        Handoff(
            "paper_meta",
            "content_object_init",
            ("theme",),
            "the paper's PDF on arXiv (paperfeed.ids.pdf_url)",
        ),
    ]
    hf_url: Annotated[
        str | None,
        Handoff(
            "paper_meta",
            "content_object_init",
            ("theme",),
            "the paper's page on Hugging Face Papers; None for an old-style id",
        ),
    ]
    correction_url: Annotated[
        str | None,
        Handoff(
            "paper_meta",
            "content_object_init",
            ("theme",),
            "where to edit the paper file on the forge; None without REPO_URL",
        ),
    ]


class PaperContext(TypedDict, total=False):
    """The template context's keys that the plugins add (to Pelican's and the settings)."""

    tag_terms: Annotated[
        "list[Term]",
        Handoff(
            "taxonomy",
            "article_generator_finalized",
            ("taxonomy", "feeds", "site_files", "theme"),
            "every tag as a Term, sorted by name; those with papers have a page",
        ),
    ]
    author_terms: Annotated[
        "list[Term]",
        Handoff(
            "taxonomy",
            "article_generator_finalized",
            ("taxonomy", "feeds", "site_files"),
            "every author as a Term, sorted by name; TAXONOMY_AUTHOR_MIN_PAPERS give a page",
        ),
    ]
    archive_days: Annotated[
        "list[Period]",
        Handoff(
            "archives",
            "article_generator_finalized",
            ("archives", "feeds", "site_files"),
            "every listing day, newest first",
        ),
    ]
    archive_weeks: Annotated[
        "list[Period]",
        Handoff(
            "archives",
            "article_generator_finalized",
            ("archives", "site_files", "theme"),
            "every ISO week with listings, newest first",
        ),
    ]
    archive_months: Annotated[
        "list[Period]",
        Handoff(
            "archives",
            "article_generator_finalized",
            ("archives", "site_files", "theme"),
            "every month with listings, newest first",
        ),
    ]
    newest_day: Annotated[
        "Period | None",
        Handoff(
            "archives",
            "article_generator_finalized",
            ("archives",),
            "the newest listing day (the home page's), None without papers",
        ),
    ]


def _handoffs(declaration: type) -> dict[str, Handoff]:
    return {name: hint.__metadata__[0] for name, hint in declaration.__annotations__.items()}


ARTICLE_ATTRIBUTES: dict[str, Handoff] = _handoffs(PaperArticle)
"""Each attribute a paper's Article carries besides Pelican's own and the model's fields."""
CONTEXT_KEYS: dict[str, Handoff] = _handoffs(PaperContext)
"""Each key the plugins add to the template context."""


def register() -> None:
    """Nothing to connect: the plugin is loaded so the other plugins can import it."""
