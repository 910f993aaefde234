"""Tag and author pages for papers, built in one pass over the papers.

Pelican groups articles by its own `tags` and `authors` with a quadratic loop; papers keep
theirs under `paper_tags` and `paper_authors` (see the paper_reader plugin) and this plugin
groups them instead, in time linear in the number of papers. It gives every listed paper
`tag_terms` and `author_terms` (lists of Term, in the file's order), puts the sorted
`tag_terms` and `author_terms` in the template context, and writes the pages `tag/<slug>/`,
`author/<slug>/` and the tag index `tag/`. A term's `href` is where its name links: its
page, or for an author without one a search for the name (`search/?q=<name>`).

Every distinct name is its own term with its own slug: where names give the same slug
(`王伟` and `汪伟` both give `wang-wei`), one keeps it and the others get `wang-wei-<digest>`,
the same whatever order the papers are read in (TermIndex._give_distinct_slugs).

Topic tags take their slug and description from the topics file (a YAML list of
{name, slug, description, phrases}); a missing topics file is fine.
"""

import hashlib
import logging
import os
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, count
from pathlib import Path
from typing import Any

import yaml
from jinja2.utils import url_quote
from pelican import signals
from pelican.utils import slugify

logger = logging.getLogger(__name__)

DEFAULTS = {
    # The topics file; None means `topics.yaml` in the content folder (PATH).
    "TAXONOMY_TOPICS_FILE": None,
    # Authors with fewer listed papers get no page (their name is shown without a link).
    "TAXONOMY_AUTHOR_MIN_PAPERS": 1,
    "TAGS_URL": "tag/",
    "TAGS_SAVE_AS": "tag/index.html",
    # Authors without a page link to a search for their name there.
    "SEARCH_URL": "search/",
    # Stop the build when an input file is broken; the live preview turns this off.
    "STOP_ON_INPUT_ERROR": True,
}

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TopicsFileError(ValueError):
    """A topics file that cannot be used; the message is one line saying what to fix."""


@dataclass(frozen=True)
class Topic:
    """A curated topic from the topics file."""

    name: str
    slug: str
    description: str


@dataclass(eq=False)
class Term:
    """One tag or author: its name, slug, page address and papers (in listing order).

    `url` and `save_as` are None when the term has no page of its own; `href` is where its
    name links (its page, a search for it, or None for no link).
    """

    name: str
    slug: str
    description: str = ""
    url: str | None = None
    save_as: str | None = None
    href: str | None = None
    papers: list = field(default_factory=list)

    def __str__(self) -> str:
        return self.name

    def fingerprint(self) -> tuple:
        """What a page can show of this term (the page_writer plugin's key for it).

        Its papers count by their slugs: a page lists papers of its own (its `articles_page`),
        so a corrected title changes the pages that list the paper, not every page of the term.
        """
        papers = [paper.slug for paper in self.papers]
        return (self.name, self.slug, self.description, self.url, self.href, papers)


def tag_slug(name: str, settings: dict[str, Any]) -> str:
    """Slug of a tag with the site's TAG_REGEX_SUBSTITUTIONS (`cs.CL` -> `cs.cl`)."""
    return _term_slug("TAG", name, settings)


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


