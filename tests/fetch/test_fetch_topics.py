"""The topics file the fetch reads: the one beside the papers folder, as the check reads it
(its rules: tests/model/test_tags.py)."""

from __future__ import annotations

from fetch_helpers import DAY, read_paper, snapshot


def test_a_topics_file_with_problems_stops_the_fetch_with_them(run, papers, server):
    topics = papers.parent / "topics.yaml"
    topics.write_text(
        "- name: x\n  slug: X Y\n  description: d\n  phrases: []\n  colour: red\n",
        encoding="utf-8",
    )

    status, out, err = run("hf", "--date", DAY, "--no-enrich")

    assert status == 2
    assert out == ""
    *problems, last = err.splitlines()
    assert sorted(line.split(": ")[0] for line in problems) == [f"{topics}:{n}" for n in (2, 4, 5)]
    assert last == f"fetch.py: error: {topics} has problems (above); fix them, then fetch again"
    assert server.requests() == []
    assert snapshot(papers.parent) == {}


def test_without_a_topics_file_papers_get_their_arxiv_categories_alone(run, papers):
    (papers.parent / "topics.yaml").unlink()

    status, out, _ = run("arxiv", "--ids", "2606.13677")

    assert status == 0, out
    assert read_paper(papers / "2606.13677.md")["tags"] == ["cs.RO", "cs.AI", "cs.CV", "cs.LG"]
