"""Leave the theme's indentation out of the pages it renders.

The templates are indented for the people who edit them; a browser collapses that whitespace
anyway, and on a paper page it is about 4% of the bytes. Before Jinja compiles an HTML
template, this plugin removes the spaces and tabs that start its lines, and its blank lines,
except inside `<pre>` and `<textarea>`, where whitespace is content. It works on the template
source, once per build, so it costs nothing per page, and it never touches the text that
variables insert (an abstract, a BibTeX entry).
"""

import re

from jinja2.ext import Extension
from pelican import signals

# Whitespace is content inside these elements.
_VERBATIM = re.compile(r"(<(pre|textarea)\b.*?</\2\s*>)", re.DOTALL | re.IGNORECASE)
# A line's indentation, with any blank lines before it (the line break itself stays), and
# whether the line before ends with a tag whose line break Jinja drops (trim_blocks).
_INDENTATION = re.compile(r"([%#]\})?\n\s+")


def _unindent(match: re.Match) -> str:
    # After a block or comment tag the indentation may be the only whitespace left between
    # two words or elements: one space keeps it.
    return f"{match.group(1)}\n " if match.group(1) else "\n"


def compact(source: str) -> str:
    """`source` without indentation or blank lines outside `<pre>` and `<textarea>`."""
    parts = _VERBATIM.split(source)
    # split() returns text, element, element name, text, ...: every third part is text.
    for index in range(0, len(parts), 3):
        parts[index] = _INDENTATION.sub(_unindent, parts[index])
    del parts[2::3]
    return "".join(parts).lstrip(" \t")


class CompactHtmlExtension(Extension):
    """Jinja extension that compacts the source of every `.html` template."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if name is None or not name.endswith(".html"):
            return source
        return compact(source)


def add_extension(generator) -> None:
    """Give the generator's template environment the compacting preprocessor."""
    generator.env.add_extension(CompactHtmlExtension)


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.generator_init.connect(add_extension)
