"""Markdown: the abstract as the fetch writes it (markdown_body) and as the build renders it
(safe_markdown, whose speedups give the same HTML as Python-Markdown's stock processors)."""

import random
import re

import pytest
from markdown import Markdown
from markdown.blockprocessors import (
    BlockQuoteProcessor,
    HashHeaderProcessor,
    HRProcessor,
    ReferenceProcessor,
    SetextHeaderProcessor,
)
from markdown.inlinepatterns import (
    LINK_RE,
    REFERENCE_RE,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)

from paperfeed.markdown import (
    FASTER_PATTERNS,
    MAX_LINK_NESTING,
    MAX_LINK_TARGET,
    SafeTextExtension,
    markdown_body,
    safe_markdown,
)
from paperfeed.testing import repository_papers
from paperfeed.yamldoc import front_matter

# The TeX span regex in its plain form, with the look back in front.
PLAIN_TEX_SPAN = r"(?<![\\$])(\$\$?)(?![\s$])((?:[^$\\]|\\.)+?)(?<![\s\\])\1(?![\d$])"
# Pieces of Markdown that the speedups are about, and the constructs around them.
PIECES = (
    *("\\", "\\\\", "\\\\\\", "`", "``", "$", "$$", "\\$", "[", "]", "![", "](", ")", "(", "!"),
    *("#", "##", ">", "> ", "*", "**", "_", "-", "- ", "1. ", "+", "=", "===", "---", ":", "&"),
    *("&amp;", "&#58;", "&#x41;", "&lt;", "<", "<https://a.b/c>", "<a@b.c>", '"', "'", "~"),
    *("[x]: https://a.b", "](https://a.b)", "](javascript:x)", "x", "word", "a_1", "9", "5"),
    *(" ", "  ", "    ", "\t", "\n", "\n\n", "  \n", "\n    ", "\n> ", "\n# ", "\r\n"),
)


def shipped_abstracts() -> list[str]:
    """The abstract of every paper file in the repository: content, test data, fixtures."""
    return [front_matter(path.read_text("utf-8")).body for path in repository_papers()]


def random_documents(count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(PIECES, k=rng.randint(1, 30))) for _ in range(count)]


def stock_markdown() -> Markdown:
    """safe_markdown() with Python-Markdown's own regexes and processors put back."""
    md = Markdown(extensions=[SafeTextExtension()], output_format="html5")
    inline = md.inlinePatterns
    inline.register(ReferenceInlineProcessor(REFERENCE_RE, md), "reference", 170)
    inline.register(LinkInlineProcessor(LINK_RE, md), "link", 160)
    inline.register(ShortReferenceInlineProcessor(REFERENCE_RE, md), "short_reference", 130)
    for name, (stock, _, _) in FASTER_PATTERNS.items():
        md.inlinePatterns[name].compiled_re = re.compile(stock, re.DOTALL | re.UNICODE)
    md.inlinePatterns["tex_span"].compiled_re = re.compile(PLAIN_TEX_SPAN, re.DOTALL | re.UNICODE)
    blocks = md.parser.blockprocessors
    blocks.register(HashHeaderProcessor(md.parser), "hashheader", 70)
    blocks.register(SetextHeaderProcessor(md.parser), "setextheader", 60)
    blocks.register(HRProcessor(md.parser), "hr", 50)
    blocks.register(BlockQuoteProcessor(md.parser), "quote", 20)
    blocks.register(ReferenceProcessor(md.parser), "reference", 15)
    return md


def test_the_faster_patterns_are_the_ones_in_use():
    md = safe_markdown()

    for name, (_, equivalent, _) in FASTER_PATTERNS.items():
        assert md.inlinePatterns[name].compiled_re.pattern == equivalent, (
            f"Python-Markdown's {name!r} pattern changed: check its equivalent again"
        )


@pytest.mark.parametrize(
    ("name", "plain"),
    [
        *((name, stock) for name, (stock, _, _) in FASTER_PATTERNS.items()),
        ("tex_span", PLAIN_TEX_SPAN),
    ],
)
def test_each_faster_regex_finds_the_same_matches_from_every_position(name, plain):
    plain_re = re.compile(plain, re.DOTALL | re.UNICODE)
    faster_re = safe_markdown().inlinePatterns[name].getCompiledRegExp()
    rng = random.Random(11)

    for _ in range(3000):
        text = "".join(rng.choices("\\`$[]!a 1\n_*", k=rng.randint(0, 16)))
        for position in range(len(text) + 1):
            expected = [(m.span(), m.groups()) for m in plain_re.finditer(text, position)]
            found = [(m.span(), m.groups()) for m in faster_re.finditer(text, position)]
            assert found == expected, (text, position)


