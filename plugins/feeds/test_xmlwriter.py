"""The feeds' XML serialiser writes what lxml writes of the same tree. Every feed file of a
built site against lxml: tests/site/test_feed_files.py."""

import pytest
from lxml import etree

from .xmlwriter import Node, document, xml_characters

# Text that XML escapes, that XML cannot hold, and that a pretty printer could mangle.
STRINGS = [
    "plain",
    "",
    "a & b < c > d ]]> e",
    "quotes \" and ' apostrophes",
    "line\nfeed, tab\tand return\r",
    "  spaces around  ",
    "μ × 𝒪 ☃ and é",  # noqa: RUF001
    "control\x01\x08\x0b\x0c\x1b characters, NUL\x00, \ufffe\uffff and a lone \ud800 surrogate",
]


def _lxml(node: Node) -> etree._Element:
    """The lxml element of `node` (no namespaces)."""
    element = etree.Element(node.tag)
    for name, value in (node.attributes or {}).items():
        element.set(name, xml_characters(value))
    if node.text is not None:
        element.text = xml_characters(node.text)
    for child in node.children:
        assert isinstance(child, Node)
        element.append(_lxml(child))
    return element


@pytest.mark.parametrize("text", STRINGS)
def test_a_document_is_what_lxml_writes(text):
    root = Node(
        "feed",
        attributes={"lang": text, "kind": "test"},
        children=(
            Node("title", text),
            Node("empty"),
            Node("link", attributes={"href": text, "rel": "self"}),
            Node(
                "entry", children=(Node("id", "1"), Node("author", children=(Node("name", text),)))
            ),
        ),
    )
    expected = etree.tostring(
        etree.ElementTree(_lxml(root)), xml_declaration=True, encoding="UTF-8", pretty_print=True
    )

    assert document(root) == expected


def test_an_element_has_text_or_children_not_both():
    with pytest.raises(ValueError, match="<entry> has both text and children"):
        document(Node("entry", "text", children=(Node("id", "1"),)))
