"""The tags a paper may carry: arXiv categories and curated topics (docs/paper-format.md).

A tag is an arXiv category, spelled as arXiv spells it (`cs.CL`; the taxonomy, with each
category's name, is this package's `data/arxiv_categories.yaml`), or the `name` of a topic of
the site's topics file (`content/topics.yaml`: a YAML list of `{name, slug, description,
phrases}`, each with an optional `label`). A category's tag page is its code in lower case
(`tag/cs.cl/`), a topic's its `slug`. The site shows a tag by its `display_name`: a category's
name with its code ("Machine Learning (cs.LG)"), a topic's `label` (its `name` without one).

`read_vocabulary` reads the topics file once and says every problem it has, with its line;
the check reports the problems, the fetch and the build refuse to start on them.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .ids import ARCHIVES
from .problems import Problem, closest, quoted
from .yamldoc import Loader, YamlDocument, YamlProblem, unshowable_message

CATEGORIES_FILE = Path(__file__).parent / "data" / "arxiv_categories.yaml"
TOPICS_FILE = "topics.yaml"
"""The topics file's name, in the content folder (beside the folder of paper files)."""
TOPIC_KEYS = ("name", "slug", "description", "phrases")
"""The keys every topic has."""
OPTIONAL_TOPIC_KEYS = ("label",)
"""The keys a topic may have: `label`, the name the site shows (`Efficient ML`)."""
# Topic slugs: lower-case words joined by `-` (a category's slug has its dot: no clash).
TOPIC_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def is_category(tag: str) -> bool:
    """Whether a tag reads as an arXiv category (`cs.CL`, `hep-th`) rather than a topic: its
    part before the first dot is an arXiv archive."""
    return tag.split(".", 1)[0] in ARCHIVES


@dataclass(frozen=True)
class Topic:
    """One curated topic: its tag `name`, page `slug`, `description`, selecting phrases and the
    `label` the site shows ("" for none: the site shows its `name`)."""

    name: str
    slug: str
    description: str
    phrases: tuple[str, ...]
    label: str = ""

    @property
    def pattern(self) -> re.Pattern[str]:
        """One regex for all its phrases (see `match_topics`)."""
        return _phrase_pattern(self.phrases)


@dataclass
class Vocabulary:
    """Every tag a paper may carry, with the files that define them and their problems."""

    categories: dict[str, str] = field(default_factory=dict)  # code -> name
    topics: list[Topic] = field(default_factory=list)
    topics_shown: str = TOPICS_FILE
    topics_state: str = "ok"  # "ok", "missing" (no file), "unreadable" (problems reported)
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._topics_by_name = {topic.name: topic for topic in self.topics}
        known = [*self.categories, *self._topics_by_name]
        self._by_casefold = {tag.casefold(): tag for tag in known}

    def knows(self, tag: str) -> bool:
        """True when `tag` is an arXiv category or a topic name, spelled exactly so."""
        return tag in self.categories or tag in self._topics_by_name

    def spelling_of(self, tag: str) -> str | None:
        """The known tag that differs from `tag` only in letter case, if any."""
        return self._by_casefold.get(tag.casefold())

    def topic(self, name: str) -> Topic | None:
        """The topic called `name`, if any."""
        return self._topics_by_name.get(name)

    def display_name(self, tag: str) -> str:
        """The name the site shows for `tag`: a category's name with its code ("Machine
        Learning (cs.LG)"), a topic's label (its name without one), an unknown tag as it is."""
        if tag in self.categories:
            return f"{self.categories[tag]} ({tag})"
        topic = self._topics_by_name.get(tag)
        return (topic.label or topic.name) if topic else tag

    def unknown_tag(self, tag: str) -> str | None:
        """Why `tag` is refused (None when it is known, or when the topics are unreadable)."""
        if self.knows(tag):
            return None
        spelling = self.spelling_of(tag)
        if spelling:
            return (
                f"unknown tag {quoted(tag)}; did you mean {quoted(spelling)}? "
                "(tags are case-sensitive)"
            )
        if self.topics_state == "unreadable":
            return None  # the topics file's own problems are reported; its topics are unknown
        if self.topics_state == "missing":
            return (
                f"unknown tag {quoted(tag)}: it is not an arXiv category and there is no "
                f"topics file {self.topics_shown} to define it as a topic; "
                "create that file with the topic, or remove the tag"
            )
        return (
            f"unknown tag {quoted(tag)}; use an arXiv category (https://arxiv.org/category_taxonomy,"
            f" spelled as there) or the name of a topic in {self.topics_shown}, "
            "or add the topic there"
        )


