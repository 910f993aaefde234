"""Hostile upstream entries: the fetch writes only what `invoke check` accepts, and says why."""

from __future__ import annotations

import re

import pytest
from fetch_helpers import (
    DAY,
    RECORDINGS,
    check_problems,
    entry,
    read_paper,
    recorded_list,
    serve_list,
)

from paperfeed import store
from paperfeed.rules import Usable

ID = "2606.99001"
LINE_START = f"{ID:<18} "
QUERY = ("arxiv", "--query", "all:attention OR all:mechanism", "--max", "3")
MISSING = object()


def _serve_one(variations, **fields) -> None:
    """A day listing paper ID with these Daily Papers `paper` fields, and a well-formed paper."""
    hostile = entry(ID, "A title", ["Ana Author"], "An abstract.")
    hostile["paper"].update(fields)
    del hostile["title"]  # the entry's own copy of the title, which stands in for a missing one
    serve_list(variations, DAY, [hostile, entry("2606.99002", "Fine", ["Bo"], "Another one.")])


HF_SKIPPED = {
    "authors null": (
        {"authors": None},
        f"skipped  {LINE_START}no author upstream; nothing written",
    ),
    "authors none": ({"authors": []}, f"skipped  {LINE_START}no author upstream; nothing written"),
    "authors a number": (
        {"authors": 5},
        f"skipped  {LINE_START}authors: is a number, not a list; write a list: ",
    ),
    "an author without a name": (
        {"authors": [{"name": "Ana"}, {"hidden": False}]},
        f"skipped  {LINE_START}authors: entry 2 is a set of fields, not text; write it as ",
    ),
    "no title": ({"title": None}, f"skipped  {LINE_START}no title upstream; nothing written"),
    "title a number": (
        {"title": 5},
        f"skipped  {LINE_START}title: is a number (5), not text; quote it: ",
    ),
    "a title not unicode": (
        {"title": "\ud800"},
        f"skipped  {LINE_START}title: remove the lone surrogate U+D800 from title; nothing written",
    ),
    "id a number": (
        {"id": 2606.99001},
        f"skipped  Hugging Face Daily Papers of {DAY}, entry 1: 'paper.id' is 2606.99001, not text",
    ),
}


@pytest.mark.parametrize("case", HF_SKIPPED.values(), ids=HF_SKIPPED.keys())
def test_an_entry_without_what_a_paper_needs_is_skipped_and_said(case, run, papers, variations):
    fields, start = case
    _serve_one(variations, **fields)

    status, out, _ = run("hf", "--date", DAY, "--no-enrich")

    assert status == 0
    assert any(line.startswith(start) for line in out.splitlines()), out
    assert out.splitlines()[-1] == "new 1, updated 0, unchanged 0, skipped 1"
    assert [path.name for path in papers.glob("*.md")] == ["2606.99002.md"]


