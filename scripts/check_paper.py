"""The rules one paper file follows (DESIGN.md, "The paper file"), checked field by field."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from check_problem import Problem, quoted
from check_topics import TagVocabulary
from check_yaml import (
    UNSHOWABLE_IN_TEXT,
    UNSHOWABLE_IN_VALUE,
    YamlDocument,
    YamlProblem,
    character_name,
    front_matter,
    holds_unshowable,
    unshowable_message,
)

# The build's own rendering of titles and abstracts, from its mathml plugin.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))
from mathml.mathml import PaperTextError, render_paper_text

REQUIRED = ("title", "arxiv_id", "authors", "date")
NEW_STYLE_ID = re.compile(r"\d{4}\.\d{4,5}")
OLD_STYLE_ID = re.compile(r"([a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?)/(\d{7})")
OLD_STYLE_FILEID = re.compile(r"([a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?)(\d{7})")
VERSIONED_ID = re.compile(r"(.+?)v(\d+)")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
WHOLE_NUMBER = re.compile(r"[+-]?\d+")
WHITESPACE = re.compile(r"\s")
# TeX converters recurse once per pair of braces; real formulas nest a handful deep.
MAX_BRACE_DEPTH = 20
BRACE = re.compile(r"[{}]")
# Leading zeros aside, at most 8 digits: more stand for no character at all.
CHARACTER_REFERENCE = re.compile(r"&#(?:0*([0-9]{1,8})|[xX]0*([0-9A-Fa-f]{1,8}));")
# Values that are links whatever their field is called: an address with `scheme://`, or a
# script URL, which a link must never carry.
LINK_VALUE = re.compile(r"\s*(?:[A-Za-z][A-Za-z0-9+.-]*://|(?i:javascript|vbscript):)")
LINK_NAMES = frozenset({"github", "project_page", "homepage", "website", "link", "pdf"})
LINK_SUFFIXES = ("url", "_link", "_page")
MISSING_HINTS = {
    "title": 'add the paper\'s title: title: "..."',
    "authors": 'list every author, in order: authors: ["First Author", "Second Author"]',
    "date": "add the day the paper was listed on the site: date: YYYY-MM-DD",
}
BRACES_TOO_DEEP = (
    f"braces {{ }} are nested more than {MAX_BRACE_DEPTH} deep; the math converter cannot "
    "render that: write the formula with fewer nested braces"
)
SCALAR_KINDS = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:null": "empty",
}


@dataclass
class PaperCheck:
    """What checking one paper file found."""

    problems: list[Problem] = field(default_factory=list)
    paper_key: str | None = None  # the arXiv id without version, case-folded: the same paper
    id_line: int = 1


def check_paper(
    path: Path,
    shown: str,
    tags: TagVocabulary,
    data: bytes | None = None,
    *,
    render: bool = False,
) -> PaperCheck:
    """Check the paper file at `path` (printed as `shown`) against every rule of one file.

    `data` stands for the file's bytes when they are not on disk yet (a fetch checks what it
    is about to write). With `render`, a file that passes every rule is also rendered as the
    build renders it, so a file the build would fail on is found here first.
    """
    return _PaperChecker(path, shown, tags, data, render).run()


class _PaperChecker:
    def __init__(
        self, path: Path, shown: str, tags: TagVocabulary, data: bytes | None, render: bool
    ) -> None:
        self.path = path
        self.data = data
        self.render = render
        self.title_text: str | None = None
        self.body, self.body_line = "", 1
        self.shown = shown
        self.tags = tags
        self.result = PaperCheck()
        self.rules: dict[str, Callable[[str, yaml.Node, Any, int], object]] = {
            "title": self.title,
            "arxiv_id": self.arxiv_id,
            "authors": self.text_list,
            "tags": self.tag_list,
            "keywords": self.text_list,
            "date": self.day,
            "published": self.day,
            "updated": self.day,
            "upvotes": self.count,
            "version": self.count,
            "ai_summary": self.text,
            "comment": self.text,
            "doi": self.text,
            "journal_ref": self.text,
            "primary_category": self.text,
        }

    def report(self, line: int, name: str, message: str) -> None:
        self.result.problems.append(Problem(self.shown, line, name, message))

    def run(self) -> PaperCheck:
        try:
            self.check_fields()
        except YamlProblem as problem:
            self.report(problem.line, problem.field, problem.message)
        if self.render and not self.result.problems and self.title_text is not None:
            self.render_text()
        self.result.problems.sort(key=lambda problem: problem.line)
        return self.result

    def check_fields(self) -> None:
        raw = self.path.read_bytes() if self.data is None else self.data
        try:
            text = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as error:
            line = raw.count(b"\n", 0, error.start) + 1
            self.report(line, "file", "is not UTF-8 text; save the file with UTF-8 encoding")
            return
        matter = front_matter(text)
        self.check_body(matter.body, matter.body_line)
        self.body, self.body_line = matter.body, matter.body_line
        document = YamlDocument(matter.yaml, matter.first_line, "paper files")
        root = document.root
        if root is None:
            raise YamlProblem(
                1, "front matter", "is empty; write the fields title, arxiv_id, authors and date"
            )
        if not isinstance(root, yaml.MappingNode):
            raise YamlProblem(
                document.line(root),
                "front matter",
                "is not a set of fields; write one 'field: value' per line",
            )
        seen: dict[str, int] = {}
        for key_node, value_node in root.value:
            line = document.line(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.report(line, "front matter", "a field name must be a plain word, e.g. title")
                continue
            name = key_node.value
            unshowable_in_name = document.unshowable_characters(key_node)
            if unshowable_in_name:
                character = unshowable_in_name[0][1]
                self.report(line, "front matter", unshowable_message(character, quoted(name)))
                continue
            if name in seen:
                self.report(line, name, f"appears twice (also on line {seen[name]}); keep one")
                continue
            seen[name] = line
            if name != name.lower() and name.lower() in self.rules:
                self.report(
                    line, name, f"field names are lower case; rename it to '{name.lower()}'"
                )
                seen.setdefault(name.lower(), line)
                continue
            for text_line, character in document.unshowable_characters(value_node):
                self.report(text_line, name, unshowable_message(character, name))
            self.check_value(document, name, value_node, line)
        for name in REQUIRED:
            if name not in seen:
                self.report(1, name, f"missing; {self.missing_hint(name)}")

    def check_value(self, document: YamlDocument, name: str, node: yaml.Node, line: int) -> None:
        try:
            value = document.value(node)
        except ValueError as error:
            # Only a timestamp-looking scalar fails this way: 2026-02-30 looks like a date.
            raw = node.value if isinstance(node, yaml.ScalarNode) else ""
            if self.rules.get(name) == self.day:
                fix = "write a real day as YYYY-MM-DD"
            else:
                fix = f"if it is meant as text, quote it: {name}: {quoted(raw)}"
            self.report(line, name, f"{raw} is not a real date ({error}); {fix}")
            return
        except yaml.YAMLError as error:
            why = getattr(error, "problem", None) or "not a value YAML knows"
            self.report(line, name, f"cannot be read ({why}); write plain text, a list or a date")
            return
        rule = self.rules.get(name)
        is_link = rule is None and _is_link_field(name, value)
        if value is None and (rule is not None or is_link):
            self.report(line, name, "is empty; write a value or delete the line")
        elif rule is not None:
            rule(name, node, value, line)
        elif is_link:
            self.links(name, value, line)

    def check_body(self, body: str, first_line: int) -> None:
        """Refuse what no page can hold in the abstract: characters, references to them, braces."""
        if holds_unshowable(body):
            lines = _LineCounter(body, first_line)
            position = 0
            while unshowable := UNSHOWABLE_IN_TEXT.search(body, position):
                line = lines.at(unshowable.start())
                self.report(line, "body", unshowable_message(unshowable[0], "the body"))
                position = body.find("\n", unshowable.start()) + 1 or len(body)
        if "&#" in body:
            lines = _LineCounter(body, first_line)
            for reference in CHARACTER_REFERENCE.finditer(body):
                character = _referenced_character(reference)
                if character and UNSHOWABLE_IN_VALUE.match(character):
                    self.report(
                        lines.at(reference.start()),
                        "body",
                        f"remove the character reference {reference[0]} "
                        f"({character_name(character)}) from the body",
                    )
        too_deep = _too_deep_brace(body)
        if too_deep is not None:
            self.report(first_line + body.count("\n", 0, too_deep), "body", BRACES_TOO_DEEP)

    def missing_hint(self, name: str) -> str:
        if name != "arxiv_id":
            return MISSING_HINTS[name]
        stem = self.path.stem
        old_style = OLD_STYLE_FILEID.fullmatch(stem)
        arxiv_id = f"{old_style[1]}/{old_style[2]}" if old_style else stem
        return f'add the id the file is named after: arxiv_id: "{arxiv_id}"'

    def title(self, name: str, node: yaml.Node, value: Any, line: int) -> None:
        self.text(name, node, value, line)
        if isinstance(value, str) and _too_deep_brace(value) is not None:
            self.report(line, name, BRACES_TOO_DEEP)
        elif isinstance(value, str):
            self.title_text = value.strip()

    def render_text(self) -> None:
        """Render the title and abstract as the build does; report what it would fail on."""
        try:
            render_paper_text(self.title_text, self.body)
        except PaperTextError as error:
            self.report(self.body_line, "body", f"{error}; fix the text (see CONTRIBUTING.md)")

    def text(self, name: str, node: yaml.Node, value: Any, line: int) -> None:
        if isinstance(value, str):
            if not value.strip():
                self.report(line, name, "is empty; write the text or delete the line")
            return
        self.report(line, name, _not_text(name, node, value))

    def arxiv_id(self, name: str, node: yaml.Node, value: Any, line: int) -> None:
        self.result.id_line = line
        if isinstance(value, str):
            arxiv_id = value
        elif isinstance(node, yaml.ScalarNode):
            self.report(line, name, _not_text(name, node, value))
            arxiv_id = node.value
        else:
            self.report(line, name, _not_text(name, node, value))
            return
        versioned = VERSIONED_ID.fullmatch(arxiv_id)
        if versioned and _is_arxiv_id(versioned[1]):
            arxiv_id = versioned[1]
            self.report(
                line,
                name,
                f"{quoted(value)} carries a version; drop 'v{versioned[2]}': "
                f"arxiv_id: {quoted(arxiv_id)} (the version goes in 'version: {versioned[2]}')",
            )
        elif not _is_arxiv_id(arxiv_id):
            self.report(
                line,
                name,
                f"{quoted(value)} is not an arXiv id; "
                'write it like "2406.01234" or "hep-th/9901001"',
            )
            return
        self.result.paper_key = arxiv_id.casefold()
        fileid = arxiv_id.replace("/", "")
        if fileid != self.path.stem:
            self.report(
                line,
                name,
                f"{quoted(arxiv_id)} does not match the file name {self.path.name}; "
                f"rename the file to {fileid}.md, or correct arxiv_id",
            )

    def text_list(self, name: str, node: yaml.Node, value: Any, line: int) -> list[str]:
        """Check a list of texts; returns its items that are text."""
        if isinstance(value, str):
            if name == "authors":
                example = json.dumps([value], ensure_ascii=False) if "," not in value else None
                example = example or '["First Author", "Second Author"]'
                fix = f"write one entry per author, in order: authors: {example}"
            else:
                items = [item.strip() for item in value.split(",") if item.strip()]
                fix = f"write a list: {name}: {json.dumps(items, ensure_ascii=False)}"
            self.report(line, name, f"is text, not a list; {fix}")
            return []
        if not isinstance(value, list):
            kind = _kind(node, value)
            self.report(line, name, f'is {kind}, not a list; write a list: {name}: ["...", "..."]')
            return []
        if name == "authors" and not value:
            self.report(line, name, "is an empty list; list every author, in order")
        texts = []
        for number, (item_node, item) in enumerate(zip(node.value, value, strict=True), start=1):
            if isinstance(item, str) and item.strip():
                texts.append(item)
            elif isinstance(item, str) or item is None:
                self.report(line, name, f"entry {number} is empty; remove it or fill it in")
            else:
                raw = f" ({item_node.value})" if isinstance(item_node, yaml.ScalarNode) else ""
                self.report(
                    line,
                    name,
                    f"entry {number} is {_kind(item_node, item)}{raw}, not text; "
                    "write it as text in double quotes",
                )
        return texts

    def tag_list(self, name: str, node: yaml.Node, value: Any, line: int) -> None:
        listed: set[str] = set()
        for tag in self.text_list(name, node, value, line):
            if tag in listed:
                self.report(line, name, f"{quoted(tag)} is listed twice; keep one")
                continue
            listed.add(tag)
            if not self.tags.knows(tag):
                message = self.unknown_tag(tag)
                if message:
                    self.report(line, name, message)

    def unknown_tag(self, tag: str) -> str | None:
        spelling = self.tags.spelling_of(tag)
        if spelling:
            return (
                f"unknown tag {quoted(tag)}; did you mean {quoted(spelling)}? "
                "(tags are case-sensitive)"
            )
        if self.tags.topics_state == "unreadable":
            return None  # the topics file's own problems are reported; its topics are unknown
        if self.tags.topics_state == "missing":
            return (
                f"unknown tag {quoted(tag)}: it is not an arXiv category and there is no "
                f"topics file {self.tags.topics_shown} to define it as a topic; "
                "create that file with the topic, or remove the tag"
            )
        return (
            f"unknown tag {quoted(tag)}; use an arXiv category (see "
            f"{self.tags.categories_shown}) or the name of a topic in {self.tags.topics_shown}, "
            "or add the topic there"
        )

    def day(self, name: str, node: yaml.Node, value: Any, line: int) -> None:
        if isinstance(value, dt.datetime):
            self.report(
                line,
                name,
                f"{node.value} has a time of day; write only the day: "
                f"{name}: {value.date().isoformat()}",
            )
        elif isinstance(value, dt.date):
            return
        elif isinstance(value, str) and ISO_DAY.fullmatch(value.strip()):
            try:
                day = dt.date.fromisoformat(value.strip())
            except ValueError as error:
                self.report(
                    line,
                    name,
                    f"{value} is not a real date ({error}); write a real day as YYYY-MM-DD",
                )
                return
            self.report(
                line, name, f"is text in quotes, not a date; remove the quotes: {name}: {day}"
            )
        else:
            self.report(
                line,
                name,
                f"{_shown(node, value)} is not a date; write the day as YYYY-MM-DD, "
                f"e.g. {name}: 2026-06-12",
            )

    def count(self, name: str, node: yaml.Node, value: Any, line: int) -> None:
        least = 1 if name == "version" else 0
        if isinstance(value, int) and not isinstance(value, bool):
            if value < least:
                self.report(line, name, f"is {value}; write a whole number of at least {least}")
        elif isinstance(value, str) and WHOLE_NUMBER.fullmatch(value.strip()):
            self.report(
                line,
                name,
                f"is text in quotes, not a number; remove the quotes: {name}: {value.strip()}",
            )
        else:
            self.report(
                line,
                name,
                f"{_shown(node, value)} is not a whole number; write one, e.g. {name}: 12",
            )

    def links(self, name: str, value: Any, line: int) -> None:
        for link in value if isinstance(value, list) else [value]:
            if not isinstance(link, str):
                self.report(line, name, "is not a link; write an address that starts with https://")
                continue
            problem = _link_problem(link)
            if problem:
                self.report(line, name, f"{quoted(link)} {problem}")


def _too_deep_brace(text: str) -> int | None:
    """Where braces in `text` first nest deeper than MAX_BRACE_DEPTH, or None."""
    if text.count("{") <= MAX_BRACE_DEPTH:
        return None
    depth = 0
    for brace in BRACE.finditer(text):
        if brace[0] == "}":
            depth = max(depth - 1, 0)
            continue
        depth += 1
        if depth > MAX_BRACE_DEPTH:
            return brace.start()
    return None


class _LineCounter:
    """File lines of offsets in `text`, asked for in increasing order (linear in all)."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.line = first_line
        self.offset = 0

    def at(self, offset: int) -> int:
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _referenced_character(reference: re.Match) -> str | None:
    """The character an HTML reference such as `&#8;` stands for, or None past U+10FFFF."""
    code = int(reference[1], 10) if reference[1] else int(reference[2], 16)
    return chr(code) if code <= 0x10FFFF else None


