"""An abstract as Markdown: written by the fetch so it reads as the source's plain text, and
rendered by the build (and the check) so it can never carry markup of its own.

Writing (`markdown_body`): formatting characters are escaped, TeX spans kept verbatim.

Rendering (`safe_markdown`): raw HTML is not recognised at all, so a `<script>` in the text
comes out as the text `<script>`. Links keep only http(s) and mailto targets, and images
become plain links, so nothing executes and nothing loads from another host. TeX spans
(tex.py) are kept verbatim in a `<span class="math">`, so `$a_1 *b* c_2$` never turns into
emphasis; render.py renders them. "$5 and $10" is not a TeX span.

What Markdown does with an abstract is bounded: an abstract is at most MAX_ABSTRACT_LENGTH
characters (rules.py; the validation refuses longer ones), and links are looked for within
MAX_LINK_NESTING brackets and MAX_LINK_TARGET characters, so the time it takes grows with its
length, not with its length squared.
"""

import re
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.blockprocessors import (
    BlockQuoteProcessor,
    HashHeaderProcessor,
    HRProcessor,
    ReferenceProcessor,
    SetextHeaderProcessor,
)
from markdown.extensions import Extension
from markdown.inlinepatterns import (
    LINK_RE,
    REFERENCE_RE,
    InlineProcessor,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .tex import TEX_SPAN, TEX_SPAN_PATTERN

SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Python-Markdown looks for the `]` that ends a link's text and the `)` that ends its target
# from each `[` to the end of the text, which takes time quadratic in its length (10,000 `[`:
# 19 s). Here the look stops after MAX_LINK_NESTING nested brackets or MAX_LINK_TARGET
# characters of target and title: such a `[` stays text.
MAX_LINK_NESTING = 8
MAX_LINK_TARGET = 300
_BRACKET = re.compile(r"[\[\]]")
# A link target ends at a `)`, or after a title's quote; without one the search is in vain.
_TARGET_END = re.compile(r"[)\"']")
_RAW_HTML = (("preprocessors", "html_block"), ("inlinePatterns", "html"))
_IMAGE_PATTERNS = ("image_link", "image_reference", "short_image_ref")
_RULE_MARKS = ("-", "_", "*")
# Python-Markdown searches each text with each inline pattern. Its backtick and link regexes
# open with a look back, which the regex engine tries at every position: each gets an
# equivalent (the same matches, with the same groups) that first checks for the character
# every match starts with, so the engine skips ahead. Where every match has one of some
# characters at or after its start, a text without any of them is not searched at all.
# A stock regex other than the one shown equivalent (another Python-Markdown) is kept.
_LINK_START = (r"(?<!\!)\[", r"\[(?<!\!\[)", "")
FASTER_PATTERNS = {  # name: (stock regex, equivalent regex, characters every match needs)
    "backtick": (
        r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)",
        r"(?=[\\`])(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)",
        "`",
    ),
    "reference": _LINK_START,
    "link": _LINK_START,
    "short_reference": _LINK_START,
    "em_strong": (r"\*|_", r"\*|_", "*_"),
}


class _SearchedFor:
    """A regex that finds nothing, without searching, in a text that lacks all of `characters`.

    Each match of the regex has one of `characters` at or after the place it starts.
    """

    def __init__(self, regex: re.Pattern, characters: str):
        self.regex = regex
        self.characters = characters

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match]:
        # What Python-Markdown's inline processor runs over each text, for each pattern.
        if any(text.find(character, pos, endpos) >= 0 for character in self.characters):
            return self.regex.finditer(text, pos, endpos)
        return iter(())

    def __getattr__(self, name: str) -> Any:
        return getattr(self.regex, name)


class _TexSpan(InlineProcessor):
    """Keep a TeX span as literal text that no other Markdown rule touches."""

    def handleMatch(self, m: re.Match, data: str) -> tuple[Element, int, int]:
        span = Element("span", {"class": "math"})
        span.text = AtomicString(m.group(0))
        return span, m.start(0), m.end(0)


class _HashHeaders(HashHeaderProcessor):
    """Python-Markdown's `#` headings, not searched for in a block that has no `#`."""

    def test(self, parent: Element, block: str) -> bool:
        return "#" in block and super().test(parent, block)


class _SetextHeaders(SetextHeaderProcessor):
    """Python-Markdown's underlined headings, not looked for in a block of one line."""

    def test(self, parent: Element, block: str) -> bool:
        return "\n" in block and super().test(parent, block)


class _Rules(HRProcessor):
    """Python-Markdown's rules (`---`), not searched for unless a line starts with `-`, `_`, `*`."""

    def test(self, parent: Element, block: str) -> bool:
        starts = (line.lstrip(" ")[:1] for line in block.split("\n"))
        return any(start in _RULE_MARKS for start in starts) and super().test(parent, block)


