"""The paper file (`content/papers/<fileid>.md`) and its base record: read, write, merge.

A paper is handled as one dict: the front-matter keys plus `abstract`, the Markdown body.
The same dict, written as YAML, is the base record the fetch keeps in `content/.upstream/`
(see DESIGN.md "Corrections survive").
"""

from __future__ import annotations

import datetime
import json
import os
import re
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

BODY = "abstract"
"""Key under which a record holds the Markdown body."""

KEY_ORDER = (
    "title",
    "arxiv_id",
    "authors",
    "date",
    "published",
    "tags",
    "updated",
    "version",
    "upvotes",
    "github",
    "project_page",
    "keywords",
    "ai_summary",
    "comment",
    "doi",
    "journal_ref",
)

REQUIRED = ("title", "arxiv_id", "authors", "date")
"""The fields without which a paper file is refused by `invoke check`."""
_TEXT_FIELDS = ("title", "arxiv_id", "ai_summary", "comment", "doi", "journal_ref")
_LINK_FIELDS = ("github", "project_page")
_DAY_FIELDS = ("date", "published", "updated")
_LEAST_COUNT = {"upvotes": 0, "version": 1}
_SHOWN_LENGTH = 60
_TEMP_FILE = re.compile(r"\.(?P<target>.+)\.[0-9a-f]{8}\.tmp")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*|\n[ \t]+")
_WHITESPACE = re.compile(r"\s+")
# Pieces of an abstract paragraph that stay verbatim: an escaped dollar, or a TeX math span
# ($$...$$, or $...$ that neither starts nor ends with a space and is not followed by a digit,
# so "costs $5 and $10" is not math).
_VERBATIM = re.compile(r"\\\$|\$\$.+?\$\$|\$(?=\S)(?:\\.|[^$\\])+?(?<=\S)\$(?!\d)")
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]#&<>]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# A paragraph opening that Markdown would read as a list, a rule, a definition or a numbered
# list.
_BLOCK_START = re.compile(r"\A(?:([-+])|(\d+)\.(?=\s)|:(?=\s))")


class PaperFileError(Exception):
    """A paper file or base record that cannot be read; the message names the file."""


def fileid(arxiv_id: str) -> str:
    """File name stem of a paper: the arXiv id without version and without `/`."""
    return arxiv_id.replace("/", "")


def clean_title(text: str) -> str:
    """Collapse arXiv's line wraps and runs of spaces in a title (or any one-line field)."""
    return _WHITESPACE.sub(" ", text).strip()


def clean_abstract(text: str) -> list[str]:
    """Split an upstream abstract into paragraphs, each on one line.

    arXiv wraps lines with a bare newline and starts a new paragraph with a newline followed
    by indentation; a blank line also separates paragraphs.
    """
    paragraphs = (clean_title(p) for p in _PARAGRAPH_BREAK.split(text.strip()))
    return [p for p in paragraphs if p]


def markdown_body(text: str) -> str:
    """The abstract as Markdown that renders as the same plain text.

    Formatting characters (`* _ # [ ] { } \\` and backticks) are backslash-escaped, `& < >`
    become entities, and paragraph openings that would start a list are escaped. TeX math
    (`$...$`, `$$...$$`) is kept verbatim for the build's math rendering.
    """
    return "\n\n".join(_escape_paragraph(p) for p in clean_abstract(text))


def _escape_paragraph(paragraph: str) -> str:
    pieces = []
    position = 0
    for verbatim in _VERBATIM.finditer(paragraph):
        pieces.append(_escape_text(paragraph[position : verbatim.start()]))
        pieces.append(verbatim.group())
        position = verbatim.end()
    pieces.append(_escape_text(paragraph[position:]))
    escaped = "".join(pieces)
    start = _BLOCK_START.match(escaped)
    if start is None:
        return escaped
    if start.group(1):
        return "\\" + escaped
    if start.group(2):
        return f"{start.group(2)}\\{escaped[start.end(2) :]}"
    return "&#58;" + escaped[1:]


