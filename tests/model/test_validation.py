"""The one verdict on a paper file (validate.validate_paper), which `invoke check`, the
reader and the fetch give: the rule of every field, of its YAML and of its body, as the
(line, field, message) of each problem. The check's listing and topics file:
tests/check/test_check_content.py."""

from __future__ import annotations

import pytest
import yaml

from paperfeed.tags import read_vocabulary
from paperfeed.testing import SITES
from paperfeed.validate import MAX_ABSTRACT_LENGTH, validate_paper

VALID = SITES / "valid-papers"
GOOD_PAPER = (VALID / "papers" / "2406.01234.md").read_text(encoding="utf-8")
AUTHORS = 'authors: ["Ashish Vaswani", "Noam Shazeer", "Niki Parmar"]'
VOCABULARY = read_vocabulary(VALID / "topics.yaml", "content/topics.yaml")
YAML_HINT = (
    "fix the YAML syntax: a value that holds ': ' or ' #', or starts with a quote, "
    "'[', '{', '*', '&', '!', '|', '>', '%' or '@', must be put in double quotes"
)


def verdict(data: bytes, name: str = "2406.01234.md") -> list[tuple[int, str, str]]:
    """The (line, field, message) of each problem of the paper file content/papers/<name>."""
    validation = validate_paper(
        data, f"content/papers/{name}", name.removesuffix(".md"), VOCABULARY
    )
    return [(problem.line, problem.field, problem.message) for problem in validation.problems]


