"""YAML read as nodes, so that every value keeps the line it came from, and the one place a
paper file is split into its front matter and its body.

PyYAML composes the document with its C parser (libyaml) when it is installed, which keeps
`invoke check` fast; values are then built one field at a time, so one broken value (an
impossible date, say) is reported on its own line and the other fields are still checked.

Before any node is built, the text is refused when the build could not hold it: a character
no page or feed can carry, an anchor or alias (a few lines of them expand into billions of
values), or lists and fields nested more than MAX_NESTING deep in a value (libyaml's composer
recurses once per level, and crashes the process at some tens of thousands).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, NamedTuple

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STR_TAG = "tag:yaml.org,2002:str"
OPENING = re.compile(r"---[ \t]*")
# The front matter ends at a line `---`, or `...` (YAML's own end of a document).
CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
# Lists and sets of fields nested in a value (the document's own list or fields not counted).
MAX_NESTING = 20

SYNTAX_HINT = (
    "fix the YAML syntax: a value that holds ': ' or ' #', or starts with a quote, "
    "'[', '{', '*', '&', '!', '|', '>', '%' or '@', must be put in double quotes"
)

# Characters no page or feed can hold (XML 1.0 has no place for them), and DEL: C0 controls but
# tab and newline, U+007F, U+FFFE, U+FFFF and lone surrogates. In a file's text a carriage
# return ends a line (the build reads it as one); in a value only an escape ("\r") puts one,
# and it is refused like the others.
UNSHOWABLE_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
UNSHOWABLE_IN_VALUE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
# Line breaks of YAML that Python's "\n" searches below do not see.
_OTHER_LINE_BREAKS = ("\r", "\x85", "\u2028", "\u2029")
_BLOCK_INDICATORS = " \t?:-"
# A line's `key:` (after any `- `), to name the field of a problem found before parsing.
_KEY_LINE = re.compile(
    r"^[ \t]*(?:-[ \t]+)*([^\s#?:,\[\]{}&*!|>%@`'\"-][^\n#]*?)[ \t]*:(?:[ \t]|$)", re.MULTILINE
)
_INVALID_ESCAPE = "found invalid Unicode character escape code"
_ESCAPE_DIGITS = {"x": 2, "u": 4, "U": 8}


class YamlProblem(Exception):
    """The text cannot be read as YAML (or has no front matter): where and why."""

    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.field = field
        self.message = message


class FrontMatter(NamedTuple):
    """A paper file cut in two: the YAML between the `---` lines, and the body after them."""

    yaml: str
    first_line: int  # the file line the YAML starts on
    body: str
    body_line: int  # the file line the body starts on


def front_matter(text: str) -> FrontMatter:
    """The YAML between the `---` line that opens a paper file and the next `---` (or `...`)
    line, and the body after them. `text` has `\n` line ends.

    Raises YamlProblem when the file does not open with a `---` line or never closes it.
    """
    first_newline = text.find("\n")
    first_line = text if first_newline < 0 else text[:first_newline]
    if not OPENING.fullmatch(first_line):
        raise YamlProblem(
            1,
            "front matter",
            "the file does not start with a '---' line; put the fields between two '---' "
            "lines at the top of the file",
        )
    closing = CLOSING.search(text, first_newline + 1) if first_newline >= 0 else None
    if closing is None:
        raise YamlProblem(
            1,
            "front matter",
            "no closing '---' line; end the fields with a line that holds only '---'",
        )
    body_start = min(closing.end() + 1, len(text))
    return FrontMatter(
        text[first_newline + 1 : closing.start()],
        2,
        text[body_start:],
        text.count("\n", 0, body_start) + 1,
    )


def holds_unshowable(text: str) -> bool:
    """Whether `text` holds a character of UNSHOWABLE_IN_TEXT (search it for where)."""
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return True
    # Deleting bytes in a C loop tells "none" several times faster than the regex search can.
    return (
        len(encoded.translate(None, _CONTROL_BYTES)) != len(encoded)
        or "\ufffe" in text
        or "\uffff" in text
    )


def character_name(character: str) -> str:
    """What a character the site cannot show is, with its code: `control character U+0008`."""
    code = f"U+{ord(character):04X}"
    if "\ud800" <= character <= "\udfff":
        return f"lone surrogate {code}"
    if character in "\ufffe\uffff":
        return f"noncharacter {code}"
    return f"control character {code}"


def unshowable_message(character: str, where: str) -> str:
    """The problem of a character no page or feed can hold, found in `where`."""
    return f"remove the {character_name(character)} from {where}"


class YamlDocument:
    """One YAML document composed into nodes; lines are counted in the enclosing file."""

    def __init__(self, text: str, first_line: int = 1, kind: str = "this file") -> None:
        """Compose `text`, whose first line is line `first_line` of its file.

        `kind` names the file in the problem of an anchor ("paper files"). Raises YamlProblem
        when the text is not valid YAML, holds a character no page can show, an anchor or an
        alias, or a value nested more than MAX_NESTING deep.
        """
        self.first_line = first_line
        self._text = text
        self._has_escapes = "\\" in text
        unshowable = UNSHOWABLE_IN_TEXT.search(text) if holds_unshowable(text) else None
        if unshowable is not None:
            field = _field_at(text, unshowable.start())
            raise YamlProblem(
                text.count("\n", 0, unshowable.start()) + first_line,
                field or "yaml",
                unshowable_message(unshowable[0], field or "this line"),
            )
        if "&" in text or "*" in text or not _surely_shallow(text):
            self._refuse_anchors_and_deep_nesting(kind)
        self._loader = Loader(text)
        try:
            self.root: yaml.Node | None = self._loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            raise self._problem(error) from None
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

    def unshowable_characters(self, node: yaml.Node) -> list[tuple[int, str]]:
        """The line and character of each text under `node` (keys too) that no page can show.

        The text itself was searched when the document was read, so only an escape in double
        quotes ("\\b", "\\0", "\\x7f"...) puts such a character in a value.
        """
        if not self._has_escapes:
            return []
        found = []
        pending = [node]
        while pending:
            node = pending.pop()
            if isinstance(node, yaml.ScalarNode):
                unshowable = UNSHOWABLE_IN_VALUE.search(node.value)
                if unshowable:
                    found.append((self.line(node), unshowable[0]))
            elif isinstance(node, yaml.MappingNode):
                pending.extend(item for pair in reversed(node.value) for item in reversed(pair))
            else:
                pending.extend(reversed(node.value))
        return found

    def _refuse_anchors_and_deep_nesting(self, kind: str) -> None:
        """Raise YamlProblem at the first anchor, alias or value nested too deep.

        Reads the text event by event, before any node is built, and stops there.
        """
        loader = Loader(self._text)
        depth = 0
        root_is_mapping = False
        root_entries = 0  # the keys and values met directly in the root mapping
        field = "yaml"
        try:
            while not isinstance(event := loader.get_event(), yaml.StreamEndEvent):
                if depth == 1 and root_is_mapping and isinstance(event, yaml.NodeEvent):
                    root_entries += 1
                    if root_entries % 2:
                        field = event.value if isinstance(event, yaml.ScalarEvent) else "yaml"
                if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                    raise YamlProblem(
                        _line(event.start_mark) + self.first_line,
                        field,
                        f"YAML anchors and aliases (& and *) are not allowed in {kind}; "
                        "write the value out",
                    )
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth == 1:
                        root_is_mapping = isinstance(event, yaml.MappingStartEvent)
                    if depth > MAX_NESTING + 1:
                        raise YamlProblem(
                            _line(event.start_mark) + self.first_line,
                            field,
                            f"lists and sets of fields are nested more than {MAX_NESTING} "
                            "deep; write a flatter value",
                        )
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
        except yaml.YAMLError:
            return  # composing the text reports it, with the same line and words

    def _problem(self, error: yaml.MarkedYAMLError) -> YamlProblem:
        line = self._error_line(error)
        surrogate = _escaped_surrogate(self._text, error)
        if surrogate and error.problem_mark is not None:
            field = _field_at(self._text, error.problem_mark.index) or "yaml"
            return YamlProblem(line, field, unshowable_message(surrogate, field))
        return YamlProblem(line, "yaml", _describe(error))

    def _error_line(self, error: yaml.MarkedYAMLError) -> int:
        mark = error.problem_mark
        # An unclosed quote or bracket is noticed lines later; show where it was opened.
        context = error.context or ""
        if error.context_mark is not None and ("flow" in context or "quoted" in context):
            mark = error.context_mark
        return (mark.line if mark is not None else 0) + self.first_line


def _line(mark: Any) -> int:
    """The 0-based line of a mark (0 when the parser gives none)."""
    return mark.line if mark is not None else 0


def _surely_shallow(text: str) -> bool:
    """True when the characters of `text` alone show its values nest at most MAX_NESTING deep.

    A flow list or set of fields opens with `[` or `{`. A block one opens where a line's run of
    spaces and indicators (`- `, `? `, `: `) ends, at a column deeper than the one holding it;
    so block nesting is at most twice (a list written unindented under its key adds one) the
    number of columns up to the widest such run, plus one for a byte-order mark.
    """
    if any(line_break in text for line_break in _OTHER_LINE_BREAKS):
        return False
    flow = text.count("[") + text.count("{")
    widest_allowed = (MAX_NESTING + 1 - flow) // 2 - 2
    if widest_allowed < 0:
        return False
    first_run = len(text) - len(text.lstrip(_BLOCK_INDICATORS))
    return first_run <= widest_allowed and not _indicator_run(widest_allowed + 1).search(text)


@cache
def _indicator_run(count: int) -> re.Pattern[str]:
    """A line that starts with `count` or more spaces and block indicators."""
    return re.compile(rf"\n[ \t?:-]{{{count},}}")


def _field_at(text: str, offset: int) -> str | None:
    """The key on the line holding `offset`, or else on the nearest line above with one."""
    line_end = text.find("\n", offset)
    key = None
    for match in _KEY_LINE.finditer(text, 0, len(text) if line_end < 0 else line_end):
        key = match[1]
    return key


def _escaped_surrogate(text: str, error: yaml.MarkedYAMLError) -> str | None:
    """The lone surrogate an escape such as "\\ud800" stands for, when that is the error."""
    mark = error.problem_mark
    if error.problem != _INVALID_ESCAPE or mark is None or mark.index < 1:
        return None
    digits = _ESCAPE_DIGITS.get(text[mark.index - 1], 0)
    hex_digits = text[mark.index : mark.index + digits]
    if not digits or not re.fullmatch(r"[0-9A-Fa-f]+", hex_digits):
        return None
    character = chr(min(int(hex_digits, 16), 0x10FFFF))
    return character if "\ud800" <= character <= "\udfff" else None


def _describe(error: yaml.MarkedYAMLError) -> str:
    parts = [part for part in (error.problem, error.context) if part]
    return f"{' '.join(parts) or 'not valid YAML'}; {SYNTAX_HINT}"