def _escape_text(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(lambda m: _ESCAPES.get(m.group(), "\\" + m.group()), text)


def ordered(record: dict[str, Any]) -> dict[str, Any]:
    """The record's keys in file order: DESIGN.md's order, then unknown keys sorted."""
    known = [key for key in KEY_ORDER if key in record]
    unknown = sorted(key for key in record if key not in KEY_ORDER and key != BODY)
    result = {key: record[key] for key in known + unknown}
    if BODY in record:
        result[BODY] = record[BODY]
    return result


class _FlowList(list):
    """A list written on one line, `[a, b]` (used for tags)."""


class _Dumper(yaml.SafeDumper):
    """Writes plain keys and double-quoted string values (so an id never reads as a number),
    and never an alias (`&id001`) for a value that occurs twice."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')


def _represent_dict(dumper: yaml.SafeDumper, value: dict) -> yaml.Node:
    pairs = [
        (
            dumper.represent_scalar("tag:yaml.org,2002:str", key)
            if isinstance(key, str)
            else dumper.represent_data(key),
            dumper.represent_data(item),
        )
        for key, item in value.items()
    ]
    return yaml.MappingNode("tag:yaml.org,2002:map", pairs, flow_style=False)


def _represent_flow_list(dumper: yaml.SafeDumper, value: list) -> yaml.Node:
    items = [
        # Plain where YAML allows it; the emitter quotes anything that would read as non-string.
        dumper.represent_scalar("tag:yaml.org,2002:str", item)
        if isinstance(item, str)
        else dumper.represent_data(item)
        for item in value
    ]
    return yaml.SequenceNode("tag:yaml.org,2002:seq", items, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(_FlowList, _represent_flow_list)


def _dump(mapping: dict[str, Any]) -> str:
    return yaml.dump(
        mapping,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1 << 30,  # never fold a line: a long title stays one line in every diff
    )


def _front_matter(record: dict[str, Any]) -> dict[str, Any]:
    front = ordered({key: value for key, value in record.items() if key != BODY})
    if isinstance(front.get("tags"), list):
        front["tags"] = _FlowList(front["tags"])
    return front


def render_paper(record: dict[str, Any]) -> bytes:
    """The bytes of a paper file: YAML front matter, a blank line, the Markdown body."""
    body = record.get(BODY, "").strip("\n")
    text = f"---\n{_dump(_front_matter(record))}---\n"
    if body:
        text += f"\n{body}\n"
    return text.encode("utf-8")


def render_base(record: dict[str, Any]) -> bytes:
    """The bytes of a base record: the whole record, body included, as one YAML mapping."""
    mapping = _front_matter(record)
    if BODY in record:
        mapping[BODY] = record[BODY]
    return _dump(mapping).encode("utf-8")


def parse_paper(text: str, path: Path | str = "<paper>") -> dict[str, Any]:
    """Parse the text of a paper file into a record; PaperFileError names the problem."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise PaperFileError(f"{path}: no YAML front matter (the file must start with '---')")
    meta = _load(match.group(1) or "", path, first_line=2) or {}
    if not isinstance(meta, dict):
        raise PaperFileError(f"{path}: the front matter must be a mapping of keys to values")
    meta[BODY] = text[match.end() :].strip("\n")
    return meta


def _read_text(path: Path) -> str | None:
    """The file's UTF-8 text, or None when there is no such file."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise PaperFileError(f"{path}: cannot read it: {error}") from None


def read_paper(path: Path) -> dict[str, Any] | None:
    """Read a paper file, or None when there is none."""
    text = _read_text(path)
    return None if text is None else parse_paper(text, path)


def read_base(path: Path) -> dict[str, Any] | None:
    """Read a base record, or None when there is none."""
    data = read_yaml(path)
    if data is None:
        return None
    if not isinstance(data, dict):
        raise PaperFileError(f"{path}: the YAML must be a mapping of keys to values")
    return data


def read_yaml(path: Path) -> Any:
    """The data of a YAML file (safe loader, C-accelerated when present); None when missing."""
    text = _read_text(path)
    return None if text is None else _load(text, path)


def _load(text: str, path: Path | str, first_line: int = 1) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + first_line})" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise PaperFileError(f"{path}: invalid YAML{where}: {problem}") from None


_MISSING = object()


def merge_paper(
    base: dict[str, Any] | None, ours: dict[str, Any], theirs: dict[str, Any]
) -> dict[str, Any]:
    """Three-way merge of a paper record, field by field (the body is the field `abstract`).

    A field takes the upstream value (`theirs`) only where the file (`ours`) still holds
    what the fetch last wrote (`base`); any other value is a person's edit and is kept, as
    are keys only the file has. `tags` merge as a set: tags a person added or removed stay
    so, while tags upstream added or dropped follow upstream. Without a base every field the
    file has counts as edited.
    """
    base = base if base is not None else {}
    merged: dict[str, Any] = {}
    for key in dict.fromkeys([*ours, *theirs, *base]):
        was, mine, new = base.get(key, _MISSING), ours.get(key, _MISSING), theirs.get(key, _MISSING)
        if mine == was:
            value = new
        elif key == "tags" and all(isinstance(v, list) for v in (was, mine, new)):
            value = _merge_tags(was, mine, new)
        else:
            value = mine
        if value is not _MISSING:
            merged[key] = value
    return ordered(merged)


def _merge_tags(base: list, ours: list, theirs: list) -> list:
    dropped = [tag for tag in base if tag not in theirs]
    added = [tag for tag in theirs if tag not in base and tag not in ours]
    return [tag for tag in ours if tag not in dropped] + added


def usable_record(
    record: dict[str, Any], is_known_tag: Callable[[str], bool]
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The fields of a record a paper file may hold, and (field, why) for each value left out.

    Texts must be non-empty Unicode, links http(s) addresses with a host and without spaces,
    counts whole numbers (`upvotes` from 0, `version` from 1), days dates, the body text.
    `authors` must be a list of names: one bad entry makes the whole list unusable, since an
    author is never silently dropped. `keywords` and `tags` lose only their bad entries; a
    tag must be known (`is_known_tag`). Fields without a rule are kept as they are. `why`
    reads like "github 'javascript:alert(1)' (not an http(s) address)".
    """
    usable: dict[str, Any] = {}
    left_out: list[tuple[str, str]] = []
    for name, value in record.items():
        if name in ("keywords", "tags"):
            kept, problems = _usable_entries(name, value, is_known_tag)
            left_out += [(name, problem) for problem in problems]
            if kept or name == "tags":  # a paper always has tags, maybe none
                usable[name] = kept
            continue
        problem = _field_problem(name, value)
        if problem is None:
            usable[name] = value
        else:
            left_out.append((name, f"{name} {_shown(value)} ({problem})"))
    return usable, left_out


def _field_problem(name: str, value: Any) -> str | None:
    """Why `value` cannot be the field `name` of a paper file, or None when it can."""
    if name in _TEXT_FIELDS:
        return _text_problem(value)
    if name == BODY:
        return _text_problem(value) if value != "" else None
    if name in _LINK_FIELDS:
        return _link_problem(value)
    if name in _DAY_FIELDS:
        is_day = isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
        return None if is_day else "not a day"
    if name in _LEAST_COUNT:
        least = _LEAST_COUNT[name]
        if isinstance(value, int) and not isinstance(value, bool) and value >= least:
            return None
        return f"not a whole number from {least}"
    if name == "authors":
        if not isinstance(value, list) or not value:
            return "not a list of names"
        for number, author in enumerate(value, 1):
            if _text_problem(author):
                return f"entry {number} is not a name"
    return None


def _usable_entries(
    name: str, value: Any, is_known_tag: Callable[[str], bool]
) -> tuple[list[str], list[str]]:
    """The usable entries of a list of texts, and why each other entry was left out."""
    if not isinstance(value, list):
        return [], [f"{name} {_shown(value)} (not a list of texts)"]
    kept: list[str] = []
    problems = []
    for entry in value:
        problem = _text_problem(entry)
        if problem is None and name == "tags" and not is_known_tag(entry):
            problem = "not a known arXiv category or topic"
        if problem is None and entry not in kept:
            kept.append(entry)
        elif problem is not None:
            problems.append(f"{name} entry {_shown(entry)} ({problem})")
    return kept, problems


def _text_problem(value: Any) -> str | None:
    if not isinstance(value, str):
        return "not text"
    if not value.strip():
        return "empty"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "not valid Unicode"
    return None


def _link_problem(value: Any) -> str | None:
    problem = _text_problem(value)
    if problem is not None:
        return problem
    if _WHITESPACE.search(value):
        return "an address with spaces"
    try:
        parts = urlsplit(value)
    except ValueError:
        return "not a valid address"
    if parts.scheme.lower() not in ("http", "https"):
        return "not an http(s) address"
    if not parts.hostname:
        return "an address without a host"
    return None


def _shown(value: Any) -> str:
    """A value as a note shows it: text in quotes, anything else as JSON, shortened."""
    shown = repr(value) if isinstance(value, str) else json.dumps(value, default=str)
    if len(shown) > _SHOWN_LENGTH:
        shown = shown[: _SHOWN_LENGTH - 2] + "…" + shown[-1]
    return shown


def changed_fields(old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    """The keys whose values differ between two records, in file order."""
    old = old or {}
    keys = ordered(dict.fromkeys([*old, *new]))
    return [key for key in keys if old.get(key, _MISSING) != new.get(key, _MISSING)]


def write_files(files: Iterable[tuple[Path, bytes]], journal: Path | None = None) -> None:
    """Write files atomically, all or none, even when the process is killed on the way.

    Every file goes to a temporary file beside its target first; only when all are written
    are they renamed into place, so a failure leaves the targets as they were and removes
    the temporary files. With a `journal`, the list of temporary files is written to it
    before the renames and removed after them: a process killed before the journal was
    complete leaves only temporary files, which `recover` removes; one killed after it
    leaves the journal, with which `recover` finishes the renames.
    """
    staged: list[tuple[Path, Path]] = []
    journaled = False
    try:
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_write_temp(path, data), path))
        if journal is not None and staged:
            _replace_atomically(journal, _journal_text(journal, [temp for temp, _ in staged]))
            journaled = True  # from here on the temporary files are the journal's to finish
        for temp, path in staged:
            os.replace(temp, path)
        if journaled:
            journal.unlink()
    finally:
        if not journaled:
            for temp, _ in staged:
                temp.unlink(missing_ok=True)


