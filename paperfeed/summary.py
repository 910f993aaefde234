"""Cut a paper's abstract HTML after its first words, as Pelican's truncate_html_words does.

truncate_html_words runs Python's HTMLParser over the text and looks at one word at a time,
which costs more than the rest of a paper's summary. The paper reader's Markdown writes only
a few plain tags and character references, so one regex finds the events HTMLParser would
report (tags, references, and the runs of text between them), and the words are counted by
Pelican's own rules, a whole run of ASCII text at once. Any other markup is left to
truncate_html_words itself, so the result is always the one it gives.
"""

import re
from functools import cache
from html.entities import name2codepoint

from pelican.utils import _HTMLWordTruncator, truncate_html_words

# The tags the paper reader's Markdown writes, as it writes them: attribute values quoted and
# without `<` or `>` (it escapes them), so a tag ends at its first `>`, as for HTMLParser.
_TAG_NAMES = "a|blockquote|br|code|em|h1|h2|h3|h4|h5|h6|hr|li|ol|p|pre|strong|ul"
# A `<` or `&` that starts none of these names no group; both first characters are literal,
# so the regex engine skips ahead to them.
_MARKUP = re.compile(
    rf'<(?:(?P<start>{_TAG_NAMES})(?: [a-z]+="[^"<>]*")*>|/(?P<end>{_TAG_NAMES})>|)'
    r"|&(?:#x(?P<hex>[0-9a-fA-F]+);|#(?P<decimal>[0-9]+);|(?P<entity>[a-zA-Z][a-zA-Z0-9]*);|)"
)
_WORD = _HTMLWordTruncator._word_regex
# In ASCII text, Pelican's word is `\w[\w'-]*` (its other forms are CJK characters), and a
# word can start at any `\w` but nowhere else.
_ASCII_GAP = re.compile(r"\W*")


@cache
def _ascii_words(count: int) -> re.Pattern:
    """A regex for `count` words of ASCII text and the gaps before them."""
    return re.compile(rf"(?:\W*+\w[\w'-]*+){{{count}}}")


def _referenced_character(match: re.Match) -> str:
    """The character a reference stands for, or "" (as Pelican's handle_*ref find it)."""
    if match["entity"]:
        codepoint = name2codepoint.get(match["entity"])
        return "" if codepoint is None else chr(codepoint)
    try:
        return chr(int(match["hex"], 16) if match["hex"] else int(match["decimal"]))
    except (ValueError, OverflowError):
        return ""


class _WordCounter:
    """The state of Pelican's _HTMLWordTruncator, fed the events of `html` in order.

    Each method returns True once the last word wanted is counted; `cut` is where it ends.
    """

    def __init__(self, html: str, max_words: int):
        self.html = html
        self.words_left = max_words
        # Where the last word seen ends, while the next event may still make it longer
        # (`caf&eacute;s` is one word).
        self.word_end: int | None = None
        self.open_tags: list[str] = []  # innermost first
        self.cut = 0

    def end_word(self) -> bool:
        if self.word_end is None:
            return False
        self.words_left -= 1
        if not self.words_left:
            self.cut = self.word_end
            return True
        self.word_end = None
        return False

    def text(self, start: int, end: int) -> bool:
        """The run of text html[start:end] (as HTMLParser's handle_data)."""
        if start == end:
            return False
        if self.html[start:end].isascii():
            gap = _ASCII_GAP.match(self.html, start, end)
            assert gap is not None  # `\W*` matches everywhere
            first = gap.end()
            # A gap before the first word (or no word at all) ends the word before the run.
            if first > start and self.end_word():
                return True
            # Each word is counted when another word or a gap follows it in the run.
            words = _ascii_words(self.words_left).match(self.html, first, end)
            if words and words.end() < end:
                self.cut = words.end()
                return True
            start = first
        last_end = start
        for word in _WORD.finditer(self.html, start, end):
            if word.start() > start and self.end_word():
                return True
            self.word_end = last_end = word.end()
        return last_end < end and self.end_word()

    def tag(self, match: re.Match) -> bool:
        """A start or end tag."""
        if self.end_word():
            return True
        if match["start"]:
            if match["start"] not in _HTMLWordTruncator._singlets:
                self.open_tags.insert(0, match["start"])
        elif match["end"] in self.open_tags:
            del self.open_tags[: self.open_tags.index(match["end"]) + 1]
        return False

    def reference(self, match: re.Match) -> bool:
        """A character reference, which may start, continue or end a word."""
        character = _referenced_character(match)
        if self.word_end is None:
            if _HTMLWordTruncator._word_prefix_regex.match(character):
                self.word_end = match.end()
            return False
        if _WORD.match(character):
            self.word_end = match.end()
            return False
        return self.end_word()


def truncate_words(html: str, max_words: int, end_text: str = "…") -> str:
    """Return `html` cut after `max_words` words, exactly as truncate_html_words would."""
    if max_words <= 0:
        return ""
    counter = _WordCounter(html, max_words)
    position = 0
    for markup in _MARKUP.finditer(html):
        if markup.lastgroup is None:
            return truncate_html_words(html, max_words, end_text)
        event = counter.tag if markup["start"] or markup["end"] else counter.reference
        if counter.text(position, markup.start()) or event(markup):
            break
        position = markup.end()
    else:
        if not counter.text(position, len(html)):
            return html
    cut = html[: counter.cut] + (f" {end_text}" if end_text else "")
    return cut + "".join(f"</{tag}>" for tag in counter.open_tags)