def problems_of(front_matter_edit: tuple[str, str], name: str = "2406.01234.md"):
    """The problems of the good paper with one edit made, as the file `name`."""
    old, new = front_matter_edit
    assert old in GOOD_PAPER
    return verdict(GOOD_PAPER.replace(old, new, 1).encode("utf-8"), name)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ('arxiv_id: "2406.01234"\n', ""),
            (1, "arxiv_id", 'missing; add the id the file is named after: arxiv_id: "2406.01234"'),
        ),
        (
            ("upvotes: 42", "upvotes: -1"),
            (8, "upvotes", "is -1; write a whole number of at least 0"),
        ),
        (
            ("upvotes: 42", "upvotes: 4.5"),
            (8, "upvotes", "4.5 is not a whole number; write one, e.g. upvotes: 12"),
        ),
        (
            ("upvotes: 42", "upvotes: true"),
            (8, "upvotes", "true is not a whole number; write one, e.g. upvotes: 12"),
        ),
        (
            ("published: 2026-06-10", 'published: "2026-06-10"'),
            (
                6,
                "published",
                "is text in quotes, not a date; remove the quotes: published: 2026-06-10",
            ),
        ),
        (
            ("published: 2026-06-10", "published: June 2026"),
            (
                6,
                "published",
                '"June 2026" is not a date; write the day as YYYY-MM-DD, '
                "e.g. published: 2026-06-12",
            ),
        ),
        (
            ('title: "Attention Is All You Need"', "title: 1984"),
            (2, "title", 'is a number (1984), not text; quote it: title: "1984"'),
        ),
        (
            ('title: "Attention Is All You Need"', 'title: ""'),
            (2, "title", "is empty; write the text or delete the line"),
        ),
        (
            ("github: https://github.com/example/attention", "github:"),
            (9, "github", "is empty; write a value or delete the line"),
        ),
        (
            ("github: https://github.com/example/attention", "github: https:///attention"),
            (
                9,
                "github",
                '"https:///attention" has no host name; write a full address, '
                "e.g. https://example.org/page",
            ),
        ),
        (
            ("keywords: [attention, transformer]", "code_url: ftp://example.org/code"),
            (
                11,
                "code_url",
                '"ftp://example.org/code" is not an http(s) link; write an address that '
                "starts with https:// (or delete the line)",
            ),
        ),
        (
            ("keywords: [attention, transformer]", "mirror: [https://ok.example, 'data://x']"),
            (
                11,
                "mirror",
                '"data://x" is not an http(s) link; write an address that starts with '
                "https:// (or delete the line)",
            ),
        ),
        (
            ("tags: [cs.CL, cs.LG, LLMs]", "tags: [cs.CL, cs.CL]"),
            (7, "tags", '"cs.CL" is listed twice; keep one'),
        ),
        (
            ("tags: [cs.CL, cs.LG, LLMs]", "tags: [cs.CL, 2024]"),
            (7, "tags", "entry 2 is a number (2024), not text; write it as text in double quotes"),
        ),
        (
            (AUTHORS, "authors: []"),
            (4, "authors", "is an empty list; list every author, in order"),
        ),
        (
            (AUTHORS, 'authors: ["A", ""]'),
            (4, "authors", "entry 2 is empty; remove it or fill it in"),
        ),
        (
            ('title: "Attention Is All You Need"', 'Title: "Attention Is All You Need"'),
            (2, "Title", "field names are lower case; rename it to 'title'"),
        ),
        (
            ('arxiv_id: "2406.01234"', 'arxiv_id: "2406.1234x"'),
            (
                3,
                "arxiv_id",
                '"2406.1234x" is not an arXiv id; write it like "2406.01234" or "hep-th/9901001"',
            ),
        ),
        (
            ('title: "Attention Is All You Need"\n', ""),
            (1, "title", 'missing; add the paper\'s title: title: "..."'),
        ),
        (
            ("date: 2026-06-12\n", ""),
            (1, "date", "missing; add the day the paper was listed on the site: date: YYYY-MM-DD"),
        ),
        (
            ("upvotes: 42", "upvotes: 42\nslug: a-nicer-url"),
            (
                9,
                "slug",
                "is a key the site generator reserves (the page address, its summary and authors "
                "come from the paper's own fields); remove it",
            ),
        ),
        (
            ("upvotes: 42", "upvote: 42"),
            (
                8,
                "upvote",
                "is not a field; did you mean upvotes? (a custom key must differ from every "
                "field by more than one letter)",
            ),
        ),
        (
            (AUTHORS, "authors: Ashish Vaswani"),
            (
                4,
                "authors",
                "is text, not a list; write one entry per author, in order: "
                'authors: ["Ashish Vaswani"]',
            ),
        ),
        (
            (AUTHORS, 'authors: [No, "Bo"]'),
            (
                4,
                "authors",
                "entry 1 is true/false (No), not text; write it as text in double quotes",
            ),
        ),
        (
            ("date: 2026-06-12", "date: 2026-13-45"),
            (
                5,
                "date",
                "2026-13-45 is not a real date (month must be in 1..12); write a real day as "
                "YYYY-MM-DD",
            ),
        ),
        (
            ("date: 2026-06-12", "date: 2026-06-12T09:30:00"),
            (
                5,
                "date",
                "2026-06-12T09:30:00 has a time of day; write only the day: date: 2026-06-12",
            ),
        ),
        (
            ("tags: [cs.CL, cs.LG, LLMs]", "tags: cs.CL, LLMs"),
            (7, "tags", 'is text, not a list; write a list: tags: ["cs.CL", "LLMs"]'),
        ),
        (
            ("upvotes: 42", 'upvotes: "42"'),
            (8, "upvotes", "is text in quotes, not a number; remove the quotes: upvotes: 42"),
        ),
        (
            ("upvotes: 42", "upvotes: 42\nupvotes: 43"),
            (9, "upvotes", "appears twice (also on line 8); keep one"),
        ),
        (
            ('arxiv_id: "2406.01234"', 'arxiv_id: "2406.01234v2"'),
            (
                3,
                "arxiv_id",
                '"2406.01234v2" carries a version; drop \'v2\': arxiv_id: "2406.01234" '
                "(the version goes in 'version: 2')",
            ),
        ),
        (
            ("---\n", ""),
            (
                1,
                "front matter",
                "the file does not start with a '---' line; put the fields between two '---' "
                "lines at the top of the file",
            ),
        ),
        (
            ('title: "Attention Is All You Need"', "title: Attention: Is All You Need"),
            (2, "yaml", f"mapping values are not allowed in this context; {YAML_HINT}"),
        ),
    ],
)
def test_one_edit_one_problem(edit, expected):
    assert problems_of(edit) == [expected]


def test_safe_values_pass():
    edits = (
        "keywords: [attention, transformer]",
        "keywords: []\nnote: 'Todo: javascript is mentioned here'\nslides_url: http://example.org/s",
    )

    assert problems_of(edits) == []


@pytest.mark.parametrize(
    ("name", "edit", "expected"),
    [
        (
            "2406.01235.md",
            ("", ""),
            (
                3,
                "arxiv_id",
                '"2406.01234" does not match the file name 2406.01235.md; rename the file to '
                "2406.01234.md, or correct arxiv_id",
            ),
        ),
        (
            "2406.01230.md",
            ('arxiv_id: "2406.01234"', "arxiv_id: 2406.01230"),
            (
                3,
                "arxiv_id",
                "is a number (2406.01230), not text, and YAML reads it as 2406.0123; quote it: "
                'arxiv_id: "2406.01230"',
            ),
        ),
        (
            "math0309136.md",
            ('arxiv_id: "2406.01234"\n', ""),
            (
                1,
                "arxiv_id",
                'missing; add the id the file is named after: arxiv_id: "math/0309136"',
            ),
        ),
    ],
)
def test_the_id_and_the_file_name_agree(name, edit, expected):
    assert problems_of(edit, name) == [expected]


