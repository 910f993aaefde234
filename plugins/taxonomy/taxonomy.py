"""Tag and author pages for papers, built in one pass over the papers.

Pelican groups articles by its own `tags` and `authors` with a quadratic loop; papers keep
theirs under `paper_tags` and `paper_authors` (see the paper_reader plugin) and this plugin
groups them instead, in time linear in the number of papers. It gives every paper
`tag_terms` and `author_terms` (lists of Term, in the file's order), puts the sorted
`tag_terms` and `author_terms` in the template context (see paper_attributes), and writes
the pages `tag/<slug>/`, `author/<slug>/` and the tag index `tag/`. A term's `href` is where
its name links: its page, or for an author without one a search for the name
(`search/?q=<name>`).

A tag's slug, description and display name are the paper model's (paperfeed.tags): an arXiv
category's page is its code in lower case (`tag/cs.cl/`) and its display name "Machine
Learning (cs.LG)"; a topic's page is the `slug` the topics file gives it, with its
`description` and `label` (the same topics file the paper reader checks tags against). A tag
term's `group` says which it is ("category" or "topic"), for the tag index.

Every distinct author name is its own term with its own slug: where names give the same slug
(`王伟` and `汪伟` both give `wang-wei`), one keeps it and the others get `wang-wei-<digest>`,
the same whatever order the papers are read in (TermIndex._give_distinct_slugs).
"""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, count
from typing import Any, NamedTuple

from jinja2.utils import url_quote
from paper_attributes import PaperArticle, PaperContext
from paper_reader.paper_reader import topics_path
from pelican import signals
from pelican.utils import slugify

from paperfeed.tags import read_vocabulary, tag_slug

DEFAULTS = {
    # Authors with fewer listed papers get no page (their name is shown without a link).
    "TAXONOMY_AUTHOR_MIN_PAPERS": 1,
    "TAGS_URL": "tag/",
    "TAGS_SAVE_AS": "tag/index.html",
    # Authors without a page link to a search for their name there.
    "SEARCH_URL": "search/",
}


@dataclass(eq=False)
class Term:
    """One tag or author: its name, slug, page address and papers (in listing order).

    `url` and `save_as` are None when the term has no page of its own; `href` is where its
    name links (its page, a search for it, or None for no link). `display_name` is the name
    pages show (a category's name with its code; a topic's label); `group` is a tag's kind,
    "category" or "topic" ("" for an author).
    """

    name: str
    slug: str
    description: str = ""
    display_name: str = ""
    group: str = ""
    url: str | None = None
    save_as: str | None = None
    href: str | None = None
    papers: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self.display_name = self.display_name or self.name

    def __str__(self) -> str:
        return self.name

    @property
    def count(self) -> int:
        """The number of its listed papers."""
        return len(self.papers)

    def fingerprint(self) -> tuple:
        """What a page can show of this term (the page_writer plugin's key for it).

        Its papers count by their slugs: a page lists papers of its own (its `articles_page`),
        so a corrected title changes the pages that list the paper, not every page of the term.
        """
        papers = [paper.slug for paper in self.papers]
        shown = (self.display_name, self.group)
        return (self.name, self.slug, self.description, *shown, self.url, self.href, papers)