def tag_slug(tag: str) -> str:
    """The page slug of an arXiv category: its code in lower case (`cs.CL` -> `cs.cl`)."""
    return tag.lower()


def match_topics(topics: Iterable[Topic], texts: Iterable[str]) -> list[str]:
    """The names of the topics any of the texts mentions, sorted.

    A phrase matches whole words in any case, a space and a hyphen alike between words, with
    an optional plural `s`/`es`: `SLAM` does not match `WaterSLAM`.
    """
    text = "\n".join(texts)
    return sorted(topic.name for topic in topics if topic.pattern.search(text))


@functools.cache
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    words = (re.split(r"[\s-]+", phrase.strip()) for phrase in phrases)
    alternatives = sorted(
        (r"[\s-]+".join(map(re.escape, phrase)) for phrase in words), key=len, reverse=True
    )
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?:e?s)?(?!\w)", re.IGNORECASE)


@functools.cache
def arxiv_categories() -> dict[str, str]:
    """arXiv's category taxonomy: each category's code and name (`cs.CL`: Computation and
    Language)."""
    return yaml.load(CATEGORIES_FILE.read_text(encoding="utf-8"), Loader=Loader)


def read_vocabulary(topics_path: Path, topics_shown: str | None = None) -> Vocabulary:
    """arXiv's categories and the topics of the topics file, with every problem that file has.

    A missing topics file is no problem: the site has no topics.
    """
    topics_shown = topics_shown or str(topics_path)
    categories = arxiv_categories()
    if not topics_path.exists():
        return Vocabulary(categories, [], topics_shown, "missing", [])
    topics, problems, readable = _read_topics(topics_path, topics_shown, categories)
    return Vocabulary(
        categories, topics, topics_shown, "ok" if readable else "unreadable", problems
    )


def _read_topics(
    path: Path, shown: str, categories: dict[str, str]
) -> tuple[list[Topic], list[Problem], bool]:
    """The topics of a topics file, its problems, and whether it could be read at all (when
    not, paper tags are not checked against topics)."""
    try:
        document = YamlDocument(path.read_text(encoding="utf-8"), kind="the topics file")
    except UnicodeDecodeError:
        return [], [Problem(shown, 1, "topics", "is not UTF-8 text; save it as UTF-8")], False
    except YamlProblem as problem:
        return [], [Problem(shown, problem.line, problem.field, problem.message)], False
    root = document.root
    if root is None:
        return [], [], True
    if not isinstance(root, yaml.SequenceNode):
        message = (
            "the file must be a list of topics, each starting with '- name: ...' "
            "followed by slug, description and phrases"
        )
        return [], [Problem(shown, document.line(root), "topics", message)], False
    reader = _TopicsReader(document, shown, categories)
    for number, item in enumerate(root.value, start=1):
        reader.read_topic(number, item)
    return reader.topics, reader.problems, True