def _is_arxiv_id(text: str) -> bool:
    return bool(NEW_STYLE_ID.fullmatch(text) or OLD_STYLE_ID.fullmatch(text))


def _is_link_field(name: str, value: Any) -> bool:
    if name in LINK_NAMES or name.endswith(LINK_SUFFIXES):
        return True
    values = value if isinstance(value, list) else [value]
    return any(isinstance(item, str) and LINK_VALUE.match(item) for item in values)


def _link_problem(link: str) -> str | None:
    """Why `link` is not a safe http(s) address, or None when it is one."""
    if not link.strip():
        return "is empty; write the address or delete the line"
    if WHITESPACE.search(link):
        return "contains spaces; write the address without spaces (a space is written %20)"
    try:
        parts = urlsplit(link)
    except ValueError:
        return "is not a valid address; copy it again from the browser's address bar"
    if parts.scheme.lower() not in ("http", "https"):
        return (
            "is not an http(s) link; write an address that starts with https:// "
            "(or delete the line)"
        )
    if not parts.hostname:
        return "has no host name; write a full address, e.g. https://example.org/page"
    return None


def _kind(node: yaml.Node, value: Any) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a set of fields"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(value, str):
        return "text"
    return SCALAR_KINDS.get(node.tag, "not text")


def _shown(node: yaml.Node, value: Any) -> str:
    """A value as the contributor wrote it: text in quotes, a number or date as is."""
    if isinstance(value, str):
        return quoted(value)
    if isinstance(node, yaml.ScalarNode):
        return node.value
    return _kind(node, value)


def _not_text(name: str, node: yaml.Node, value: Any) -> str:
    """The problem of a field that must be text but is a number, date, list..."""
    if not isinstance(node, yaml.ScalarNode):
        return f"is {_kind(node, value)}, not text; write it as text in double quotes"
    raw = node.value
    read_as = ""
    if isinstance(value, float) and str(value) != raw:
        read_as = f", and YAML reads it as {value}"
    return f"is {_kind(node, value)} ({raw}), not text{read_as}; quote it: {name}: {quoted(raw)}"
