"""The rules behind `invoke check`, through the importable check_content()."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from check_helpers import ROOT, VALID, copy_fixture

from paperfeed.check import check_content
from paperfeed.problems import Problem
from paperfeed.render import PaperTextError
from paperfeed.tags import CATEGORIES_FILE as CATEGORIES

GOOD_PAPER = (VALID / "papers" / "2406.01234.md").read_text(encoding="utf-8")


def problems_of(tmp_path: Path, front_matter_edit: tuple[str, str], name="2406.01234.md"):
    """The (line, field, message) of each problem of the good paper with one edit made."""
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    (content / "topics.yaml").write_bytes((VALID / "topics.yaml").read_bytes())
    old, new = front_matter_edit
    assert old in GOOD_PAPER
    (content / "papers" / name).write_text(GOOD_PAPER.replace(old, new, 1), encoding="utf-8")
    return [
        (problem.line, problem.field, problem.message)
        for problem in check_content(content / "papers", content / "topics.yaml").problems
    ]


def test_check_content_returns_problems_with_path_line_and_field(tmp_path):
    content = copy_fixture(tmp_path, "impossible_date")

    problems = check_content(content / "papers", content / "topics.yaml").problems

    assert problems == [
        Problem(
            path=str(content / "papers" / "2406.01234.md"),
            line=5,
            field="date",
            message="2026-02-30 is not a real date (day is out of range for month); "
            "write a real day as YYYY-MM-DD",
        )
    ]


def test_clean_fixture_has_no_problem(tmp_path):
    content = copy_fixture(tmp_path, "good")

    assert check_content(content / "papers", content / "topics.yaml").problems == []


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
            ('authors: ["Ashish Vaswani", "Noam Shazeer", "Niki Parmar"]', "authors: []"),
            (4, "authors", "is an empty list; list every author, in order"),
        ),
        (
            ('authors: ["Ashish Vaswani", "Noam Shazeer", "Niki Parmar"]', 'authors: ["A", ""]'),
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
    ],
)
def test_one_edit_one_problem(tmp_path, edit, expected):
    assert problems_of(tmp_path, edit) == [expected]


def test_safe_values_pass(tmp_path):
    edits = (
        "keywords: [attention, transformer]",
        "keywords: []\nnote: 'Todo: javascript is mentioned here'\nslides_url: http://example.org/s",
    )

    assert problems_of(tmp_path, edits) == []


def test_missing_arxiv_id_of_an_old_style_file_suggests_the_slash(tmp_path):
    edit = ('arxiv_id: "2406.01234"\n', "")

    problems = problems_of(tmp_path, edit, name="math0309136.md")

    assert problems == [
        (1, "arxiv_id", 'missing; add the id the file is named after: arxiv_id: "math/0309136"')
    ]


def test_dot_files_dot_folders_and_other_files_are_not_papers(tmp_path):
    content = copy_fixture(tmp_path, "good")
    hidden = content / "papers" / ".upstream"
    hidden.mkdir()
    (hidden / "2406.01234.md").write_text("not front matter\n", encoding="utf-8")
    (content / "papers" / ".loop").symlink_to("..")
    (content / "papers" / "README.txt").write_text("notes\n", encoding="utf-8")

    assert check_content(content / "papers", content / "topics.yaml").problems == []


def test_file_that_is_not_utf8_names_its_line(tmp_path):
    content = copy_fixture(tmp_path, "good")
    paper = content / "papers" / "2406.01234.md"
    paper.write_bytes(GOOD_PAPER.replace("Noam", "No\xe9m").encode("latin-1"))

    problems = check_content(content / "papers", content / "topics.yaml").problems

    assert [(p.line, p.field, p.message) for p in problems] == [
        (4, "file", "is not UTF-8 text; save the file with UTF-8 encoding")
    ]


def test_unclosed_front_matter(tmp_path):
    content = copy_fixture(tmp_path, "good")
    paper = content / "papers" / "2406.01234.md"
    paper.write_text(GOOD_PAPER.replace("---\n\n", "\n"), encoding="utf-8")

    problems = check_content(content / "papers", content / "topics.yaml").problems

    assert [(p.line, p.field) for p in problems] == [(1, "front matter")]
    assert "no closing '---' line" in problems[0].message


@pytest.mark.parametrize(
    ("topics", "expected"),
    [
        ("", []),
        (
            "name: LLMs\n",
            [
                (
                    1,
                    "topics",
                    "the file must be a list of topics, each starting with '- name: ...' "
                    "followed by slug, description and phrases",
                )
            ],
        ),
        (
            "- name: cs.CL\n  slug: my-cl\n  description: Language.\n  phrases: [language]\n",
            [
                (
                    1,
                    "name",
                    '"cs.CL" reads as an arXiv category (it starts with the archive "cs"); '
                    "give the topic another name",
                )
            ],
        ),
        (
            "- name: Theory\n  slug: hep-th\n  description: Theory.\n  phrases: [theory]\n",
            [(2, "slug", '"hep-th" is the tag page of arXiv category hep-th; choose another slug')],
        ),
        (
            '- name: Language\n  slug: language\n  description: "Lang\\buage."\n  phrases: [x]\n',
            [(3, "description", "remove the control character U+0008 from description")],
        ),
        (
            "- name: Language\n  slug: language\n  description: &d Language.\n  phrases: [x]\n",
            [
                (
                    3,
                    "yaml",
                    "YAML anchors and aliases (& and *) are not allowed in the topics file; "
                    "write the value out",
                )
            ],
        ),
        (
            "- just a phrase\n",
            [
                (
                    1,
                    "topics",
                    "entry 1 is not a topic; write '- name: ...' with slug, description and "
                    "phrases under it",
                )
            ],
        ),
    ],
)
def test_topics_file_rules(tmp_path, topics, expected):
    topics_file = tmp_path / "topics.yaml"
    topics_file.write_text(topics, encoding="utf-8")

    problems = check_content(tmp_path / "papers", topics_file).problems

    assert [(p.line, p.field, p.message) for p in problems] == expected


def test_broken_topics_file_does_not_flag_every_topic_tag(tmp_path):
    content = copy_fixture(tmp_path, "good")
    (content / "topics.yaml").write_text("- name: [LLMs\n", encoding="utf-8")

    problems = check_content(content / "papers", content / "topics.yaml").problems

    assert [(p.path, p.field) for p in problems] == [(str(content / "topics.yaml"), "yaml")]


def test_github_annotation_escapes_what_the_runner_would_misread():
    problem = Problem("a,b:c.md", 3, "title", "50% off")

    assert problem.github_annotation() == "::error file=a%2Cb%3Ac.md,line=3::title: 50%25 off"


@pytest.mark.parametrize("form", [str, Problem.github_annotation])
def test_a_problem_prints_on_one_line_whatever_its_parts_hold(form):
    problem = Problem("a\nb.md", 3, "ti\rtle", "cannot be read (bad\n  in line 3)\x08\u2028")

    assert form(problem).splitlines() == [form(problem)]
    assert "ti\\rtle: cannot be read (bad\\n  in line 3)\\b\\u2028" in form(problem)


def test_category_list_is_the_arxiv_taxonomy():
    document = yaml.compose(CATEGORIES.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    codes = [key.value for key, _ in document.value]
    categories = yaml.safe_load(CATEGORIES.read_text(encoding="utf-8"))

    assert len(codes) == len(set(codes)) == len(categories) > 150
    assert categories["cs.CL"] == "Computation and Language"
    assert categories["stat.ML"] == "Machine Learning"
    assert categories["hep-th"] == "High Energy Physics - Theory"
    assert categories["eess.AS"] == "Audio and Speech Processing"
    assert all(isinstance(name, str) and name for name in categories.values())


def test_the_examples_in_contributing_pass_the_check(tmp_path):
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    paper = re.search(r"```markdown\n(.*?)```", guide, re.DOTALL)[1]
    topics = re.search(r"```yaml\n(.*?)```", guide, re.DOTALL)[1]
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "1706.03762.md").write_text(paper, encoding="utf-8")
    (tmp_path / "topics.yaml").write_text(topics, encoding="utf-8")

    assert check_content(tmp_path / "papers", tmp_path / "topics.yaml").problems == []


@pytest.mark.parametrize(
    ("edit", "line"),
    [
        (("tags: [cs.CL, cs.LG, LLMs]", "tags: [cs.CL, cs.LG"), 7),
        (('ai_summary: "A network built on attention alone."', 'ai_summary: "A network'), 12),
    ],
)
def test_yaml_error_points_at_the_line_that_opened_the_quote_or_bracket(tmp_path, edit, line):
    ((found_line, field, message),) = problems_of(tmp_path, edit)

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
def test_input_the_build_cannot_hold_is_refused(tmp_path, case):
    edit, expected = HOSTILE[case]

    assert problems_of(tmp_path, edit) == expected


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
def test_nesting_limit_holds_in_every_yaml_style(tmp_path, kind, style, depth, refused):
    note = STYLES[style](nested(depth, kind))
    assert yaml.safe_load(note)["note"] == nested(depth, kind)

    problems = problems_of(tmp_path, (KEYWORDS, f"{KEYWORDS}\n{note}"))

    assert [(field, message) for _, field, message in problems] == (
        [("note", NESTED)] if refused else []
    )


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("2406.05555.md", "2406.01234.md"),
        ("loop", ".."),
        ("itself", "."),
        ("gone.md", "missing.md"),
        ("notes.txt", "/etc/hostname"),
        ("2026/old", "../.."),
    ],
)
def test_symbolic_links_are_refused_not_followed(tmp_path, name, target):
    content = copy_fixture(tmp_path, "good")
    link = content / "papers" / name
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(target)

    problems = check_content(content / "papers", content / "topics.yaml").problems

    assert problems == [
        Problem(str(link), 1, "file", "is a symbolic link; put the file itself here")
    ]


def test_a_file_the_build_cannot_render_is_found_by_the_check(tmp_path):
    too_long = "word " * 2001  # more characters than the reader takes in an abstract
    body = GOOD_PAPER.partition("\n---\n")[2]
    problems = problems_of(tmp_path, (body, f"\n{too_long}\n"))

    assert problems == [
        (
            14,
            "body",
            "the abstract is 10,007 characters long, more than the 10,000 a paper file may "
            "have; keep only the paper's abstract",
        )
    ]


def test_a_render_failure_of_the_build_is_a_problem_of_the_file(tmp_path, monkeypatch):
    def fail(title, body):
        raise PaperTextError("the build failed on it (IndexError: boom)")

    monkeypatch.setattr("paperfeed.render.render_paper_text", fail)
    problems = problems_of(tmp_path, ("", ""))

    assert [field for _, field, _ in problems] == ["body"]
    assert "the build failed on it (IndexError: boom)" in problems[0][2]
