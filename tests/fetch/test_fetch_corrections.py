"""Corrections survive real fetches (the three-way merge alone: tests/model/test_merge.py)."""

from __future__ import annotations

import pytest
from fetch_helpers import DAY, entry, read_paper, recorded_list, serve_list, snapshot


def _with_upvotes(extra: int, title_fix: str | None = None) -> list[dict]:
    entries = recorded_list()
    for item in entries:
        item["paper"]["upvotes"] += extra
        if title_fix and item["paper"]["id"] == "2606.13392":
            item["paper"]["title"] = title_fix
    return entries


def test_an_edited_title_and_tag_survive_a_fetch_with_new_upvotes(run, papers, variations):
    run("hf", "--date", DAY, "--no-enrich")
    path = papers / "2606.00467.md"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("On the Limits of LLM Adaptability", "On the Limits of LLM Adaptivity")
    edited = edited.replace("tags: [benchmarks, ", "tags: [medicine, benchmarks, ")
    assert edited.count("medicine, benchmarks") == 1
    path.write_text(edited, encoding="utf-8")
    serve_list(variations, DAY, _with_upvotes(7))

    status, out, _ = run("hf", "--date", DAY, "--no-enrich")

    assert status == 0
    assert out.splitlines()[-1] == "new 0, updated 30, unchanged 0, skipped 0"
    paper = read_paper(path)
    assert paper["title"].startswith("On the Limits of LLM Adaptivity")
    assert paper["tags"][0] == "medicine"
    assert paper["upvotes"] == 7
    # and the next fetch of the same upstream changes nothing
    before = snapshot(papers.parent)
    assert run("hf", "--date", DAY, "--no-enrich")[0] == 0
    assert snapshot(papers.parent) == before


def test_an_untouched_title_follows_an_upstream_fix(run, papers, variations):
    run("hf", "--date", DAY, "--no-enrich")
    serve_list(variations, DAY, _with_upvotes(0, title_fix="MiniMax Sparse Attention, Fixed"))

    status, out, _ = run("hf", "--date", DAY, "--no-enrich")

    assert status == 0
    assert "updated  2606.13392         title" in out
    assert read_paper(papers / "2606.13392.md")["title"] == "MiniMax Sparse Attention, Fixed"


def test_enrichment_skipped_later_keeps_what_arxiv_added(run, papers, variations):
    serve_list(variations, "2026-06-11", [entry("2606.13677", "Mana", ["A"], "x")])
    run("hf", "--date", "2026-06-11")
    enriched = read_paper(papers / "2606.13677.md")

    status, out, _ = run("hf", "--date", "2026-06-11", "--no-enrich")

    assert status == 0
    assert out.splitlines()[-1] == "new 0, updated 0, unchanged 1, skipped 0"
    assert read_paper(papers / "2606.13677.md") == enriched


def test_an_arxiv_fetch_keeps_what_hugging_face_gave(run, papers, variations):
    mana = entry("2606.13677", "Mana", ["A"], "x", upvotes=12, ai_keywords=["spoken language"])
    serve_list(variations, "2026-06-12", [mana])
    run("hf", "--date", DAY, "--no-enrich")

    status, _, _ = run("arxiv", "--ids", "2606.13677")

    assert status == 0
    paper = read_paper(papers / "2606.13677.md")
    assert (paper["upvotes"], paper["keywords"], str(paper["date"])) == (
        12,
        ["spoken language"],
        DAY,
    )
    assert paper["title"] == "Mana: Dexterous Manipulation of Articulated Tools"
    assert paper["tags"] == [
        "cs.RO",
        "cs.AI",
        "cs.CV",
        "cs.LG",
        *sorted(["reinforcement-learning", "robotics", "speech"]),
    ]


BROKEN_FILES = {
    "no front matter": ("no front matter\n", "1: front matter: the file does not start with"),
    "invalid YAML": ("---\ntitle: [unclosed\n---\n", "2: yaml: did not find expected"),
    "not a mapping": ("---\n- a list\n---\n", "2: front matter: is not a set of fields"),
}


@pytest.mark.parametrize(("text", "problem"), BROKEN_FILES.values(), ids=BROKEN_FILES.keys())
def test_a_paper_file_the_check_cannot_read_is_named_skipped_and_left_alone(
    text, problem, run, papers
):
    run("hf", "--date", DAY, "--no-enrich")
    broken = papers / "2606.00467.md"
    broken.write_text(text, encoding="utf-8")

    status, out, _ = run("hf", "--date", DAY, "--no-enrich")

    assert status == 0
    (line,) = [line for line in out.splitlines() if line.startswith("skipped")]
    assert line.startswith(f"skipped  2606.00467         {broken}:{problem}"), line
    assert line.endswith("; fix the file")
    assert out.splitlines()[-1] == "new 0, updated 0, unchanged 29, skipped 1"
    assert broken.read_text(encoding="utf-8") == text