HF_DROPPED = {
    "github a script": (
        {"githubRepo": "javascript:alert(1)"},
        "github",
        MISSING,
        'dropped github: "javascript:alert(1)" is not an http(s) link; ',
    ),
    "project page a data address": (
        {"projectPage": "data:text/html,<script>alert(1)</script>"},
        "project_page",
        MISSING,
        'dropped project_page: "data:text/html,<script>alert(1)</script>" is not an http(s) link; ',
    ),
    "github with a space": (
        {"githubRepo": "https://github.com/a b"},
        "github",
        MISSING,
        'dropped github: "https://github.com/a b" contains spaces; ',
    ),
    "project page without host": (
        {"projectPage": "https:///index.html"},
        "project_page",
        MISSING,
        'dropped project_page: "https:///index.html" has no host name; ',
    ),
    "github a number": (
        {"githubRepo": 5},
        "github",
        MISSING,
        "dropped github: is not a link; ",
    ),
    "upvotes text": (
        {"upvotes": "12"},
        "upvotes",
        MISSING,
        "dropped upvotes: is text in quotes, not a number; ",
    ),
    "upvotes negative": (
        {"upvotes": -3},
        "upvotes",
        MISSING,
        "dropped upvotes: is -3; write a whole number of at least 0",
    ),
    "upvotes true": (
        {"upvotes": True},
        "upvotes",
        MISSING,
        "dropped upvotes: true is not a whole number; ",
    ),
    "keywords a number": (
        {"ai_keywords": 7},
        "keywords",
        MISSING,
        "dropped keywords: is a number, not a list",
    ),
    "a keyword a number": (
        {"ai_keywords": ["agents", 7, " "]},
        "keywords",
        ["agents"],
        'dropped keywords: entry "7" is a number (7), not text; ',
    ),
    "ai summary an object": (
        {"ai_summary": {"text": "x"}},
        "ai_summary",
        MISSING,
        "dropped ai_summary: is a set of fields, not text; ",
    ),
    "abstract a number": (
        {"summary": 5},
        "abstract",
        "",
        "dropped abstract: is a number, not text",
    ),
    "abstract not unicode": (
        {"summary": "An \ud800 abstract."},
        "abstract",
        "",
        "dropped abstract: remove the lone surrogate U+D800 from the abstract",
    ),
    "a control character in the abstract": (
        {"summary": "An abstract with a \b backspace."},
        "abstract",
        "",
        "dropped abstract: remove the control character U+0008 from the abstract",
    ),
    "an abstract too long": (
        {"summary": "word " * 2_500},
        "abstract",
        "",
        "dropped abstract: is 12,499 characters long, more than the 10,000 allowed",
    ),
    "an abstract nesting braces too deep": (
        {"summary": "$" + "{" * 25 + "x" + "}" * 25 + "$"},
        "abstract",
        "",
        "dropped abstract: braces { } are nested more than 20 deep",
    ),
}


@pytest.mark.parametrize("case", HF_DROPPED.values(), ids=HF_DROPPED.keys())
def test_a_bad_optional_field_is_dropped_and_said(case, run, papers, variations):
    fields, name, kept, note = case
    _serve_one(variations, **fields)

    status, out, _ = run("hf", "--date", DAY, "--no-enrich")

    assert status == 0
    assert f"note     {LINE_START}{note}" in out
    assert out.splitlines()[-1] == "new 2, updated 0, unchanged 0, skipped 0"
    assert read_paper(papers / f"{ID}.md").get(name, MISSING) == kept
    assert check_problems(papers) == []


def test_a_list_of_plain_names_is_taken_as_the_authors(run, papers, variations):
    _serve_one(variations, authors=["Ana Author", "Smith, Jr.,\n  John"])

    status, _, _ = run("hf", "--date", DAY, "--no-enrich")

    assert status == 0
    assert read_paper(papers / f"{ID}.md")["authors"] == ["Ana Author", "Smith, Jr., John"]
    assert check_problems(papers) == []


def test_json_nested_past_the_parsers_depth_is_malformed_not_a_crash(run, variations):
    (variations / "hf" / f"daily_papers_{DAY}.json").write_text("[" * 100_000)

    status, _, err = run("hf", "--date", DAY, "--no-enrich")

    assert status == 1
    assert err.startswith(f"fetch.py: error: Hugging Face Daily Papers of {DAY}: Hugging Face ")
    assert "sent malformed JSON (maximum recursion depth exceeded" in err


def _vary_first_arxiv_entry(variations, pattern: str, replacement: str) -> None:
    """The recorded attention query, its first entry (2002.00741) changed."""
    recorded = (RECORDINGS / "arxiv" / "query_attention_max3.xml").read_text(encoding="utf-8")
    start, end = recorded.index("<entry>"), recorded.index("</entry>")
    changed, count = re.subn(pattern, replacement, recorded[start:end], count=1, flags=re.DOTALL)
    assert count == 1
    (variations / "arxiv" / "query_attention_max3.xml").write_text(
        recorded[:start] + changed + recorded[end:], encoding="utf-8"
    )


