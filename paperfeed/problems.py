"""A problem of an input file (a paper file, the topics file, the category list): where it
is, what is wrong and how to fix it, printed on one line."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

# Line breaks (of YAML and of editors) and characters a terminal or a log would garble.
_NOT_ONE_LINE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Problem:
    """A problem at one line of one file: what is wrong and how to fix it.

    Printed on one line whatever its parts hold: a line break or control character in a field
    name, a path or a message is written as its escape (`\\n`, `\\u0008`).
    """

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{_one_line(self.path)}:{self.line}: {self.text()}"

    def text(self) -> str:
        """`field: message`, on one line."""
        return f"{_one_line(self.field)}: {_one_line(self.message)}"

    def github_annotation(self) -> str:
        """The problem as a GitHub Actions workflow command, shown on the pull request's diff."""
        file = _escape_property(_one_line(self.path))
        return f"::error file={file},line={self.line}::{_escape_data(self.text())}"


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known word one typo away from `word` (a letter added, dropped, changed, or two
    neighbours swapped), if there is exactly one such; case is ignored."""
    near = [candidate for candidate in known if _one_typo_apart(word.lower(), candidate.lower())]
    return near[0] if len(near) == 1 else None


def _one_typo_apart(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        swapped = len(differ) == 2 and differ[1] == differ[0] + 1
        return len(differ) == 1 or (
            swapped and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]]
        )
    shorter, longer = sorted((a, b), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def quoted(value: object, limit: int = 80) -> str:
    """`value` in double quotes on one line (escapes newlines), shortened past `limit`."""
    text = json.dumps(str(value), ensure_ascii=False)
    if len(text) > limit:
        text = text[: limit - 4] + '..."'
    return text


def _one_line(text: str) -> str:
    return _NOT_ONE_LINE.sub(lambda found: json.dumps(found[0])[1:-1], text)


def _escape_data(text: str) -> str:
    # The escape GitHub's runner undoes in a one-line workflow command's message.
    return text.replace("%", "%25")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