def recover(journal: Path, folders: Iterable[Path]) -> None:
    """Finish the renames a killed `write_files` left in `journal`, then remove every other
    temporary file in `folders` (where the journal's files must be)."""
    folders = {Path(os.path.abspath(folder)) for folder in folders}
    for temp in _journal_entries(journal, folders):
        if temp.exists():
            os.replace(temp, temp.with_name(_TEMP_FILE.fullmatch(temp.name)["target"]))
    journal.unlink(missing_ok=True)
    for folder in folders:
        for temp in folder.glob(".*.tmp"):
            if _TEMP_FILE.fullmatch(temp.name):
                temp.unlink(missing_ok=True)


def _journal_text(journal: Path, temps: list[Path]) -> bytes:
    names = [os.path.relpath(temp, journal.parent) for temp in temps]
    return json.dumps(names).encode("utf-8")


def _journal_entries(journal: Path, folders: set[Path]) -> list[Path]:
    """The temporary files a journal lists; what is not one of them in `folders` (a journal
    cut short, or not written by a fetch) is ignored."""
    try:
        names = json.loads(journal.read_bytes())
    except FileNotFoundError:
        return []
    except ValueError:
        names = []
    entries = []
    for name in names if isinstance(names, list) else []:
        temp = Path(os.path.abspath(journal.parent / str(name)))
        match = _TEMP_FILE.fullmatch(temp.name)
        if temp.parent in folders and match and not match["target"].startswith("."):
            entries.append(temp)
    return entries


def _replace_atomically(path: Path, data: bytes) -> None:
    temp = _write_temp(path, data)
    try:
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _write_temp(path: Path, data: bytes) -> Path:
    # A dot name with a .tmp suffix (_TEMP_FILE): no reader of content/ takes it for a paper.
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def as_date(text: object) -> datetime.date | None:
    """The calendar day of an ISO 8601 timestamp as the upstreams send it (`2026-06-12T...`),
    or None when there is none."""
    if not isinstance(text, str):
        return None
    try:
        return datetime.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None