def _term_slug(kind: str, name: str, settings: dict[str, Any]) -> str:
    """Slug of a term of `kind` ("TAG" or "AUTHOR") with that kind's REGEX_SUBSTITUTIONS."""
    substitutions = settings.get(
        f"{kind}_REGEX_SUBSTITUTIONS", settings["SLUG_REGEX_SUBSTITUTIONS"]
    )
    return slugify(
        name,
        regex_subs=substitutions,
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


class DeclaredTag(NamedTuple):
    """What the paper model says of a tag: its page slug, description, display name, group."""

    slug: str
    description: str
    display_name: str
    group: str


class TermIndex:
    """Terms of one kind ("TAG" or "AUTHOR"), one per name, found by name in O(1).

    `declared` gives the slug, description, display name and group of the names whose slug is
    not worked out here (tags: the paper model's). Distinct names can give the same slug
    (`王伟` and `汪伟`, `C` and `C++`); `with_pages` gives each its own (see
    `_give_distinct_slugs`).
    """

    def __init__(
        self,
        kind: str,
        settings: dict[str, Any],
        declared: Mapping[str, DeclaredTag] | None = None,
    ):
        self._kind = kind
        self._settings = settings
        self._declared = declared or {}
        self._by_name: dict[str, Term] = {}

    def term(self, name: str, slug: str | None = None) -> Term:
        """The term for `name` (whose slug, if known, is `slug`)."""
        found = self._by_name.get(name)
        if found is None:
            declared = self._declared.get(name)
            if declared is not None:
                found = Term(name, *declared)
            else:
                found = Term(
                    name, slug if slug is not None else _term_slug(self._kind, name, self._settings)
                )
            self._by_name[name] = found
        return found

    def _claim(self, term: Term) -> tuple[bool, bool, str]:
        """Sort key of the terms sharing a slug: the first keeps it.

        A declared name, then a name the slug spells (lower case, `-` for spaces: `Jose
        Garcia`, not `José García`; `C`, not `C++`), then by code point.
        """
        declared = term.name in self._declared
        spelled = term.name.lower().replace(" ", "-") == term.slug
        return (not declared, not spelled, term.name)

    def _give_distinct_slugs(self) -> None:
        """Give every term a slug of its own, whatever order the papers were read in.

        Of the terms sharing a slug, the first by `_claim` keeps it (so a page's address
        changes only when a name with the same slug appears); the others, and names whose
        slug is empty (`!!!`), get one ending in a digest of their name.
        """
        sharing: dict[str, list[Term]] = {}
        for term in self._by_name.values():
            sharing.setdefault(term.slug, []).append(term)
        taken = {slug for slug in sharing if slug}
        for slug in sorted(sharing):
            terms = sorted(sharing[slug], key=self._claim)
            for term in terms[1:] if slug else terms:
                term.slug = _digest_slug(slug, term.name, taken)
                taken.add(term.slug)

    def with_pages(self, min_papers: int, search_url: str | None = None) -> list[Term]:
        """Give a page address to each term with enough papers; return all terms, sorted.

        A term without a page links to `search_url?q=<name>` when `search_url` is given.
        """
        self._give_distinct_slugs()
        url, save_as = self._settings[f"{self._kind}_URL"], self._settings[f"{self._kind}_SAVE_AS"]
        for term in self._by_name.values():
            if len(term.papers) >= min_papers:
                term.url = url.format(slug=term.slug, name=term.name)
                term.save_as = save_as.format(slug=term.slug, name=term.name)
                term.href = term.url
            elif search_url:
                term.href = f"{search_url}?q={url_quote(term.name)}"
        return sorted(self._by_name.values(), key=lambda term: (term.name.casefold(), term.slug))


def _digest_slug(slug: str, name: str, taken: set[str]) -> str:
    """`<slug>-<digest of name>` (the digest alone for an empty slug), not one in `taken`.

    Eight hex digits, more only when a name was made to look like another's digest slug.
    """
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()
    prefix = f"{slug}-" if slug else ""
    candidates = chain(
        (digest[:length] for length in (8, 16, 64)), (f"{digest}-{n}" for n in count(2))
    )
    return next(prefix + tail for tail in candidates if prefix + tail not in taken)


def declared_tags(settings: dict[str, Any]) -> dict[str, DeclaredTag]:
    """What the paper model says of every tag it knows: arXiv's categories (their code in
    lower case, no description) and the topics of the topics file.

    The topics file's problems are the paper reader's to report (it stops the build on them);
    a tag it could not check against the file, in the live preview, gets Pelican's slug of it.
    """
    vocabulary = read_vocabulary(topics_path(settings))
    declared = {
        category: DeclaredTag(tag_slug(category), "", vocabulary.display_name(category), "category")
        for category in vocabulary.categories
    }
    declared.update(
        (
            topic.name,
            DeclaredTag(
                topic.slug, topic.description, vocabulary.display_name(topic.name), "topic"
            ),
        )
        for topic in vocabulary.topics
    )
    return declared


def add_defaults(pelican) -> None:
    """Fill in this plugin's settings that the site's settings leave out."""
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def collect_terms(generator) -> None:
    """Group the listed papers by tag and author; link every paper to its terms."""
    settings = generator.settings
    tags = TermIndex("TAG", settings, declared_tags(settings))
    authors = TermIndex("AUTHOR", settings)
    for paper in generator.articles:
        _link_terms(paper, tags, authors)
        for term in chain(paper.tag_terms, paper.author_terms):
            # A name can repeat in one paper (large author lists do that); list it once.
            if not term.papers or term.papers[-1] is not paper:
                term.papers.append(paper)
    # Unlisted papers still get their own page, with links to the terms that have pages.
    for paper in chain(generator.hidden_articles, generator.drafts):
        _link_terms(paper, tags, authors)
    terms: PaperContext = {
        "tag_terms": tags.with_pages(min_papers=1),
        "author_terms": authors.with_pages(
            min_papers=settings["TAXONOMY_AUTHOR_MIN_PAPERS"], search_url=settings["SEARCH_URL"]
        ),
    }
    generator.context.update(terms)


def _link_terms(paper: PaperArticle, tags: TermIndex, authors: TermIndex) -> None:
    slugs = getattr(paper, "author_slugs", {})
    paper.tag_terms = [tags.term(name) for name in paper.paper_tags]
    paper.author_terms = [authors.term(name, slugs.get(name)) for name in paper.paper_authors]


def remember_slugs(paper: PaperArticle) -> None:
    """Work out the slugs of a paper's authors when it is read.

    Pelican's slugify is slow and a site has tens of thousands of names; done here, the
    slugs are kept with the paper in Pelican's content cache, so a rebuild does not redo them.
    """
    if "paper_authors" not in paper.metadata:
        return
    settings = paper.settings
    paper.author_slugs = {
        name: _term_slug("AUTHOR", name, settings) for name in paper.paper_authors
    }


def write_pages(generator, writer) -> None:
    """Write a page per tag and per author (paginated) and the tag index."""
    settings = generator.settings
    context = generator.context
    write = partial(writer.write_file, relative_urls=settings["RELATIVE_URLS"])
    for kind, template_name in (("tag_terms", "tag"), ("author_terms", "author")):
        template = generator.get_template(template_name)
        for term in context.get(kind, []):
            if term.save_as:
                write(
                    term.save_as,
                    template,
                    context,
                    url=term.url,
                    articles=term.papers,
                    template_name=template_name,
                    **{template_name: term},
                )
    write(
        settings["TAGS_SAVE_AS"],
        generator.get_template("tags"),
        context,
        url=settings["TAGS_URL"],
        template_name="tags",
    )


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(add_defaults)
    signals.content_object_init.connect(remember_slugs)
    signals.article_generator_finalized.connect(collect_terms)
    signals.article_writer_finalized.connect(write_pages)