@pytest.mark.parametrize(
    "text",
    [
        "``code`` and \\`not code\\` and \\\\`code`",
        "\\\\\\`x` and \\\\\\\\`y`",
        "a [link](https://a.b) and ![an image](https://a.b/c.png) and \\[not\\]",
        "[ref] and [text][ref]\n\n[ref]: https://a.b",
        "$x$ and \\$x$ and $$y$$ and $x$$y$ and $$$z$$$ and $5 and $10",
        "# heading\ntext\n## another #\n\n#not a heading? \\# no",
        "> quoted\n> more\n\nnot > quoted\n   > quoted after spaces",
        "    code block\n\ntext with a `code` span and a >",
        "- item\n- item with $x_1$\n\n1. one\n2. two",
        "Setext\n===\n\nand\n---\n\nnot - setext --- on one line ===",
        "- - -\n\n   ***\n\ntext\n  _ _ _  \nmore\n\n    ---\n\na - b - c -\n\n-- -- --",
        "[a]: https://a.b\n[b]: https://b.c 'title'\ntext [a] [b] [c]\n\n[c]:\nhttps://c.d",
        "&amp; &#58; &copy; &nope & < > <https://a.b> <a@b.c>",
    ],
)
def test_tricky_markdown_converts_as_with_the_stock_processors(text):
    assert safe_markdown().convert(text) == stock_markdown().convert(text)


@pytest.mark.parametrize(
    ("source", "texts"),
    [("shipped", shipped_abstracts()), ("random", random_documents(3000))],
)
def test_every_document_converts_as_with_the_stock_processors(source, texts):
    faster, stock = safe_markdown(), stock_markdown()

    for text in texts:
        assert faster.reset().convert(text) == stock.reset().convert(text), (source, text)


@pytest.mark.parametrize("target", ["http://[x", "https://x]/", "http://a\uff03b/"])
def test_a_link_target_that_is_no_url_is_dropped(target):
    assert safe_markdown().convert(f"[the code]({target})") == "<p><a>the code</a></p>"


def nested_link(depth: int) -> str:
    """A link whose text nests brackets `depth` deep, counting its own."""
    return "[" * depth + "a" + "]" * depth + "(https://a.b)"


def long_link(length: int) -> str:
    """A link whose target, parentheses included, is `length` characters long."""
    return "[a](https://a.b/" + "x" * (length - len("(https://a.b/)")) + ")"


@pytest.mark.parametrize(
    ("markdown", "is_link"),
    [
        (nested_link(MAX_LINK_NESTING), True),
        (nested_link(MAX_LINK_NESTING + 1), False),
        (long_link(MAX_LINK_TARGET), True),
        (long_link(MAX_LINK_TARGET + 1), False),
    ],
)
def test_links_are_looked_for_within_bounds(markdown, is_link):
    html = safe_markdown().convert(markdown)

    assert ('<a href="https://a.b' in html) == is_link
    assert html.startswith("<p>") and html.endswith("</p>")


@pytest.mark.parametrize(
    "markdown", ["[a](" * 2000 + ")", "[](()" * 1000, '[]("x)' * 1000, "[a](<" * 1000 + ">)"]
)
def test_no_link_target_is_looked_for_past_its_bound(monkeypatch, markdown):
    looked_at = []
    stock = LinkInlineProcessor.getLink

    def get_link(self, data, index):
        looked_at.append(len(data) - index)
        return stock(self, data, index)

    monkeypatch.setattr(LinkInlineProcessor, "getLink", get_link)
    safe_markdown().convert(markdown)

    assert looked_at
    assert max(looked_at) <= MAX_LINK_TARGET


@pytest.mark.parametrize(
    ("source", "body"),
    [
        ("plain text.", "plain text."),
        ("*bold* and _it_", "\\*bold\\* and \\_it\\_"),
        ("<script>x</script> & co", "&lt;script&gt;x&lt;/script&gt; &amp; co"),
        ("# not a heading", "\\# not a heading"),
        ("[a](b) `c` {d} \\e", "\\[a\\](b) \\`c\\` \\{d\\} \\\\e"),
        ("- not a list", "\\- not a list"),
        ("+ not a list", "\\+ not a list"),
        ("--- not a rule", "\\--- not a rule"),
        ("1. not a list", "1\\. not a list"),
        (": not a definition", "&#58; not a definition"),
        ("> not a quote", "&gt; not a quote"),
        ("math $a_b*c < d$ stays", "math $a_b*c < d$ stays"),
        ("display $$\\sum_i x_i$$ too", "display $$\\sum_i x_i$$ too"),
        ("costs $5 and $10_", "costs $5 and $10\\_"),
        ("a \\$ sign_", "a \\$ sign\\_"),
        ("wrapped\nline\n  new para", "wrapped line\n\nnew para"),
        ("  indented start   ", "indented start"),
    ],
)
def test_abstracts_become_markdown_that_shows_the_same_text(source, body):
    assert markdown_body(source) == body
