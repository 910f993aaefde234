"""Tests of the summary cut: always the same result as Pelican's truncate_html_words."""

import random

import pytest
from pelican.utils import truncate_html_words

from paperfeed import summary
from paperfeed.markdown import safe_markdown
from paperfeed.render import _MARKED_SPAN
from paperfeed.summary import truncate_words
from paperfeed.testing import repository_papers
from paperfeed.yamldoc import front_matter

WORD_COUNTS = (1, 2, 3, 7, 39, 40, 41, 200)
END_TEXTS = ("…", "", "[more]")
MARKDOWN = safe_markdown()


def reader_html(markdown: str) -> str:
    """The abstract HTML the math plugin cuts: the reader's, a placeholder for each formula."""
    html = MARKDOWN.reset().convert(markdown)
    return _MARKED_SPAN.sub(lambda match: f"pfmathspan{len(match.group(2))}x", html)


def shipped_abstracts() -> list[str]:
    """The reader's HTML for every paper file in the repository: content, test data, fixtures."""
    return [reader_html(front_matter(path.read_text("utf-8")).body) for path in repository_papers()]


# Pieces of random abstracts in Markdown.
MARKDOWN_PIECES = (
    *("word", "Word", "x", "9", "3.5%", "don't", "re-use", "--", "'", "-", "café", "naïve"),
    *("中文", "ひらがな", "・", "한국어", "ㄱ", "$x$", "$$y$$", "`code`", "*em*", "**strong**"),
    *("[link](https://a.b)", "<https://a.b>", "<a@b.c>", "&amp;", "&eacute;", "&#58;", "&#x41;"),
    *("&nope;", "&", "<", ">", '"', "\\*", "# ", "> ", "- ", "1. ", "    ", " ", "  "),
    *("\n", "\n\n"),
)
# The markup the reader writes, and markup it never writes (left to truncate_html_words).
HTML_PIECES = (
    *("<p>", "</p>", "<em>", "</em>", "<strong>", "</strong>", "<br>", "<hr>", "<li>", "</ul>"),
    *('<a href="https://a.b/?x=1&amp;y=2" title="t">', "</a>", "<pre><code>", "</code></pre>"),
    *("&amp;", "&eacute;", "&nbsp;", "&hellip;", "&#58;", "&#233;", "&#x41;", "&#12539;"),
    *("&nope;", "&#1114112;", "&#99999999999999999999;", "<h2>", "</h2>", "</li>", "<ul>"),
    *("word", "a", "b'c", "x-y", "中", "文字", "・", "ㆎ", "é", "1", "_", " ", "  ", "\n"),
    *(".", ",", "don't-"),
)
FOREIGN_PIECES = (
    *("<span>", "</span>", "<br />", "<b>", "<!-- c -->", "<script>x</script>", "<P>", "<p >"),
    *("&#X41;", "&123;", "& ", "&", "&#;", "&a-b;", "&amp", "<", "</p class=x>"),
)


def random_texts(pieces: tuple[str, ...], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(pieces, k=rng.randint(0, 60))) for _ in range(count)]


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<p>one two three</p>",
        "one two three",
        "one two three ",
        "<p>caf&eacute;s and caf&eacute; s and &eacute;t&eacute; and a&amp;b</p>",
        "<p>&#58;x x&#x41;y &nope;x x&nope; &#1114112;x &#99999999999999999999;</p>",
        "<p>中文ab・cd ひらがな 한국어</p>",
        "<p>line one<br>\nline two</p>\n<hr>\n<p>after</p>",
        "<ul>\n<li>one <em>two <strong>three</strong> four</em></li>\n<li>five</li>\n</ul>",
        "<p><em>never closed <strong>either",
        "<p>closed twice</p></p></em>",
        '<p><a href="https://a.b/?x=1&amp;y=2" title="a &quot;t&quot;">link text</a> x</p>',
        "<pre><code>code &lt;b&gt; x\n</code></pre>",
        "<p>don't re-use 'quoted' -dash- x'</p>",
        "<p>pfmathspan0x-time and pfmathspan1x.</p>",
        "<p>" + " ".join(["word"] * 40) + "</p>",
        "<p>" + " ".join(["word"] * 41) + "</p><p>more</p>",
        "<p>" + ", ".join(["-it's"] * 300) + "</p>",
        # Markup the reader never writes: cut by truncate_html_words itself.
        "<p>a <span>b</span> <!-- c --> d &123; &#X41; & e &a-b; <b>f</b> <br /></p>",
        "<p>a &#; b</p>",
        "<script>a b c</script> d e",
    ],
)
@pytest.mark.parametrize("max_words", WORD_COUNTS)
def test_tricky_html_is_cut_as_by_truncate_html_words(html, max_words):
    for end_text in END_TEXTS:
        assert truncate_words(html, max_words, end_text) == truncate_html_words(
            html, max_words, end_text
        )


@pytest.mark.parametrize(
    ("source", "texts"),
    [
        ("shipped", shipped_abstracts()),
        ("random markdown", [reader_html(text) for text in random_texts(MARKDOWN_PIECES, 800, 3)]),
        ("random html", random_texts(HTML_PIECES, 1500, 4)),
        ("random foreign html", random_texts(HTML_PIECES + FOREIGN_PIECES, 300, 6)),
    ],
)
def test_every_abstract_is_cut_as_by_truncate_html_words(source, texts):
    for html in texts:
        for max_words in WORD_COUNTS:
            expected = truncate_html_words(html, max_words, "…")
            assert truncate_words(html, max_words, "…") == expected, (source, html, max_words)


def test_the_reader_s_abstracts_are_cut_without_truncate_html_words(monkeypatch):
    def refuse(*args):
        raise AssertionError(f"fell back to truncate_html_words for {args[0]!r}")

    monkeypatch.setattr(summary, "truncate_html_words", refuse)
    texts = shipped_abstracts() + random_texts(HTML_PIECES, 300, 5)
    texts += [reader_html(text) for text in random_texts(MARKDOWN_PIECES, 300, 5)]

    for html in texts:
        truncate_words(html, 40, "…")


def test_no_words_wanted_gives_nothing():
    assert truncate_words("<p>a b</p>", 0) == truncate_html_words("<p>a b</p>", 0) == ""
