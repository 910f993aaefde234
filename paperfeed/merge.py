"""The three-way merge that keeps people's corrections (docs/paper-format.md, "Corrections
survive"): a field takes upstream's new value only where the file still holds what the fetch
last wrote.
"""

from __future__ import annotations

from typing import Any

from .paperfile import ordered

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


def changed_fields(old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    """The keys whose values differ between two records, in file order."""
    old = old or {}
    keys = ordered(dict.fromkeys([*old, *new]))
    return [key for key in keys if old.get(key, _MISSING) != new.get(key, _MISSING)]
