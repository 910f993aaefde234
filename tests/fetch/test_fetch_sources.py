"""The sources file (`content/sources.yaml`): the tag filter of the Daily Papers, arXiv searches
fetched by `daily`, Hugging Face turned off, and the one-line problems of a bad file."""

from __future__ import annotations

import pytest
from fetch_helpers import DAY, read_paper, snapshot, write_sources

from paperfeed.check import shown_path
from tools.replay_server import write_arxiv_entries

QUERY = "all:transformer AND cat:cs.LG"  # recorded: tests/fixtures/upstream/arxiv/, 5 results


def test_a_tag_filter_keeps_only_the_papers_with_one_of_its_tags(run, papers):
    sources = write_sources(papers, "huggingface:\n  tags: [robotics, medicine]\n")

    status, out, _ = run("hf", "--date", DAY, "--no-enrich")

    assert status == 0
    kept = sorted(path.stem for path in papers.glob("*.md"))
    assert kept == ["2606.08039", "2606.08103", "2606.13572"]
    for fileid in kept:
        assert {"robotics", "medicine"} & set(read_paper(papers / f"{fileid}.md")["tags"])
    assert out.splitlines()[-1] == (
        f"new 3, updated 0, unchanged 0, skipped 0, left out 27 (none of the tags in "
        f"{shown_path(sources)}; --all keeps them)"
    )


def test_all_overrides_the_tag_filter(run, papers):
    write_sources(papers, "huggingface:\n  tags: [robotics]\n")

    status, out, _ = run("hf", "--date", DAY, "--no-enrich", "--all")

    assert status == 0
    assert out.splitlines()[-1] == "new 30, updated 0, unchanged 0, skipped 0"


def test_a_category_filter_keeps_the_papers_arxiv_files_under_it(run, papers, variations):
    write_sources(papers, "huggingface:\n  tags: [cs.RO]\n")
    write_arxiv_entries(variations, {"2606.08039": ["cs.RO", "cs.LG"], "2606.00467": ["cs.CL"]})

    status, _, _ = run("hf", "--date", DAY)

    assert status == 0
    assert [path.stem for path in papers.glob("*.md")] == ["2606.08039"]


def test_a_category_filter_without_the_enrichment_is_a_usage_error(run, papers, server):
    sources = write_sources(papers, "huggingface:\n  tags: [cs.RO, robotics]\n")

    status, out, err = run("hf", "--date", DAY, "--no-enrich")

    assert (status, out) == (2, "")
    assert err == (
        f"fetch.py: error: the tags in {shown_path(sources)} name arXiv categories (cs.RO), "
        "which --no-enrich leaves out: fetch without --no-enrich, or keep every paper with "
        "--all\n"
    )
    assert server.requests() == []


def test_daily_fetches_each_arxiv_search_newest_first_and_no_daily_papers_when_off(
    run, papers, server
):
    sources = write_sources(
        papers,
        f'huggingface:\n  fetch: false\narxiv:\n  - query: "{QUERY}"\n    max: 5\n'
        "  - category: cs.RO\n",
    )

    status, out, _ = run("daily", "--today", DAY)

    assert status == 0
    assert server.requests("/api/daily_papers") == []
    searches = server.requests("/api/query")
    assert len(searches) == 2
    assert all("sortBy=submittedDate&sortOrder=descending" in target for target in searches)
    assert "search_query=cat%3Acs.RO" in searches[1] and "max_results=100" in searches[1]
    lines = out.splitlines()
    assert f"Hugging Face: not fetched ({shown_path(sources)}: fetch: false)" in lines
    assert f'arXiv query "{QUERY}": 5 papers' in lines
    assert "arXiv category cs.RO: 0 papers" in lines
    assert len(list(papers.glob("*.md"))) == 5
    assert lines[-1] == "new 5, updated 0, unchanged 0, skipped 0"


def test_a_search_whose_newest_papers_start_after_the_run_says_to_raise_its_max(run, papers):
    sources = write_sources(papers, f'arxiv:\n  - query: "{QUERY}"\n    max: 5\n')

    _, out, _ = run("daily", "--today", DAY)

    assert (
        f'arXiv query "{QUERY}": its 5 newest papers reach back only to 2026-06-11, after '
        f"2026-06-06 where this run starts, so some may be missing; raise its max in "
        f"{shown_path(sources)} (at most 2000)"
    ) in out.splitlines()


