"""The rule each field of a paper file follows, as one message per problem (docs/paper-format.md).

A rule judges a value as YAML built it, with how it was written (`Written`) for messages that
quote the contributor. The validation of a file (validate.py) applies them to every key; the
fetch applies them to what it is about to write, dropping a bad optional value and skipping a
paper whose required value is bad. So a value is accepted or refused the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import yaml

from .ids import ArxivId, fileid, id_of_fileid, parse_id
from .problems import closest, quoted
from .schema import BODY, BY_NAME, KEY_ORDER, REQUIRED, Field, Kind
from .tags import Vocabulary
from .yamldoc import UNSHOWABLE_IN_VALUE, unshowable_message

# TeX converters recurse once per pair of braces; real formulas nest a handful deep.
MAX_BRACE_DEPTH = 20
MAX_TITLE_LENGTH = 1_000
"""Characters of a title (arXiv's longest run to a few hundred)."""
MAX_ABSTRACT_LENGTH = 10_000
"""Characters of an abstract (arXiv's own limit is 1,920): the bound on what Markdown and
the math converter are given, so no file can make them run for minutes."""
BRACES_TOO_DEEP = (
    f"braces {{ }} are nested more than {MAX_BRACE_DEPTH} deep; the math converter cannot "
    "render that: write the formula with fewer nested braces"
)
RESERVED = frozenset(
    {"author", "category", "lang", "modified", "save_as", "slug", "status", "summary"}
    | {"template", "translation", "url"}
)
"""Keys the site generator (Pelican) gives a meaning of its own: refused in a paper file."""
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_WHOLE_NUMBER = re.compile(r"[+-]?\d+")
_WHITESPACE = re.compile(r"\s")
_BRACE = re.compile(r"[{}]")
# Values that are links whatever their key is called: an address with `scheme://`, or a
# script URL, which a link must never carry.
_LINK_VALUE = re.compile(r"\s*(?:[A-Za-z][A-Za-z0-9+.-]*://|(?i:javascript|vbscript):)")
_LINK_NAMES = frozenset({"homepage", "website", "link", "pdf"})
_LINK_SUFFIXES = ("url", "_link", "_page")
_SCALAR_KINDS = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:null": "empty",
}
_MISSING_HINTS = {
    "title": 'add the paper\'s title: title: "..."',
    "authors": 'list every author, in order: authors: ["First Author", "Second Author"]',
    "date": "add the day the paper was listed on the site: date: YYYY-MM-DD",
}


@dataclass(frozen=True)
class Written:
    """How a value was written: its text in the file (for a scalar) and what YAML read it as
    ("text", "a number", "a list", ...), with the same for each item of a list."""

    raw: str | None
    kind: str
    items: tuple[Written, ...] = ()

    @classmethod
    def of_node(cls, node: yaml.Node, value: Any) -> Written:
        """How `node` of a YAML document, built into `value`, was written."""
        if isinstance(node, yaml.MappingNode):
            return cls(None, "a set of fields")
        if isinstance(node, yaml.SequenceNode):
            values = value if isinstance(value, list) else [None] * len(node.value)
            items = tuple(cls.of_node(item, v) for item, v in zip(node.value, values, strict=False))
            return cls(None, "a list", items)
        kind = "text" if isinstance(value, str) else _SCALAR_KINDS.get(node.tag, "not text")
        return cls(node.value, kind)

    @classmethod
    def of_value(cls, value: Any) -> Written:
        """How a value that no file held (the fetch's) would be written in one."""
        if isinstance(value, dict):
            return cls(None, "a set of fields")
        if isinstance(value, list):
            return cls(None, "a list", tuple(cls.of_value(item) for item in value))
        if isinstance(value, str):
            return cls(value, "text")
        if value is None:
            return cls("", "empty")
        kind = {bool: "true/false", int: "a number", float: "a number"}.get(type(value), "")
        if isinstance(value, dt.date):
            kind = "a date"
        return cls(str(value).lower() if isinstance(value, bool) else str(value), kind or "text")


@dataclass
class Verdict:
    """The problems of one value, and what the value means when it has none."""

    problems: list[str]
    arxiv_id: ArxivId | None = None  # for arxiv_id: the id it names, even with problems


