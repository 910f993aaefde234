"""One problem found by `invoke check`, and the two ways of printing it."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A problem at one line of one file: what is wrong and how to fix it."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def github_annotation(self) -> str:
        """The problem as a GitHub Actions workflow command, shown on the pull request's diff."""
        file = _escape_property(self.path)
        return (
            f"::error file={file},line={self.line}::{_escape_data(f'{self.field}: {self.message}')}"
        )


def quoted(value: object, limit: int = 80) -> str:
    """`value` in double quotes on one line (escapes newlines), shortened past `limit`."""
    text = json.dumps(str(value), ensure_ascii=False)
    if len(text) > limit:
        text = text[: limit - 4] + '..."'
    return text


def _escape_data(text: str) -> str:
    # The escapes GitHub's runner undoes in a workflow command's message.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