BAD_SOURCES = {
    "not fields": ("- huggingface\n", "1: sources: the sources file must be a set of fields"),
    "unknown key": (
        "huggingfaces:\n  fetch: true\n",
        "1: huggingfaces: is not a key of the "
        "sources file; did you mean huggingface? it has huggingface, arxiv",
    ),
    "key twice": ("arxiv: []\narxiv: []\n", "2: arxiv: is written twice in the sources file"),
    "fetch not a boolean": (
        "huggingface:\n  fetch: yes please\n",
        '2: fetch: "yes please" is not true or false',
    ),
    "tags not a list": ("huggingface:\n  tags: robotics\n", "2: tags: must be a list of tags"),
    "unknown tag": ("huggingface:\n  tags: [cs.RX]\n", '2: tags: unknown tag "cs.RX"'),
    "tag in the wrong case": (
        "huggingface:\n  tags: [cs.ro]\n",
        '2: tags: unknown tag "cs.ro"; did you mean "cs.RO"?',
    ),
    "tag twice": (
        "huggingface:\n  tags: [robotics, robotics]\n",
        '2: tags: "robotics" is listed twice',
    ),
    "searches not a list": ("arxiv:\n  category: cs.RO\n", "2: arxiv: must be a list of searches"),
    "neither category nor query": (
        "arxiv:\n  - max: 5\n",
        "2: arxiv: search 1 needs one of `category:`",
    ),
    "both": (
        'arxiv:\n  - category: cs.RO\n    query: "x"\n',
        "2: arxiv: search 1 needs one of `category:` (an arXiv category, e.g. cs.RO) or "
        "`query:` (an arXiv search query), not both",
    ),
    "unknown category": (
        "arxiv:\n  - category: cs.RX\n",
        '2: category: "cs.RX" is not an arXiv category; did you mean cs.RO?',
    ),
    "topic for a category": (
        "arxiv:\n  - category: robotics\n",
        '2: category: "robotics" is not an arXiv category',
    ),
    "empty query": ('arxiv:\n  - query: " "\n', '2: query: " " is not an arXiv search query'),
    "max zero": (
        "arxiv:\n  - category: cs.RO\n    max: 0\n",
        '3: max: "0" is not a whole number from 1 to 2000',
    ),
    "max too big": ("arxiv:\n  - category: cs.RO\n    max: 2001\n", '3: max: "2001" is not'),
    "max as text": ('arxiv:\n  - category: cs.RO\n    max: "5"\n', '3: max: "5" is not a whole'),
    "unknown search key": (
        "arxiv:\n  - category: cs.RO\n    mx: 5\n",
        "3: mx: is not a key of arXiv search 1; did you mean max?",
    ),
    "same search twice": (
        "arxiv:\n  - category: cs.RO\n  - category: cs.RO\n",
        "3: arxiv: search 2 is the search on line 2 again; keep one",
    ),
    "nothing to fetch": (
        "huggingface:\n  fetch: false\n",
        "1: sources: the daily fetch would fetch nothing",
    ),
    "an escaped control character": (
        'arxiv:\n  - query: "a\\bb"\n',
        "2: query: remove the control character U+0008 from query",
    ),
    "an anchor": (
        "huggingface: &hf\n  fetch: true\narxiv: *hf\n",
        "1: huggingface: YAML anchors and aliases (& and *) are not allowed in the sources file",
    ),
    "broken YAML": ("huggingface: [\n", "2: yaml: did not find expected node content"),
}


@pytest.mark.parametrize(("text", "problem"), BAD_SOURCES.values(), ids=BAD_SOURCES.keys())
def test_a_bad_sources_file_stops_the_fetch_with_one_line_per_problem(
    text, problem, run, papers, server
):
    sources = write_sources(papers, text)
    before = snapshot(papers.parent)

    status, out, err = run("daily", "--today", DAY)

    assert (status, out) == (2, "")
    *problems, last = err.splitlines()
    assert len(problems) == 1
    assert problems[0].startswith(f"{shown_path(sources)}:{problem}")
    assert last == (
        f"fetch.py: error: {shown_path(sources)} has problems (above); fix them, then fetch again"
    )
    assert server.requests() == []
    assert snapshot(papers.parent) == before
