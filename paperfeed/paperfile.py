"""Paper files and base records as bytes: written in one stable form, read safely, replaced
atomically (docs/paper-format.md).

The fetch handles a paper as a record: one dict of the front-matter keys, in file order, plus
`abstract`, the Markdown body. `render_paper` writes a record as a paper file, `render_base`
as the base record the fetch keeps for its three-way merge (merge.py). The same record always
gives the same bytes: a fetch with nothing new changes no file. `write_files` replaces files
all or none, even when the process is killed on the way (a journal, rolled forward by
`recover`).
"""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from .schema import BODY, KEY_ORDER
from .yamldoc import YamlDocument, YamlProblem

_TEMP_FILE = re.compile(r"\.(?P<target>.+)\.[0-9a-f]{8}\.tmp")


class PaperFileError(Exception):
    """A paper file or base record that cannot be read; the message names the file."""


def ordered(record: dict[str, Any]) -> dict[str, Any]:
    """The record's keys in file order: the fields' order (schema.py), then custom keys
    sorted, then the body."""
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


def read_base(path: Path) -> dict[str, Any] | None:
    """Read a base record, or None when there is none; PaperFileError names a broken one.

    A base record is in the repository, so a pull request can change it: it is read with the
    same guard as a paper file (no anchors, no deep nesting, no character a page cannot hold).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise PaperFileError(f"{path}: cannot read it: {error}") from None
    try:
        document = YamlDocument(text, kind="base records")
        data = document.value(document.root) if document.root is not None else None
    except YamlProblem as problem:
        raise PaperFileError(f"{path}:{problem.line}: {problem.message}") from None
    except (ValueError, yaml.YAMLError) as error:
        raise PaperFileError(f"{path}: cannot read it: {error}") from None
    if not isinstance(data, dict):
        raise PaperFileError(f"{path}: the YAML must be a mapping of keys to values")
    return data


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
        if journal is not None and journaled:
            journal.unlink()
    finally:
        if not journaled:
            for temp, _ in staged:
                temp.unlink(missing_ok=True)


def recover(journal: Path, folders: Iterable[Path]) -> None:
    """Finish the renames a killed `write_files` left in `journal`, then remove every other
    temporary file in `folders` (where the journal's files must be)."""
    folders = {Path(os.path.abspath(folder)) for folder in folders}
    for temp, target in _journal_entries(journal, folders):
        if temp.exists():
            os.replace(temp, temp.with_name(target))
    journal.unlink(missing_ok=True)
    for folder in folders:
        for temp in folder.glob(".*.tmp"):
            if _TEMP_FILE.fullmatch(temp.name):
                temp.unlink(missing_ok=True)


def _journal_text(journal: Path, temps: list[Path]) -> bytes:
    names = [os.path.relpath(temp, journal.parent) for temp in temps]
    return json.dumps(names).encode("utf-8")


def _journal_entries(journal: Path, folders: set[Path]) -> list[tuple[Path, str]]:
    """The temporary files a journal lists, with the name each is renamed to; what is not one
    of them in `folders` (a journal cut short, or not written by a fetch) is ignored."""
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
            entries.append((temp, match["target"]))
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
