"""Markdown for abstracts that can never carry markup of its own.

Raw HTML is not recognised at all, so a `<script>` in the text comes out as the text
`<script>`. Links keep only http(s) and mailto targets, and images become plain links,
so nothing executes and nothing loads from another host. TeX spans (`$...$`, `$$...$$`)
are kept verbatim in a `<span class="math">`, so `$a_1 *b* c_2$` never turns into emphasis;
the math plugin renders them. "$5 and $10" is not a TeX span.

What Markdown does with an abstract is bounded: an abstract is at most MAX_ABSTRACT_LENGTH
characters, and links are looked for within MAX_LINK_NESTING brackets and MAX_LINK_TARGET
characters, so the time it takes grows with its length, not with its length squared.
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

SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# The longest abstract a paper file may have, in characters: arXiv allows 1,920.
MAX_ABSTRACT_LENGTH = 10_000
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
# `$...$` or `$$...$$` by pandoc's rule, so money is not math: the opening `$` is not escaped
# (nor a second `$`) and is followed by a non-space; the closing `$` follows a non-space and no
# digit follows it; between them, a `$` only escaped. The look back at the opening comes after
# its first `$`, so the regex engine can skip ahead to each `$` instead of trying every position.
TEX_SPAN = r"(\$(?<![\\$]\$)\$?)(?![\s$])((?:[^$\\]|\\.)+?)(?<![\s\\])\1(?![\d$])"
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


class AbstractTooLong(ValueError):
    """An abstract longer than MAX_ABSTRACT_LENGTH; the message says by how much."""


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
        md.inlinePatterns.register(_TexSpan(TEX_SPAN, md), "tex_span", 185)
        # After the inline processor (priority 20) has turned text into links.
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 5)


def safe_markdown() -> Markdown:
    """Return a reusable Markdown converter for untrusted text (call `.reset()` between uses)."""
    return Markdown(extensions=[SafeTextExtension()], output_format="html5")


def abstract_html(markdown: Markdown, body: str) -> str:
    """The HTML of the abstract `body`, by `markdown` (a safe_markdown() converter).

    Raise AbstractTooLong when it is longer than MAX_ABSTRACT_LENGTH characters.
    """
    if len(body) > MAX_ABSTRACT_LENGTH:
        raise AbstractTooLong(
            f"the abstract is {len(body):,} characters long, more than the "
            f"{MAX_ABSTRACT_LENGTH:,} a paper file may have"
        )
    return markdown.reset().convert(body)