def missing(name: str, file_id: str) -> str:
    """The problem of a required field that a paper file lacks."""
    if name != "arxiv_id":
        return f"missing; {_MISSING_HINTS[name]}"
    arxiv_id = id_of_fileid(file_id) or file_id
    return f'missing; add the id the file is named after: arxiv_id: "{arxiv_id}"'


def judge(name: str, value: Any, written: Written, vocabulary: Vocabulary, file_id: str) -> Verdict:
    """The verdict on key `name` of the paper file `<file_id>.md` holding `value`."""
    spec = BY_NAME.get(name)
    if spec is None:
        return Verdict(_custom(name, value))
    if value is None:
        return Verdict(["is empty; write a value or delete the line"])
    if spec.kind is Kind.ID:
        return _arxiv_id(value, written, file_id)
    return Verdict(_RULES[spec.kind](spec, value, written, vocabulary))


def key_problem(name: str) -> str | None:
    """Why a key may not be in a paper file (None: it is a field or a custom key)."""
    if name in BY_NAME:
        return None
    if name.lower() in BY_NAME:
        return f"field names are lower case; rename it to '{name.lower()}'"
    if name in RESERVED:
        return (
            "is a key the site generator reserves (the page address, its summary and "
            "authors come from the paper's own fields); remove it"
        )
    guess = closest(name, KEY_ORDER)
    if guess:
        return (
            f"is not a field; did you mean {guess}? (a custom key must differ from every "
            "field by more than one letter)"
        )
    return None


def _text(spec: Field, value: Any, written: Written, vocabulary: Vocabulary) -> list[str]:
    if not isinstance(value, str):
        return [_not_text(spec.name, written, value)]
    if not value.strip():
        return ["is empty; write the text or delete the line"]
    if spec.name == "title":
        if len(value) > MAX_TITLE_LENGTH:
            return [f"is {len(value):,} characters long; a title has at most {MAX_TITLE_LENGTH:,}"]
        if too_deep_brace(value) is not None:
            return [BRACES_TOO_DEEP]
    return []


def _arxiv_id(value: Any, written: Written, file_id: str) -> Verdict:
    if isinstance(value, str):
        text = value
    elif written.raw is not None:
        problems = [_not_text("arxiv_id", written, value)]
        try:
            return Verdict(problems, parse_id(written.raw))
        except ValueError:
            return Verdict(problems)
    else:
        return Verdict([_not_text("arxiv_id", written, value)])
    try:
        parsed = parse_id(text)
    except ValueError:
        return Verdict(
            [f'{quoted(text)} is not an arXiv id; write it like "2406.01234" or "hep-th/9901001"']
        )
    problems = []
    if parsed.version is not None:
        problems.append(
            f"{quoted(text)} carries a version; drop 'v{parsed.version}': "
            f"arxiv_id: {quoted(parsed.id)} (the version goes in 'version: {parsed.version}')"
        )
    elif parsed.id != text:
        problems.append(
            f"{quoted(text)} is written another way than arXiv's id; write it as "
            f"arxiv_id: {quoted(parsed.id)} (a subject class such as .CA is not part of the id)"
        )
    if fileid(parsed.id) != file_id:
        problems.append(
            f"{quoted(parsed.id)} does not match the file name {file_id}.md; "
            f"rename the file to {fileid(parsed.id)}.md, or correct arxiv_id"
        )
    return Verdict(problems, parsed)


def _text_list(spec: Field, value: Any, written: Written, vocabulary: Vocabulary) -> list[str]:
    name = spec.name
    if isinstance(value, str):
        if name == "authors":
            example = json.dumps([value], ensure_ascii=False) if "," not in value else None
            example = example or '["First Author", "Second Author"]'
            fix = f"write one entry per author, in order: authors: {example}"
        else:
            items = [item.strip() for item in value.split(",") if item.strip()]
            fix = f"write a list: {name}: {json.dumps(items, ensure_ascii=False)}"
        return [f"is text, not a list; {fix}"]
    if not isinstance(value, list):
        return [f'is {written.kind}, not a list; write a list: {name}: ["...", "..."]']
    problems = []
    if name == "authors" and not value:
        problems.append("is an empty list; list every author, in order")
    shapes = written.items or tuple(Written.of_value(item) for item in value)
    for number, (item, item_written) in enumerate(zip(value, shapes, strict=False), start=1):
        if isinstance(item, str) and item.strip():
            continue
        if isinstance(item, str) or item is None:
            problems.append(f"entry {number} is empty; remove it or fill it in")
        else:
            raw = f" ({item_written.raw})" if item_written.raw is not None else ""
            problems.append(
                f"entry {number} is {item_written.kind}{raw}, not text; "
                "write it as text in double quotes"
            )
    return problems