def test_tags_are_arxiv_categories_or_topics_spelled_as_the_topics_file_does():
    assert problems_of(("tags: [cs.CL, cs.LG, LLMs]", "tags: [cs.CL, cs.XX, llms]")) == [
        (
            7,
            "tags",
            'unknown tag "cs.XX"; use an arXiv category (https://arxiv.org/category_taxonomy, '
            "spelled as there) or the name of a topic in content/topics.yaml, or add the topic "
            "there",
        ),
        (7, "tags", 'unknown tag "llms"; did you mean "LLMs"? (tags are case-sensitive)'),
    ]


def test_a_file_that_is_not_utf8_names_its_line():
    data = GOOD_PAPER.replace("Noam", "No\xe9m").encode("latin-1")

    assert verdict(data) == [(4, "file", "is not UTF-8 text; save the file with UTF-8 encoding")]


def test_unclosed_front_matter():
    ((line, field, message),) = verdict(GOOD_PAPER.replace("---\n\n", "\n").encode("utf-8"))

    assert (line, field) == (1, "front matter")
    assert "no closing '---' line" in message


@pytest.mark.parametrize("length", [MAX_ABSTRACT_LENGTH, MAX_ABSTRACT_LENGTH + 1])
def test_an_abstract_longer_than_the_limit_is_refused(length):
    body = GOOD_PAPER.partition("\n---\n")[2]

    problems = problems_of((body, "a" * length))

    assert problems == (
        []
        if length <= MAX_ABSTRACT_LENGTH
        else [
            (
                14,
                "body",
                f"the abstract is {length:,} characters long, more than the "
                f"{MAX_ABSTRACT_LENGTH:,} a paper file may have; keep only the paper's abstract",
            )
        ]
    )


@pytest.mark.parametrize(
    ("edit", "line"),
    [
        (("tags: [cs.CL, cs.LG, LLMs]", "tags: [cs.CL, cs.LG"), 7),
        (('ai_summary: "A network built on attention alone."', 'ai_summary: "A network'), 12),
    ],
)
def test_yaml_error_points_at_the_line_that_opened_the_quote_or_bracket(edit, line):
    ((found_line, field, message),) = problems_of(edit)

    assert (found_line, field) == (line, "yaml")
    assert message.endswith("must be put in double quotes")


TITLE = 'title: "Attention Is All You Need"'
KEYWORDS = "keywords: [attention, transformer]"
BODY = "recurrent networks\\."  # the body, on line 15
BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{inner}'] * 9)}]\n"
    for inner, name in zip("abcdefgh", "bcdefghi", strict=True)
)
ANCHORS = "YAML anchors and aliases (& and *) are not allowed in paper files; write the value out"
NESTED = "lists and sets of fields are nested more than 20 deep; write a flatter value"
BRACES = (
    "braces { } are nested more than 20 deep; the math converter cannot render that: "
    "write the formula with fewer nested braces"
)


def braces(depth: int) -> str:
    return "$" + "{" * depth + "x" + "}" * depth + "$"


def control(code: str, where: str, line: int = 2, field: str = "title") -> list[tuple]:
    return [(line, field, f"remove the {code} from {where}")]


def reference(text: str, code: str, line: int = 15) -> tuple:
    return (line, "body", f"remove the character reference {text} ({code}) from the body")