ARXIV_SKIPPED = {
    "no title": (r"<title>.*?</title>", "", "skipped  2002.00741         no title upstream"),
    "no author": (r"<author>.*</author>", "", "skipped  2002.00741         no author upstream"),
    "no published day": (
        r"<published>.*?</published>",
        "",
        "skipped  2002.00741         no listing day upstream",
    ),
    "no id": (
        r"<id>.*?</id>",
        "",
        "skipped  arXiv query 'all:attention OR all:mechanism', entry 1: no <id>",
    ),
    "an id that is no arxiv id": (
        r"<id>.*?</id>",
        "<id>http://example.org/x</id>",
        "entry 1: 'http://example.org/x' is not an arXiv id",
    ),
}


@pytest.mark.parametrize("case", ARXIV_SKIPPED.values(), ids=ARXIV_SKIPPED.keys())
def test_an_arxiv_entry_without_what_a_paper_needs_is_skipped_alone(case, run, papers, variations):
    pattern, replacement, line = case
    _vary_first_arxiv_entry(variations, pattern, replacement)

    status, out, err = run(*QUERY)

    assert (status, err) == (0, "")
    assert line in out
    assert out.splitlines()[-1] == "new 2, updated 0, unchanged 0, skipped 1"
    assert sorted(path.name for path in papers.glob("*.md")) == ["1102.2017.md", "1112.2954.md"]


def test_an_arxiv_category_the_check_does_not_know_is_dropped(run, papers, variations):
    _vary_first_arxiv_entry(variations, r'term="cs.CL"', 'term="cs.XX"')

    status, out, _ = run(*QUERY)

    assert status == 0
    assert (
        'note     2002.00741         dropped tags: unknown tag "cs.XX"; use an arXiv category '
        f"(https://arxiv.org/category_taxonomy, spelled as there) or the name of a topic in "
        f"{papers.parent / 'topics.yaml'}, or add the topic there\n"
    ) in out
    assert read_paper(papers / "2002.00741.md")["tags"][:2] == ["cs.IR", "cs.LG"]
    assert check_problems(papers) == []


def test_a_paper_file_edited_into_one_the_check_refuses_is_left_alone(run, papers, variations):
    listed = recorded_list()[:1]
    serve_list(variations, DAY, listed)
    run("hf", "--date", DAY, "--no-enrich")
    path = papers / f"{listed[0]['paper']['id']}.md"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("tags: [", "tags: [my-own-tag, ", 1)
    path.write_text(edited, encoding="utf-8")
    listed[0]["paper"]["upvotes"] += 5
    serve_list(variations, DAY, listed)

    status, out, _ = run("hf", "--date", DAY, "--no-enrich")

    assert status == 0
    (line,) = [line for line in out.splitlines() if line.startswith("skipped")]
    assert line.startswith(
        f'skipped  2606.00467         {path}:10: tags: unknown tag "my-own-tag"; use an arXiv '
    ), line
    assert line.endswith("; fix the file")
    assert out.splitlines()[-1] == "new 0, updated 0, unchanged 0, skipped 1"
    assert path.read_text(encoding="utf-8") == edited


def test_a_paper_file_the_check_would_refuse_is_not_written(run, papers, variations, monkeypatch):
    # The fields' rules refuse such a title first; without them, the validation of the
    # bytes about to be written still does.
    monkeypatch.setattr(store, "usable_record", lambda record, *_: Usable(record, []))
    _serve_one(variations, title="\ud800")
    problem = "2: title: remove the lone surrogate U+D800"

    status, out, _ = run("hf", "--date", DAY, "--no-enrich")

    assert status == 0
    (line,) = [line for line in out.splitlines() if line.startswith("skipped")]
    path = papers / f"{ID}.md"
    assert line.startswith(
        f"skipped  {LINE_START}`invoke check` would refuse it: {path}:{problem}"
    ), line
    assert line.endswith("; nothing written")
    assert out.splitlines()[-1] == "new 1, updated 0, unchanged 0, skipped 1"
    assert [path.name for path in papers.glob("*.md")] == ["2606.99002.md"]