def _tags(spec: Field, value: Any, written: Written, vocabulary: Vocabulary) -> list[str]:
    problems = _text_list(spec, value, written, vocabulary)
    if not isinstance(value, list):
        return problems
    listed: set[str] = set()
    for tag in value:
        if not isinstance(tag, str) or not tag.strip():
            continue
        if tag in listed:
            problems.append(f"{quoted(tag)} is listed twice; keep one")
            continue
        listed.add(tag)
        unknown = vocabulary.unknown_tag(tag)
        if unknown:
            problems.append(unknown)
    return problems


def _day(spec: Field, value: Any, written: Written, vocabulary: Vocabulary) -> list[str]:
    name = spec.name
    if isinstance(value, dt.datetime):
        return [
            f"{written.raw} has a time of day; write only the day: "
            f"{name}: {value.date().isoformat()}"
        ]
    if isinstance(value, dt.date):
        return []
    if isinstance(value, str) and _ISO_DAY.fullmatch(value.strip()):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError as error:
            return [f"{value} is not a real date ({error}); write a real day as YYYY-MM-DD"]
        return [f"is text in quotes, not a date; remove the quotes: {name}: {day}"]
    return [
        f"{_shown(written, value)} is not a date; write the day as YYYY-MM-DD, "
        f"e.g. {name}: 2026-06-12"
    ]


def _count(spec: Field, value: Any, written: Written, vocabulary: Vocabulary) -> list[str]:
    name = spec.name
    least = 1 if name == "version" else 0
    if isinstance(value, int) and not isinstance(value, bool):
        if value < least:
            return [f"is {value}; write a whole number of at least {least}"]
        return []
    if isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
        return [f"is text in quotes, not a number; remove the quotes: {name}: {value.strip()}"]
    return [f"{_shown(written, value)} is not a whole number; write one, e.g. {name}: 12"]


def _link(spec: Field, value: Any, written: Written, vocabulary: Vocabulary) -> list[str]:
    return _links(value)


def _links(value: Any) -> list[str]:
    problems = []
    for link in value if isinstance(value, list) else [value]:
        if not isinstance(link, str):
            problems.append("is not a link; write an address that starts with https://")
            continue
        problem = link_problem(link)
        if problem:
            problems.append(f"{quoted(link)} {problem}")
    return problems


def _custom(name: str, value: Any) -> list[str]:
    """The rule of a custom key: a link, by its name or its value, must be a safe one."""
    values = value if isinstance(value, list) else [value]
    is_link = (
        name in _LINK_NAMES
        or name.endswith(_LINK_SUFFIXES)
        or any(isinstance(item, str) and _LINK_VALUE.match(item) for item in values)
    )
    if not is_link:
        return []
    if value is None:
        return ["is empty; write a value or delete the line"]
    return _links(value)


_RULES: dict[Kind, Callable[[Field, Any, Written, Vocabulary], list[str]]] = {
    Kind.TEXT: _text,
    Kind.TEXT_LIST: _text_list,
    Kind.TAGS: _tags,
    Kind.DAY: _day,
    Kind.COUNT: _count,
    Kind.LINK: _link,
}


def link_problem(link: str) -> str | None:
    """Why `link` is not a safe http(s) address with a host, or None when it is one."""
    if not link.strip():
        return "is empty; write the address or delete the line"
    if _WHITESPACE.search(link):
        return "contains spaces; write the address without spaces (a space is written %20)"
    try:
        parts = urlsplit(link)
        host = parts.hostname
    except ValueError:
        return "is not a valid address; copy it again from the browser's address bar"
    if parts.scheme.lower() not in ("http", "https"):
        return (
            "is not an http(s) link; write an address that starts with https:// "
            "(or delete the line)"
        )
    if not host:
        return "has no host name; write a full address, e.g. https://example.org/page"
    return None