class _TopicsReader:
    def __init__(self, document: YamlDocument, shown: str, categories: dict[str, str]) -> None:
        self.document = document
        self.shown = shown
        self.category_slugs = {tag_slug(category): category for category in categories}
        self.problems: list[Problem] = []
        self.topics: list[Topic] = []
        self.name_lines: dict[str, int] = {}
        self.slug_lines: dict[str, int] = {}

    def report(self, line: int, key: str, message: str) -> None:
        self.problems.append(Problem(self.shown, line, key, message))

    def read_topic(self, number: int, item: yaml.Node) -> None:
        start = self.document.line(item)
        if not isinstance(item, yaml.MappingNode):
            self.report(
                start,
                "topics",
                f"entry {number} is not a topic; write '- name: ...' with slug, "
                "description and phrases under it",
            )
            return
        fields: dict[str, tuple[int, object]] = {}
        for key_node, value_node in item.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value in fields:
                continue
            key, line = key_node.value, self.document.line(key_node)
            for text_line, character in self.document.unshowable_characters(value_node):
                self.report(text_line, key, unshowable_message(character, key))
            try:
                value = self.document.value(value_node)
            except (ValueError, yaml.YAMLError):
                value = None
            fields[key] = (line, value)
            if key not in TOPIC_KEYS + OPTIONAL_TOPIC_KEYS:
                self.report(line, key, _unknown_key(key))
        label = f"topic {number} (line {start})"
        name = fields.get("name", (start, None))[1]
        if isinstance(name, str) and name.strip():
            label = f"topic {quoted(name)}"
        for key in TOPIC_KEYS:
            if key not in fields:
                self.report(start, key, f"{label} has no {key}; add '{key}: ...' to it")
        problems_before = len(self.problems)
        checks = (
            ("name", self._check_name),
            ("slug", self._check_slug),
            ("description", self._check_description),
            ("phrases", self._check_phrases),
            ("label", self._check_label),
        )
        for key, check in checks:
            if key in fields:
                check(label, *fields[key])
        if len(self.problems) == problems_before and all(key in fields for key in TOPIC_KEYS):
            slug, description, phrases = (fields[key][1] for key in TOPIC_KEYS[1:])
            assert isinstance(name, str) and isinstance(slug, str)  # as checked above
            assert isinstance(description, str) and isinstance(phrases, list)
            shown_name = fields.get("label", (start, ""))[1]
            assert isinstance(shown_name, str)  # as checked above
            self.topics.append(Topic(name, slug, description.strip(), tuple(phrases), shown_name))

    def _check_name(self, label: str, line: int, name: object) -> None:
        if not isinstance(name, str) or not name.strip() or name != name.strip():
            self.report(
                line,
                "name",
                "must be text without spaces around it: the tag written into papers, "
                "e.g. name: LLMs",
            )
            return
        if is_category(name):
            self.report(
                line,
                "name",
                f"{quoted(name)} reads as an arXiv category (it starts with the archive "
                f"{quoted(name.split('.', 1)[0])}); give the topic another name",
            )
        first = self.name_lines.setdefault(name.casefold(), line)
        if first != line:
            self.report(
                line,
                "name",
                f"{quoted(name)} is already the name of the topic on line {first} (names "
                "differing only in letter case count as the same); give each topic its own name",
            )

    def _check_slug(self, label: str, line: int, slug: object) -> None:
        if not isinstance(slug, str) or not TOPIC_SLUG.fullmatch(slug):
            self.report(
                line,
                "slug",
                f"{quoted(slug)} is not a slug; use lower-case letters and digits joined by "
                "'-', e.g. slug: large-language-models",
            )
            return
        if slug in self.category_slugs:
            self.report(
                line,
                "slug",
                f"{quoted(slug)} is the tag page of arXiv category "
                f"{self.category_slugs[slug]}; choose another slug",
            )
        first = self.slug_lines.setdefault(slug, line)
        if first != line:
            self.report(
                line,
                "slug",
                f"{quoted(slug)} is already the slug of the topic on line {first}; "
                "give each topic its own slug",
            )

    def _check_description(self, label: str, line: int, description: object) -> None:
        if not isinstance(description, str) or not description.strip():
            self.report(line, "description", f"{label}: write one sentence saying what it covers")

    def _check_label(self, label: str, line: int, shown_name: object) -> None:
        if (
            not isinstance(shown_name, str)
            or not shown_name.strip()
            or shown_name != shown_name.strip()
        ):
            self.report(
                line,
                "label",
                f"{label}: the label is the name the site shows; write it as text without "
                "spaces around it, e.g. label: Large language models, or remove the key",
            )

    def _check_phrases(self, label: str, line: int, phrases: object) -> None:
        if not isinstance(phrases, list) or not phrases:
            self.report(
                line,
                "phrases",
                f"{label} needs a list of at least one phrase that selects it, "
                'e.g. phrases: ["large language model", "LLM"]',
            )
            return
        for number, phrase in enumerate(phrases, start=1):
            if not isinstance(phrase, str) or not phrase.split():
                self.report(
                    line,
                    "phrases",
                    f"{label}: phrase {number} is {json.dumps(phrase, default=str)}; every "
                    "phrase must be non-empty text (put it in double quotes)",
                )


def _unknown_key(key: str) -> str:
    guess = closest(key, TOPIC_KEYS + OPTIONAL_TOPIC_KEYS)
    hint = f"did you mean {guess}? " if guess else ""
    return (
        f"is not a key of a topic; {hint}a topic has name, slug, description and phrases, "
        "and may have a label"
    )
