"""Markdown for abstracts that can never carry markup of its own.

Raw HTML is not recognised at all, so a `<script>` in the text comes out as the text
`<script>`. Links keep only http(s) and mailto targets, and images become plain links,
so nothing executes and nothing loads from another host. TeX spans (`$...$`, `$$...$$`)
are kept verbatim in a `<span class="math">`, so `$a_1 *b* c_2$` never turns into emphasis;
the math plugin renders them. "$5 and $10" is not a TeX span.
"""

import re
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_RAW_HTML = (("preprocessors", "html_block"), ("inlinePatterns", "html"))
_IMAGE_PATTERNS = ("image_link", "image_reference", "short_image_ref")
# `$...$` or `$$...$$` by pandoc's rule, so money is not math: the opening `$` is not escaped
# and is followed by a non-space; the closing `$` follows a non-space and no digit follows it;
# between them, a `$` only escaped.
TEX_SPAN = r"(?<![\\$])(\$\$?)(?![\s$])((?:[^$\\]|\\.)+?)(?<![\s\\])\1(?![\d$])"


class _TexSpan(InlineProcessor):
    """Keep a TeX span as literal text that no other Markdown rule touches."""

    def handleMatch(self, m: re.Match, data: str) -> tuple[Element, int, int]:
        span = Element("span", {"class": "math"})
        span.text = AtomicString(m.group(0))
        return span, m.start(0), m.end(0)


class _SafeLinks(Treeprocessor):
    """Drop any link target whose scheme is not in SAFE_LINK_SCHEMES."""

    def run(self, root: Element) -> None:
        for link in root.iter("a"):
            if urlsplit(link.get("href", "")).scheme.lower() not in SAFE_LINK_SCHEMES:
                link.attrib.pop("href", None)


class SafeTextExtension(Extension):
    """Python-Markdown extension: no raw HTML, no images, safe links, verbatim TeX."""

    def extendMarkdown(self, md: Markdown) -> None:
        for registry, name in _RAW_HTML:
            getattr(md, registry).deregister(name)
        for name in _IMAGE_PATTERNS:
            md.inlinePatterns.deregister(name)
        # After code spans (190), before backslash escapes (180) and emphasis.
        md.inlinePatterns.register(_TexSpan(TEX_SPAN, md), "tex_span", 185)
        # After the inline processor (priority 20) has turned text into links.
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 5)


def safe_markdown() -> Markdown:
    """Return a reusable Markdown converter for untrusted text (call `.reset()` between uses)."""
    return Markdown(extensions=[SafeTextExtension()], output_format="html5")
