"""Read a paper file into a Paper, or say every problem it has: one verdict for `invoke check`,
the Pelican reader and the fetch (docs/paper-format.md).

The file is split into front matter and body (yamldoc.front_matter), the front matter is read
as YAML nodes so every problem keeps its line (yamldoc.YamlDocument), each key is judged by
its rule (rules.judge) and the body by the rules of an abstract. A file with no problem
becomes a Paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem, quoted
from .rules import (
    BRACES_TOO_DEEP,
    MAX_ABSTRACT_LENGTH,
    Written,
    judge,
    key_problem,
    missing,
    too_deep_brace,
)
from .schema import BY_NAME, REQUIRED, Kind, Paper
from .tags import Vocabulary
from .yamldoc import (
    UNSHOWABLE_IN_TEXT,
    UNSHOWABLE_IN_VALUE,
    YamlDocument,
    YamlProblem,
    character_name,
    front_matter,
    holds_unshowable,
    unshowable_message,
)

# Leading zeros aside, at most 8 digits: more stand for no character at all.
_CHARACTER_REFERENCE = re.compile(r"&#(?:0*([0-9]{1,8})|[xX]0*([0-9A-Fa-f]{1,8}));")


@dataclass
class Validation:
    """What reading one paper file found: its problems, and the Paper when there are none."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    paper: Paper | None = None
    values: dict[str, Any] | None = None
    """The front matter's keys and values as written, in file order, when there are no
    problems (the fetch merges these)."""
    arxiv_id: str | None = None
    """The canonical arXiv id the file names, even when it has problems (to find the same
    paper in two files)."""
    id_line: int = 1
    body_line: int = 1
    """The file line the abstract starts on."""

    def report(self, line: int, name: str, message: str) -> None:
        """Add a problem at `line` of the file."""
        self.problems.append(Problem(self.path, line, name, message))


def validate_paper(data: bytes, shown: str, file_id: str, vocabulary: Vocabulary) -> Validation:
    """Judge the bytes of the paper file `<file_id>.md`, shown to people as `shown`."""
    result = Validation(shown)
    try:
        values, body = _read(data, file_id, vocabulary, result)
    except YamlProblem as problem:
        result.report(problem.line, problem.field, problem.message)
        values, body = None, ""
    result.problems.sort(key=lambda problem: problem.line)
    if not result.problems and values is not None:
        result.values = values
        result.paper = _paper(values, body)
    return result


def _read(
    data: bytes, file_id: str, vocabulary: Vocabulary, result: Validation
) -> tuple[dict[str, Any], str]:
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise YamlProblem(
            line, "file", "is not UTF-8 text; save the file with UTF-8 encoding"
        ) from None
    # Line ends as Python's text files read them, so \r\n counts as one line end.
    text = text.replace("\r\n", "\n")
    matter = front_matter(text)
    result.body_line = matter.body_line
    _check_body(matter.body, matter.body_line, result)
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
    values: dict[str, Any] = {}
    seen: dict[str, int] = {}
    for key_node, value_node in root.value:
        line = document.line(key_node)
        if not isinstance(key_node, yaml.ScalarNode):
            result.report(line, "front matter", "a field name must be a plain word, e.g. title")
            continue
        name = key_node.value
        unshowable = document.unshowable_characters(key_node)
        if unshowable:
            result.report(line, "front matter", unshowable_message(unshowable[0][1], quoted(name)))
            continue
        if name in seen:
            result.report(line, name, f"appears twice (also on line {seen[name]}); keep one")
            continue
        seen[name] = line
        refused = key_problem(name)
        if refused:
            result.report(line, name, refused)
            seen.setdefault(name.lower(), line)
            continue
        for text_line, character in document.unshowable_characters(value_node):
            result.report(text_line, name, unshowable_message(character, name))
        value = _value(document, name, value_node, line, result)
        if value is _UNREADABLE:
            continue
        verdict = judge(name, value, Written.of_node(value_node, value), vocabulary, file_id)
        if name == "arxiv_id":
            result.id_line = line
            result.arxiv_id = verdict.arxiv_id.id if verdict.arxiv_id else None
        for message in verdict.problems:
            result.report(line, name, message)
        values[name] = value
    for name in REQUIRED:
        if name not in seen:
            result.report(1, name, missing(name, file_id))
    return values, matter.body


_UNREADABLE = object()


def _value(
    document: YamlDocument, name: str, node: yaml.Node, line: int, result: Validation
) -> Any:
    """The value of a key, or _UNREADABLE after reporting why YAML cannot build it."""
    try:
        return document.value(node)
    except ValueError as error:
        # Only a timestamp-looking scalar fails this way: 2026-02-30 looks like a date.
        raw = node.value if isinstance(node, yaml.ScalarNode) else ""
        spec = BY_NAME.get(name)
        if spec is not None and spec.kind is Kind.DAY:
            fix = "write a real day as YYYY-MM-DD"
        else:
            fix = f"if it is meant as text, quote it: {name}: {quoted(raw)}"
        result.report(line, name, f"{raw} is not a real date ({error}); {fix}")
    except yaml.YAMLError as error:
        why = getattr(error, "problem", None) or "not a value YAML knows"
        result.report(line, name, f"cannot be read ({why}); write plain text, a list or a date")
    return _UNREADABLE


def _check_body(body: str, first_line: int, result: Validation) -> None:
    """Refuse what no page can hold in the abstract: characters, references to them, braces,
    and more text than an abstract has."""
    if len(body) > MAX_ABSTRACT_LENGTH:
        result.report(
            first_line,
            "body",
            f"the abstract is {len(body):,} characters long, more than the "
            f"{MAX_ABSTRACT_LENGTH:,} a paper file may have; keep only the paper's abstract",
        )
    if holds_unshowable(body):
        lines = _LineCounter(body, first_line)
        position = 0
        while unshowable := UNSHOWABLE_IN_TEXT.search(body, position):
            line = lines.at(unshowable.start())
            result.report(line, "body", unshowable_message(unshowable[0], "the body"))
            position = body.find("\n", unshowable.start()) + 1 or len(body)
    if "&#" in body:
        lines = _LineCounter(body, first_line)
        for reference in _CHARACTER_REFERENCE.finditer(body):
            character = _referenced_character(reference)
            if character and UNSHOWABLE_IN_VALUE.match(character):
                result.report(
                    lines.at(reference.start()),
                    "body",
                    f"remove the character reference {reference[0]} "
                    f"({character_name(character)}) from the body",
                )
    too_deep = too_deep_brace(body)
    if too_deep is not None:
        result.report(first_line + body.count("\n", 0, too_deep), "body", BRACES_TOO_DEEP)


def _paper(values: dict[str, Any], body: str) -> Paper:
    known = {name: value for name, value in values.items() if name in BY_NAME}
    extra = {name: value for name, value in values.items() if name not in BY_NAME}
    known["title"] = known["title"].strip()
    return Paper(**known, abstract=body, extra=extra)


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


def _referenced_character(reference: re.Match[str]) -> str | None:
    """The character an HTML reference such as `&#8;` stands for, or None past U+10FFFF."""
    code = int(reference[1], 10) if reference[1] else int(reference[2], 16)
    return chr(code) if code <= 0x10FFFF else None
