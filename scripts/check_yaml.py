"""YAML read as nodes, so that every value keeps the line it came from.

PyYAML composes the document with its C parser (libyaml) when it is installed, which keeps
`invoke check` fast; values are then built one field at a time, so one broken value (an
impossible date, say) is reported on its own line and the other fields are still checked.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STR_TAG = "tag:yaml.org,2002:str"
FENCE = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)

SYNTAX_HINT = (
    "fix the YAML syntax: a value that holds ': ' or ' #', or starts with a quote, "
    "'[', '{', '*', '&', '!', '|', '>', '%' or '@', must be put in double quotes"
)


class YamlProblem(Exception):
    """The text cannot be read as YAML (or has no front matter): where and why."""

    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.field = field
        self.message = message


def front_matter(text: str) -> tuple[str, int]:
    """The YAML between the two `---` lines that open a paper file, and the file line it starts on.

    Raises YamlProblem when the file does not open with a `---` line or never closes it.
    """
    first_newline = text.find("\n")
    first_line = text if first_newline < 0 else text[:first_newline]
    if not FENCE.fullmatch(first_line):
        raise YamlProblem(
            1,
            "front matter",
            "the file does not start with a '---' line; put the fields between two '---' "
            "lines at the top of the file",
        )
    closing = FENCE.search(text, first_newline + 1) if first_newline >= 0 else None
    if closing is None:
        raise YamlProblem(
            1,
            "front matter",
            "no closing '---' line; end the fields with a line that holds only '---'",
        )
    return text[first_newline + 1 : closing.start()], 2


class YamlDocument:
    """One YAML document composed into nodes; lines are counted in the enclosing file."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        """Compose `text`, whose first line is line `first_line` of its file.

        Raises YamlProblem (field `yaml`) when the text is not valid YAML.
        """
        self.first_line = first_line
        self._loader = Loader(text)
        try:
            self.root: yaml.Node | None = self._loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            raise YamlProblem(self._error_line(error), "yaml", _describe(error)) from None
        except yaml.YAMLError as error:
            position = getattr(error, "position", 0) or 0
            line = text.count("\n", 0, position) + first_line
            raise YamlProblem(line, "yaml", f"{error}; {SYNTAX_HINT}") from None

    def line(self, node: yaml.Node) -> int:
        """The file line a node starts on (1-based)."""
        return node.start_mark.line + self.first_line

    def value(self, node: yaml.Node) -> Any:
        """The Python value of a node, built the way yaml.safe_load builds it.

        Raises ValueError (an impossible date such as 2026-02-30) or yaml.YAMLError.
        """
        # Text and lists of text are most of a paper; PyYAML would build them from the node's
        # text too, only slower. This halves the time of a check.
        if isinstance(node, yaml.ScalarNode) and node.tag == STR_TAG:
            return node.value
        if isinstance(node, yaml.SequenceNode) and all(
            isinstance(item, yaml.ScalarNode) and item.tag == STR_TAG for item in node.value
        ):
            return [item.value for item in node.value]
        return self._loader.construct_object(node, deep=True)

    def _error_line(self, error: yaml.MarkedYAMLError) -> int:
        mark = error.problem_mark
        # An unclosed quote or bracket is noticed lines later; show where it was opened.
        context = error.context or ""
        if error.context_mark is not None and ("flow" in context or "quoted" in context):
            mark = error.context_mark
        return (mark.line if mark is not None else 0) + self.first_line


def _describe(error: yaml.MarkedYAMLError) -> str:
    parts = [part for part in (error.problem, error.context) if part]
    return f"{' '.join(parts) or 'not valid YAML'}; {SYNTAX_HINT}"
