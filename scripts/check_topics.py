"""The tags a paper may carry: arXiv categories and the topics of content/topics.yaml.

topics.yaml is a YAML list; each topic has `name` (the tag written into papers), `slug` (its
tag page, `tag/<slug>/`), `description` and `phrases` (what selects it during a fetch).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from check_problem import Problem, quoted
from check_yaml import YamlDocument, YamlProblem, unshowable_message

SLUG = re.compile(r"[a-z0-9]+(?:[._-][a-z0-9]+)*")
TOPIC_KEYS = ("name", "slug", "description", "phrases")


@dataclass
class TagVocabulary:
    """Every known tag, and where a contributor would look them up."""

    categories: frozenset[str]
    topics: frozenset[str]
    categories_shown: str
    topics_shown: str
    topics_state: (
        str  # "ok", "missing" (no topics file) or "unreadable" (its problems are reported)
    )
    _by_casefold: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_casefold = {tag.casefold(): tag for tag in self.categories | self.topics}

    def knows(self, tag: str) -> bool:
        """True when `tag` is an arXiv category or a topic name, spelled exactly so."""
        return tag in self.categories or tag in self.topics

    def spelling_of(self, tag: str) -> str | None:
        """The known tag that differs from `tag` only in letter case, if any."""
        return self._by_casefold.get(tag.casefold())


def load_vocabulary(
    categories_path: Path, categories_shown: str, topics_path: Path, topics_shown: str
) -> tuple[TagVocabulary, list[Problem], int]:
    """Read the category list and check the topics file.

    Returns the known tags, the problems found in those two files, and the number of topics.
    """
    categories, problems = _load_categories(categories_path, categories_shown)
    if not topics_path.exists():
        names: set[str] = set()
        state = "missing"
        topic_count = 0
    else:
        names, topic_problems, topic_count, readable = check_topics_file(
            topics_path, topics_shown, frozenset(categories)
        )
        problems += topic_problems
        state = "ok" if readable else "unreadable"
    vocabulary = TagVocabulary(
        frozenset(categories), frozenset(names), categories_shown, topics_shown, state
    )
    return vocabulary, problems, topic_count


def check_topics_file(
    path: Path, shown: str, categories: frozenset[str]
) -> tuple[set[str], list[Problem], int, bool]:
    """Check a topics file.

    Returns the topic names it defines, its problems, the number of topics, and whether it could
    be read at all (when not, paper tags are not checked against topics).
    """
    try:
        document = YamlDocument(path.read_text(encoding="utf-8"), kind="the topics file")
    except UnicodeDecodeError:
        return set(), [Problem(shown, 1, "topics", "is not UTF-8 text; save it as UTF-8")], 0, False
    except YamlProblem as problem:
        return set(), [Problem(shown, problem.line, problem.field, problem.message)], 0, False
    root = document.root
    if root is None:
        return set(), [], 0, True
    if not isinstance(root, yaml.SequenceNode):
        message = (
            "the file must be a list of topics, each starting with '- name: ...' "
            "followed by slug, description and phrases"
        )
        return set(), [Problem(shown, document.line(root), "topics", message)], 0, False
    checker = _TopicsChecker(document, shown, categories)
    for number, item in enumerate(root.value, start=1):
        checker.check_topic(number, item)
    return checker.names, checker.problems, len(root.value), True


class _TopicsChecker:
    def __init__(self, document: YamlDocument, shown: str, categories: frozenset[str]) -> None:
        self.document = document
        self.shown = shown
        self.categories = categories
        self.category_slugs = {category.lower(): category for category in categories}
        self.problems: list[Problem] = []
        self.names: set[str] = set()
        self.name_lines: dict[str, int] = {}
        self.slug_lines: dict[str, int] = {}

    def report(self, line: int, key: str, message: str) -> None:
        self.problems.append(Problem(self.shown, line, key, message))

    def check_topic(self, number: int, item: yaml.Node) -> None:
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
            if isinstance(key_node, yaml.ScalarNode) and key_node.value not in fields:
                for line, character in self.document.unshowable_characters(value_node):
                    self.report(line, key_node.value, unshowable_message(character, key_node.value))
                try:
                    value = self.document.value(value_node)
                except (ValueError, yaml.YAMLError):
                    value = None
                fields[key_node.value] = (self.document.line(key_node), value)
        label = f"topic {number} (line {start})"
        name_line, name = fields.get("name", (start, None))
        if isinstance(name, str) and name.strip():
            label = f"topic {quoted(name)}"
        for key in TOPIC_KEYS:
            if key not in fields:
                self.report(start, key, f"{label} has no {key}; add '{key}: ...' to it")
        if "name" in fields:
            self._check_name(name_line, name)
        if "slug" in fields:
            self._check_slug(*fields["slug"])
        if "description" in fields:
            line, description = fields["description"]
            if not isinstance(description, str) or not description.strip():
                self.report(
                    line, "description", f"{label}: write one sentence saying what it covers"
                )
        if "phrases" in fields:
            self._check_phrases(label, *fields["phrases"])

    def _check_name(self, line: int, name: object) -> None:
        if not isinstance(name, str) or not name.strip():
            self.report(line, "name", "must be text: the tag written into papers, e.g. name: LLMs")
            return
        self.names.add(name)
        if name in self.categories:
            self.report(
                line, "name", f"{quoted(name)} is an arXiv category; give the topic another name"
            )
        first = self.name_lines.setdefault(name.casefold(), line)
        if first != line:
            self.report(
                line,
                "name",
                f"{quoted(name)} is already the name of the topic on line {first} (names "
                "differing only in letter case count as the same); give each topic its own name",
            )

    def _check_slug(self, line: int, slug: object) -> None:
        if not isinstance(slug, str) or not SLUG.fullmatch(slug):
            self.report(
                line,
                "slug",
                f"{quoted(slug)} is not a slug; use lower-case letters, digits and '-', "
                "e.g. slug: large-language-models",
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
            if not isinstance(phrase, str) or not phrase.strip():
                self.report(
                    line,
                    "phrases",
                    f"{label}: phrase {number} is {json.dumps(phrase, default=str)}; every "
                    "phrase must be non-empty text (put it in double quotes)",
                )


def _load_categories(path: Path, shown: str) -> tuple[dict[str, str], list[Problem]]:
    """The arXiv category codes and names, or the one problem that stops them being read."""
    fix = "it must map each arXiv category code to its name, e.g. cs.CL: Computation and Language"
    try:
        document = YamlDocument(path.read_text(encoding="utf-8"), kind="the category list")
    except FileNotFoundError:
        return {}, [Problem(shown, 1, "categories", f"file not found; restore it ({fix})")]
    except UnicodeDecodeError:
        return {}, [Problem(shown, 1, "categories", "is not UTF-8 text; save it as UTF-8")]
    except YamlProblem as problem:
        return {}, [Problem(shown, problem.line, problem.field, problem.message)]
    categories = document.value(document.root) if document.root is not None else None
    if not isinstance(categories, dict) or not all(
        isinstance(code, str) and isinstance(name, str) for code, name in categories.items()
    ):
        return {}, [Problem(shown, 1, "categories", fix)]
    return categories, []