class _BlockQuotes(BlockQuoteProcessor):
    """Python-Markdown's `>` quotes, not searched for in a block that has no `>`."""

    def test(self, parent: Element, block: str) -> bool:
        return ">" in block and super().test(parent, block)


class _References(ReferenceProcessor):
    """Python-Markdown's link definitions (`[id]: url`), not searched for without a `]:`."""

    def run(self, parent: Element, blocks: list[str]) -> bool:
        return "]:" in blocks[0] and super().run(parent, blocks)


class _BoundedLinkText:
    """Python-Markdown's link text search, giving up past MAX_LINK_NESTING nested brackets."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        # As LinkInlineProcessor.getText, jumping from bracket to bracket.
        depth = 1
        for bracket in _BRACKET.finditer(data, index):
            depth += 1 if bracket.group() == "[" else -1
            if not depth:
                return data[index : bracket.start()], bracket.end(), True
            if depth > MAX_LINK_NESTING:
                break
        return "", len(data), False


class _Links(_BoundedLinkText, LinkInlineProcessor):
    """`[text](target)`, with a target (and title) of at most MAX_LINK_TARGET characters."""

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        end = index + MAX_LINK_TARGET
        if not _TARGET_END.search(data, index, end):
            return "", None, index, False
        return super().getLink(data[:end], index)


class _ReferenceLinks(_BoundedLinkText, ReferenceInlineProcessor):
    """`[text][id]`."""


class _ShortReferenceLinks(_BoundedLinkText, ShortReferenceInlineProcessor):
    """`[id]`."""


class _SafeLinks(Treeprocessor):
    """Drop any link target whose scheme is not in SAFE_LINK_SCHEMES, or that is no URL."""

    def run(self, root: Element) -> None:
        for link in root.iter("a"):
            try:
                scheme = urlsplit(link.get("href", "")).scheme
            except ValueError:  # `http://[x`: an IPv6 address that does not end
                scheme = ""
            if scheme.lower() not in SAFE_LINK_SCHEMES:
                link.attrib.pop("href", None)


class SafeTextExtension(Extension):
    """Python-Markdown extension: no raw HTML, no images, safe links, verbatim TeX."""

    def extendMarkdown(self, md: Markdown) -> None:
        for registry, name in _RAW_HTML:
            getattr(md, registry).deregister(name)
        for name in _IMAGE_PATTERNS:
            md.inlinePatterns.deregister(name)
        # Bounded link processors, at Python-Markdown's own priorities for them.
        md.inlinePatterns.register(_ReferenceLinks(REFERENCE_RE, md), "reference", 170)
        md.inlinePatterns.register(_Links(LINK_RE, md), "link", 160)
        md.inlinePatterns.register(_ShortReferenceLinks(REFERENCE_RE, md), "short_reference", 130)
        for name, (stock, equivalent, needed) in FASTER_PATTERNS.items():
            pattern = md.inlinePatterns[name]
            if pattern.compiled_re.pattern == stock:
                regex = re.compile(equivalent, pattern.compiled_re.flags)
                pattern.compiled_re = _SearchedFor(regex, needed) if needed else regex
        # At Python-Markdown's own priorities for them.
        blocks = md.parser.blockprocessors
        blocks.register(_HashHeaders(md.parser), "hashheader", 70)
        blocks.register(_SetextHeaders(md.parser), "setextheader", 60)
        blocks.register(_Rules(md.parser), "hr", 50)
        blocks.register(_BlockQuotes(md.parser), "quote", 20)
        blocks.register(_References(md.parser), "reference", 15)
        # After code spans (190), before backslash escapes (180) and emphasis.
        md.inlinePatterns.register(_TexSpan(TEX_SPAN_PATTERN, md), "tex_span", 185)
        # After the inline processor (priority 20) has turned text into links.
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 5)


def safe_markdown() -> Markdown:
    """Return a reusable Markdown converter for untrusted text (call `.reset()` between uses)."""
    return Markdown(extensions=[SafeTextExtension()], output_format="html5")


def abstract_html(markdown: Markdown, body: str) -> str:
    """The HTML of the abstract `body`, by `markdown` (a safe_markdown() converter)."""
    return markdown.reset().convert(body)


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*|\n[ \t]+")
_WHITESPACE = re.compile(r"\s+")
# Pieces of an abstract paragraph that stay verbatim: an escaped dollar, or a TeX span.
_VERBATIM = re.compile(rf"\\\$|{TEX_SPAN.pattern}", re.DOTALL)
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]#&<>]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# A paragraph opening that Markdown would read as a list, a rule, a definition or a numbered
# list.
_BLOCK_START = re.compile(r"\A(?:([-+])|(\d+)\.(?=\s)|:(?=\s))")


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
    """An upstream abstract as Markdown that renders as the same plain text.

    Formatting characters (`* _ # [ ] { } \\` and backticks) are backslash-escaped, `& < >`
    become entities, and paragraph openings that would start a list are escaped. TeX spans
    are kept verbatim for the build's math rendering.
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
