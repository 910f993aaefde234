"""The one XML serialiser of the feeds: Atom, RSS and OPML documents from `Node` trees.

It writes what lxml (libxml2) writes for the same tree with `pretty_print=True` and UTF-8: an
element with children puts each on its own line, indented by two spaces a level; an element
with text only keeps it on its line; one with neither is `<empty/>`; text escapes `& < >` and
carriage returns, attribute values also `"`, line feeds and tabs. A test (test_xmlwriter.py)
holds every feed a build writes against lxml's serialisation of the same document, so a
change on either side fails it.

A feed's entries are shared by many feeds, so each is serialised once, at the depth it has in
every feed (`serialise`), and goes into a feed's tree as `Serialised` bytes (UTF-8, which
take less memory than text: a build keeps an entry for nearly every paper). Characters XML
1.0 cannot hold (control characters, lone surrogates) are dropped from every text and
attribute value, so whatever a paper holds, a feed is well-formed.
"""

from __future__ import annotations

import re
from typing import NamedTuple

XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"
INDENT = "  "
# What XML 1.0 cannot hold (lxml refuses the same characters).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What a text or an attribute value is written differently for: most are written as they are.
_TEXT_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTRIBUTE_SPECIAL = re.compile('["\n\t&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')


class Serialised(NamedTuple):
    """An element already serialised by `serialise` at the depth it has here."""

    xml: bytes


class Node(NamedTuple):
    """An element: its tag (with a prefix, `dc:creator`, where the document declares one),
    its attributes in order (namespace declarations first), and text or children."""

    tag: str
    text: str | None = None
    attributes: dict[str, str] | None = None
    children: tuple[Node | Serialised, ...] = ()


def xml_characters(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", text)


def xml_text(value: str) -> str:
    """`value` as element text, escaped as libxml2 escapes it."""
    if not _TEXT_SPECIAL.search(value):
        return value
    return (
        xml_characters(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", "&#13;")
    )


def xml_attribute(value: str) -> str:
    """`value` as a double-quoted attribute value, escaped as libxml2 escapes it."""
    if not _ATTRIBUTE_SPECIAL.search(value):
        return value
    return xml_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _serialise(node: Node, depth: int, out: list[str | bytes]) -> None:
    indent = INDENT * depth
    tag = node.tag
    attributes = (
        "".join(f' {name}="{xml_attribute(value)}"' for name, value in node.attributes.items())
        if node.attributes
        else ""
    )
    if node.children:
        if node.text:
            raise ValueError(f"<{tag}> has both text and children")
        out.append(f"{indent}<{tag}{attributes}>\n")
        for child in node.children:
            if isinstance(child, Serialised):
                out.append(child.xml)
            else:
                _serialise(child, depth + 1, out)
        out.append(f"{indent}</{tag}>\n")
    elif node.text is None:
        out.append(f"{indent}<{tag}{attributes}/>\n")
    else:
        out.append(f"{indent}<{tag}{attributes}>{xml_text(node.text)}</{tag}>\n")


def _joined(pieces: list[str | bytes]) -> bytes:
    return b"".join(piece if isinstance(piece, bytes) else piece.encode() for piece in pieces)


def serialise(node: Node, depth: int = 0) -> bytes:
    """`node` and its children in UTF-8, as at `depth` in a pretty-printed document."""
    out: list[str | bytes] = []
    _serialise(node, depth, out)
    return _joined(out)


def document(root: Node, instructions: tuple[str, ...] = ()) -> bytes:
    """A whole XML document: the declaration, processing instructions (each a whole
    `<?...?>`), then `root`."""
    out: list[str | bytes] = [XML_DECLARATION, *(f"{line}\n" for line in instructions)]
    _serialise(root, 0, out)
    return _joined(out)