def load_topics(path: Path, settings: dict[str, Any]) -> dict[str, Topic]:
    """Read the topics file into {topic name: Topic}; a missing file gives no topics."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    shown = os.path.relpath(path, Path(settings["PATH"]).parent)
    try:
        entries = yaml.load(text, Loader=YAML_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        problem = getattr(err, "problem", None) or err
        raise TopicsFileError(f"{shown}: not valid YAML ({where}{problem})") from None
    if not isinstance(entries, list):
        raise TopicsFileError(f"{shown}: must be a YAML list of topics")
    topics = {}
    for number, entry in enumerate(entries, start=1):
        topic = _topic(entry, settings)
        if isinstance(topic, str):
            raise TopicsFileError(f"{shown}: topic {number}: {topic}")
        topics[topic.name] = topic
    return topics


def _topic(entry: Any, settings: dict[str, Any]) -> Topic | str:
    """Return the Topic of one topics-file entry, or what is wrong with it."""
    if not isinstance(entry, dict):
        return "must be a mapping with name, slug, description and phrases"
    name, slug, description = (entry.get(key) for key in ("name", "slug", "description"))
    if not isinstance(name, str) or not name.strip():
        return "'name' must be a non-empty string"
    if slug is None:
        slug = tag_slug(name, settings)
    if not isinstance(slug, str) or not slug or tag_slug(slug, settings) != slug:
        return f"'slug' {slug!r} must be lower case letters, digits, '.' and '-'"
    if description is not None and not isinstance(description, str):
        return "'description' must be a string"
    return Topic(name=name, slug=slug, description=(description or "").strip())


class TermIndex:
    """Terms of one kind ("TAG" or "AUTHOR"), one per name, found by name in O(1).

    Distinct names can give the same slug (`王伟` and `汪伟`, `C` and `C++`); `with_pages`
    gives each its own (see `_give_distinct_slugs`).
    """

    def __init__(self, kind: str, settings: dict[str, Any], topics: dict[str, Topic]):
        self._kind = kind
        self._settings = settings
        self._topics = topics
        self._by_name: dict[str, Term] = {}

    def term(self, name: str, slug: str | None = None) -> Term:
        """The term for `name` (whose slug, if known, is `slug`)."""
        found = self._by_name.get(name)
        if found is None:
            topic = self._topics.get(name)
            if topic:
                slug = topic.slug
            elif slug is None:
                slug = _term_slug(self._kind, name, self._settings)
            found = Term(name=name, slug=slug, description=topic.description if topic else "")
            self._by_name[name] = found
        return found

    def _claim(self, term: Term) -> tuple[bool, bool, str]:
        """Sort key of the terms sharing a slug: the first keeps it.

        A topic (its slug is declared), then a name the slug spells (lower case, `-` for
        spaces: `Jose Garcia`, not `José García`; `C`, not `C++`), then by code point.
        """
        declared = term.name in self._topics
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


def topics_path(settings: dict[str, Any]) -> Path:
    """Where the topics file is: TAXONOMY_TOPICS_FILE, or topics.yaml in the content folder."""
    return Path(settings["TAXONOMY_TOPICS_FILE"] or os.path.join(settings["PATH"], "topics.yaml"))


def add_defaults(pelican) -> None:
    """Fill in this plugin's settings that the site's settings leave out."""
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def collect_terms(generator) -> None:
    """Group the listed papers by tag and author; link every paper to its terms."""
    settings = generator.settings
    try:
        topics = load_topics(topics_path(settings), settings)
    except TopicsFileError as err:
        if settings["STOP_ON_INPUT_ERROR"]:
            raise SystemExit(f"Stopped: {err}; nothing was written.") from None
        logger.error("%s; topics ignored", err)
        topics = {}
    tags = TermIndex("TAG", settings, topics)
    authors = TermIndex("AUTHOR", settings, {})
    for paper in generator.articles:
        _link_terms(paper, tags, authors)
        for term in chain(paper.tag_terms, paper.author_terms):
            # A name can repeat in one paper (large author lists do that); list it once.
            if not term.papers or term.papers[-1] is not paper:
                term.papers.append(paper)
    # Unlisted papers still get their own page, with links to the terms that have pages.
    for paper in chain(generator.hidden_articles, generator.drafts):
        _link_terms(paper, tags, authors)
    generator.context["tag_terms"] = tags.with_pages(min_papers=1)
    generator.context["author_terms"] = authors.with_pages(
        min_papers=settings["TAXONOMY_AUTHOR_MIN_PAPERS"], search_url=settings["SEARCH_URL"]
    )


def _link_terms(paper, tags: TermIndex, authors: TermIndex) -> None:
    slugs = getattr(paper, "term_slugs", {})
    paper.tag_terms = [tags.term(name, slugs.get(("TAG", name))) for name in paper.paper_tags]
    paper.author_terms = [
        authors.term(name, slugs.get(("AUTHOR", name))) for name in paper.paper_authors
    ]


def remember_slugs(paper) -> None:
    """Work out the slugs of a paper's tags and authors when it is read.

    Pelican's slugify is slow and a site has tens of thousands of names; done here, the
    slugs are kept with the paper in Pelican's content cache, so a rebuild does not redo them.
    """
    if "paper_authors" not in paper.metadata:
        return
    settings = paper.settings
    paper.term_slugs = {
        (kind, name): _term_slug(kind, name, settings)
        for kind, names in (("TAG", paper.paper_tags), ("AUTHOR", paper.paper_authors))
        for name in names
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
