"""Curated topics (`content/topics.yaml`) and the tags they give a paper."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from paperfile import PaperFileError, read_yaml

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# arXiv archives, current and retired: a tag `archive` or `archive.SUBJECT` is an arXiv
# category, anything else a topic.
ARCHIVES = frozenset(
    {
        *("acc-phys", "adap-org", "alg-geom", "ao-sci", "astro-ph", "atom-ph", "bayes-an"),
        *("chao-dyn", "chem-ph", "cmp-lg", "comp-gas", "cond-mat", "cs", "dg-ga", "econ"),
        *("eess", "funct-an", "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th", "math"),
        *("math-ph", "mtrl-th", "nlin", "nucl-ex", "nucl-th", "patt-sol", "physics"),
        *("plasm-ph", "q-alg", "q-bio", "q-fin", "quant-ph", "solv-int", "stat", "supr-con"),
    }
)


class TopicsError(Exception):
    """A topics file that cannot be used; the message names the file, topic and field."""


@dataclass(frozen=True)
class Topic:
    """One curated topic: its tag `name`, URL `slug`, `description` and selecting phrases."""

    name: str
    slug: str
    description: str
    phrases: tuple[str, ...]
    pattern: re.Pattern[str]


def is_category(tag: str) -> bool:
    """Whether a tag is an arXiv category (`cs.CL`, `hep-th`) rather than a topic."""
    return tag.split(".", 1)[0] in ARCHIVES


def load_topics(path: Path) -> list[Topic]:
    """The topics of a topics file; TopicsError names what is wrong in it."""
    try:
        data = read_yaml(path)
    except PaperFileError as error:
        raise TopicsError(str(error)) from None
    if data is None:
        raise TopicsError(f"{path}: missing (the topics rules file; see README 'Configuration')")
    if not isinstance(data, list):
        raise TopicsError(f"{path}: must be a YAML list of topics")
    topics: list[Topic] = []
    for number, item in enumerate(data, 1):
        topic = _topic(item, f"{path}: topic {number}")
        for other in topics:
            if topic.name.casefold() == other.name.casefold() or topic.slug == other.slug:
                raise TopicsError(
                    f"{path}: topic {number} ({topic.name}) repeats the name or slug of "
                    f"{other.name!r}: one spelling per tag"
                )
        topics.append(topic)
    return topics


def _topic(item: object, where: str) -> Topic:
    if not isinstance(item, dict):
        raise TopicsError(f"{where}: must be a mapping with name, slug, description, phrases")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip() or name != name.strip():
        raise TopicsError(f"{where}: 'name' must be a non-empty text without outer spaces")
    where = f"{where} ({name})"
    if is_category(name):
        raise TopicsError(f"{where}: 'name' reads as an arXiv category; choose another")
    slug = item.get("slug")
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
        raise TopicsError(f"{where}: 'slug' must be lower-case words joined by '-'")
    description = item.get("description")
    if not isinstance(description, str) or not description.strip():
        raise TopicsError(f"{where}: 'description' must be a non-empty text")
    phrases = item.get("phrases")
    if (
        not isinstance(phrases, list)
        or not phrases
        or not all(isinstance(phrase, str) and phrase.split() for phrase in phrases)
    ):
        raise TopicsError(f"{where}: 'phrases' must be a non-empty list of texts")
    unknown = sorted(set(item) - {"name", "slug", "description", "phrases"})
    if unknown:
        raise TopicsError(f"{where}: unknown key {unknown[0]!r}")
    return Topic(name, slug, description.strip(), tuple(phrases), _pattern(phrases))


def _pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """One regex for all phrases of a topic: whole words only, any case, a space and a hyphen
    alike between words, an optional plural `s`/`es` at the end."""
    words = (re.split(r"[\s-]+", phrase.strip()) for phrase in phrases)
    alternatives = sorted(
        (r"[\s-]+".join(map(re.escape, phrase)) for phrase in words), key=len, reverse=True
    )
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?:e?s)?(?!\w)", re.IGNORECASE)


def match_topics(topics: Iterable[Topic], texts: Iterable[str]) -> list[str]:
    """The names of the topics any of the texts mentions, sorted."""
    text = "\n".join(texts)
    return sorted(topic.name for topic in topics if topic.pattern.search(text))