def too_deep_brace(text: str) -> int | None:
    """Where braces in `text` first nest deeper than MAX_BRACE_DEPTH, or None."""
    if text.count("{") <= MAX_BRACE_DEPTH:
        return None
    depth = 0
    for brace in _BRACE.finditer(text):
        if brace[0] == "}":
            depth = max(depth - 1, 0)
            continue
        depth += 1
        if depth > MAX_BRACE_DEPTH:
            return brace.start()
    return None


def _shown(written: Written, value: Any) -> str:
    """A value as the contributor wrote it: text in quotes, a number or date as is."""
    if isinstance(value, str):
        return quoted(value)
    return written.raw if written.raw is not None else written.kind


def _not_text(name: str, written: Written, value: Any) -> str:
    """The problem of a field that must be text but is a number, date, list..."""
    if written.raw is None:
        return f"is {written.kind}, not text; write it as text in double quotes"
    read_as = ""
    if isinstance(value, float) and str(value) != written.raw:
        read_as = f", and YAML reads it as {value}"
    return (
        f"is {written.kind} ({written.raw}), not text{read_as}; "
        f"quote it: {name}: {quoted(written.raw)}"
    )


@dataclass
class Usable:
    """What of a record (the fetch's) a paper file may hold."""

    record: dict[str, Any]
    dropped: list[str]
    """One note per value left out: `github: "javascript:x" is not an http(s) link ...`."""
    refused: str | None = None
    """Why no paper file can be written at all (a required field missing or refused)."""


def usable_record(record: dict[str, Any], vocabulary: Vocabulary, file_id: str) -> Usable:
    """The values of `record` that pass their field's rule, by the same rules as a file.

    An optional value that fails is left out, and so is each entry of `keywords` or `tags`
    that fails (a tag must be known); `authors` is kept or refused whole (an author is never
    silently dropped). A required field that is missing or fails refuses the record.
    """
    usable: dict[str, Any] = {}
    dropped: list[str] = []
    for name, value in record.items():
        if name == BODY:
            problem = _body_problem(value)
            if problem is None:
                usable[name] = value
            else:
                dropped.append(f"abstract: {problem}")
            continue
        spec = BY_NAME.get(name)
        if spec is not None and spec.kind in (Kind.TAGS, Kind.TEXT_LIST) and name != "authors":
            usable[name] = _usable_entries(name, value, vocabulary, file_id, dropped)
            continue
        problems = (
            _unshowable(name, value)
            or judge(name, value, Written.of_value(value), vocabulary, file_id).problems
        )
        if not problems:
            usable[name] = value
        elif spec is not None and spec.required:
            return Usable(usable, dropped, f"{name}: {problems[0]}")
        else:
            dropped.append(f"{name}: {problems[0]}")
    for name in REQUIRED:
        if name not in usable:
            return Usable(usable, dropped, f"{name}: missing")
    return Usable(usable, dropped)


def _usable_entries(
    name: str, value: Any, vocabulary: Vocabulary, file_id: str, dropped: list[str]
) -> list[Any]:
    if not isinstance(value, list):
        dropped.append(f"{name}: is {Written.of_value(value).kind}, not a list")
        return []
    kept: list[Any] = []
    for entry in value:
        if entry in kept:
            continue
        problems = (
            _unshowable(name, entry)
            or judge(name, [entry], Written.of_value([entry]), vocabulary, file_id).problems
        )
        if problems:
            shown = problems[0].replace("entry 1 ", f"entry {quoted(str(entry))} ", 1)
            dropped.append(f"{name}: {shown}")
        else:
            kept.append(entry)
    return kept


def _body_problem(value: Any) -> str | None:
    """Why an abstract (the Markdown body) cannot be written, or None when it can."""
    if not isinstance(value, str):
        return f"is {Written.of_value(value).kind}, not text"
    if len(value) > MAX_ABSTRACT_LENGTH:
        return f"is {len(value):,} characters long, more than the {MAX_ABSTRACT_LENGTH:,} allowed"
    if too_deep_brace(value) is not None:
        return BRACES_TOO_DEEP
    found = _unshowable("the abstract", value)
    return found[0] if found else None


def _unshowable(name: str, value: Any) -> list[str]:
    """The problem of the first character no page can hold in any text of `value`."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            character = UNSHOWABLE_IN_VALUE.search(item)
            if character:
                return [unshowable_message(character[0], name)]
        elif isinstance(item, list | tuple):
            pending.extend(item)
        elif isinstance(item, dict):
            pending.extend([*item.keys(), *item.values()])
    return []