HOSTILE = {
    # Characters no page or feed can hold, as they are and as YAML or HTML escapes.
    "raw backspace": (
        (TITLE, 'title: "Attention\x08"'),
        control("control character U+0008", "title"),
    ),
    "escaped backspace": (
        (TITLE, 'title: "Attention\\b"'),
        control("control character U+0008", "title"),
    ),
    "raw NUL": ((TITLE, 'title: "Attention\x00"'), control("control character U+0000", "title")),
    "escaped NUL": ((TITLE, 'title: "Attention\\0"'), control("control character U+0000", "title")),
    "raw DEL": ((TITLE, "title: Attention\x7f"), control("control character U+007F", "title")),
    "escaped DEL": (
        (TITLE, 'title: "Attention\\x7f"'),
        control("control character U+007F", "title"),
    ),
    "raw U+FFFE": ((TITLE, 'title: "Attention\ufffe"'), control("noncharacter U+FFFE", "title")),
    "escaped U+FFFF": (
        (TITLE, 'title: "Attention\\uffff"'),
        control("noncharacter U+FFFF", "title"),
    ),
    "escaped surrogate": (
        (TITLE, 'title: "Attention\\ud800"'),
        control("lone surrogate U+D800", "title"),
    ),
    "tab and newline": ((TITLE, 'title: "Attention\\tIs\\nAll"'), []),
    "escaped CR": (
        ('"A network built', '"A\\r network built'),
        control("control character U+000D", "ai_summary", 12, "ai_summary"),
    ),
    "in an author": (
        ('"Noam Shazeer"', '"Noam\\eShazeer"'),
        control("control character U+001B", "authors", 4, "authors"),
    ),
    "in a tag": (("cs.LG", "cs.LG\x0b"), control("control character U+000B", "tags", 7, "tags")),
    "in a custom field": (
        (KEYWORDS, f'{KEYWORDS}\nextra: {{notes: ["fine", "bad\\a"]}}'),
        control("control character U+0007", "extra", 12, "extra"),
    ),
    "in a field name": (
        (KEYWORDS, f'{KEYWORDS}\n"x\\by": 1'),
        control("control character U+0008", '"x\\by"', 12, "front matter"),
    ),
    "in the body": (
        (BODY, "recurrent\x08 networks"),
        control("control character U+0008", "the body", 15, "body"),
    ),
    "once per body line": (
        (BODY, "networks.\n\nSecond\x0c paragraph\x0c."),
        control("control character U+000C", "the body", 17, "body"),
    ),
    "CRLF body": ((BODY, "networks.\r\nSecond line.\r\n"), []),
    "references": (
        (BODY, "networks &#8; and &#x1F;."),
        [
            reference("&#8;", "control character U+0008"),
            reference("&#x1F;", "control character U+001F"),
        ],
    ),
    "more references": (
        (BODY, "networks.\n&#xfffe; &#00000000011; &#x9; &#x41;"),
        [
            reference("&#xfffe;", "noncharacter U+FFFE", 16),
            reference("&#00000000011;", "control character U+000B", 16),
        ],
    ),
    # TeX the math converter would recurse into too deeply.
    "100 braces in the title": ((TITLE, f"title: '{braces(100)}'"), [(2, "title", BRACES)]),
    "21 braces in the title": ((TITLE, f"title: '{braces(21)}'"), [(2, "title", BRACES)]),
    "20 braces in the title": ((TITLE, f"title: '{braces(20)}'"), []),
    "1000 braces in the body": ((BODY, f"networks.\n\n{braces(1000)}"), [(17, "body", BRACES)]),
    # YAML that expands or nests past what the build can hold.
    "anchor": ((KEYWORDS, "keywords: &k [attention, transformer]"), [(11, "keywords", ANCHORS)]),
    "alias": ((KEYWORDS, f"{KEYWORDS}\nalso: *k"), [(12, "also", ANCHORS)]),
    "billion laughs": (("---\n\nThe", f"{BILLION_LAUGHS}---\n\nThe"), [(13, "a", ANCHORS)]),
    "1000 flow lists": (
        (KEYWORDS, f"{KEYWORDS}\nnote: {'[' * 1000}{']' * 1000}"),
        [(12, "note", NESTED)],
    ),
    "a tag YAML cannot build": (
        ("upvotes: 42", "upvotes: !!python/object:os.system x"),
        [
            (
                8,
                "upvotes",
                "cannot be read (could not determine a constructor for the tag "
                "'tag:yaml.org,2002:python/object:os.system'); write plain text, a list or a date",
            )
        ],
    ),
    "1000 block lists": ((KEYWORDS, f"{KEYWORDS}\nnote:\n{'- ' * 1000}x"), [(13, "note", NESTED)]),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_input_the_build_cannot_hold_is_refused(case):
    edit, expected = HOSTILE[case]

    assert problems_of(edit) == expected


def nested(depth: int, kind: str) -> object:
    """A value with `depth` lists or sets of fields inside each other."""
    value: object = "x"
    for level in range(depth):
        is_list = kind == "lists" or (kind == "alternating" and level % 2 == 0)
        value = [value] if is_list else {"k": value}
    return value


STYLES = {
    "flow": lambda value: f"note: {yaml.safe_dump(value, default_flow_style=True, width=1000)}",
    "block": lambda value: yaml.safe_dump({"note": value}, default_flow_style=False),
    "block, CRLF": lambda value: yaml.safe_dump({"note": value}).replace("\n", "\r\n"),
    "block, U+2028": lambda value: yaml.safe_dump({"note": value}).replace("\n", "\u2028"),
}


@pytest.mark.parametrize("kind", ["lists", "fields", "alternating"])
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("depth", "refused"), [(20, False), (21, True)])
def test_nesting_limit_holds_in_every_yaml_style(kind, style, depth, refused):
    note = STYLES[style](nested(depth, kind))
    assert yaml.safe_load(note)["note"] == nested(depth, kind)

    problems = problems_of((KEYWORDS, f"{KEYWORDS}\n{note}"))

    assert [(field, message) for _, field, message in problems] == (
        [("note", NESTED)] if refused else []
    )
