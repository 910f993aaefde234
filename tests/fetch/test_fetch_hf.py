"""`fetch.py hf`: Daily Papers into paper files, against the replay server."""

from __future__ import annotations

import json

from fetch_helpers import (
    DAY,
    RECORDINGS,
    entry,
    read_paper,
    recorded_list,
    run_cli,
    serve_list,
    snapshot,
)

from paperfeed.ids import fileid
from paperfeed.paperfile import read_base


def test_a_day_writes_one_faithful_file_per_paper(run, papers):
    status, out, _ = run("hf", "--date", DAY, "--no-enrich")

    assert status == 0
    assert out.splitlines()[-1] == "new 30, updated 0, unchanged 0, skipped 0"
    listed = recorded_list()
    assert sorted(p.name for p in papers.glob("*.md")) == sorted(
        f"{e['paper']['id']}.md" for e in listed
    )
    for item in listed:
        source = item["paper"]
        paper = read_paper(papers / f"{source['id']}.md")
        assert paper["arxiv_id"] == source["id"]
        assert paper["authors"] == [author["name"] for author in source["authors"]]
        assert str(paper["date"]) == DAY
        assert str(paper["published"]) == source["publishedAt"][:10]
        assert paper["upvotes"] == source["upvotes"]
        assert paper.get("github") == source.get("githubRepo")
        assert paper.get("project_page") == source.get("projectPage")
        assert paper["keywords"] == source["ai_keywords"]
        assert paper["ai_summary"] == source["ai_summary"]
        assert isinstance(paper["tags"], list)


def test_ids_are_quoted_and_dates_are_plain_yaml_dates(run, papers):
    run("hf", "--date", DAY, "--no-enrich")

    text = (papers / "2606.00467.md").read_text(encoding="utf-8")
    assert '\narxiv_id: "2606.00467"\n' in text
    assert "\ndate: 2026-06-12\n" in text
    assert "\npublished: 2026-05-30\n" in text


def test_a_second_identical_fetch_changes_no_byte_and_rewrites_no_file(run, papers):
    run("hf", "--date", DAY, "--no-enrich")
    before = snapshot(papers.parent)
    # Files only: the base-record folder holds the fetch's lock file while it runs.
    times = {path: path.stat().st_mtime_ns for path in papers.parent.rglob("*") if path.is_file()}

    status, out, _ = run("hf", "--date", DAY, "--no-enrich")

    assert status == 0
    assert out.splitlines()[-1] == "new 0, updated 0, unchanged 30, skipped 0"
    assert snapshot(papers.parent) == before
    files = [path for path in papers.parent.rglob("*") if path.is_file()]
    assert {path: path.stat().st_mtime_ns for path in files} == times


def test_every_author_of_the_533_author_paper_in_order(run, papers, variations):
    herd = json.loads((RECORDINGS / "hf" / "papers_search_q-llama-3-herd.json").read_text())
    serve_list(variations, "2026-06-15", herd)

    status, _, _ = run("hf", "--date", "2026-06-15", "--no-enrich")

    assert status == 0
    for item in herd:
        paper = read_paper(papers / f"{item['paper']['id']}.md")
        assert paper["authors"] == [author["name"] for author in item["paper"]["authors"]]
    assert len(read_paper(papers / "2407.21783.md")["authors"]) == 533
    # a title wrapped by arXiv ("...Based on Llama\n  with Vision-Aware...") is one line
    assert read_paper(papers / "2501.13921.md")["title"] == (
        "The Breeze 2 Herd of Models: Traditional Chinese LLMs Based on Llama with "
        "Vision-Aware and Function-Calling Capabilities"
    )


def test_hard_names_wrapped_titles_and_markup_in_abstracts(run, papers, variations):
    serve_list(
        variations,
        "2026-06-15",
        [
            entry(
                "2606.99001",
                "Escaping\n  <b>Everything</b>:   a *Study*",
                ["Smith, Jr., John", "陈晓明", "O'Brien, Ana-María", "yes", "null", "1e5"],
                "We show <script>alert(1)</script> that a_b*c and __init__ with [links](x)\n"
                "and `code` # heading stay text, while $x_i^2 < 1$ stays TeX.\n"
                "  - a paragraph that looks like a list item",
            )
        ],
    )

    status, _, _ = run("hf", "--date", "2026-06-15", "--no-enrich")

    assert status == 0
    paper = read_paper(papers / "2606.99001.md")
    assert paper["authors"] == [
        "Smith, Jr., John",
        "陈晓明",
        "O'Brien, Ana-María",
        "yes",
        "null",
        "1e5",
    ]
    assert paper["title"] == "Escaping <b>Everything</b>: a *Study*"
    assert paper["abstract"] == (
        "We show &lt;script&gt;alert(1)&lt;/script&gt; that a\\_b\\*c and \\_\\_init\\_\\_ "
        "with \\[links\\](x) and \\`code\\` \\# heading stay text, while $x_i^2 < 1$ stays TeX."
        "\n\n\\- a paragraph that looks like a list item"
    )


def test_a_paper_listed_on_two_days_is_one_file_on_the_first_day(run, papers, variations):
    first = recorded_list()[:2]
    serve_list(variations, "2026-06-11", first)

    status, out, _ = run("hf", "--date", "2026-06-11", "--to", DAY, "--no-enrich")

    assert status == 0
    assert out.splitlines()[-1] == "new 30, updated 0, unchanged 2, skipped 0"
    assert len(list(papers.glob("*.md"))) == 30
    for item in first:
        assert str(read_paper(papers / f"{item['paper']['id']}.md")["date"]) == "2026-06-11"


def test_range_enriches_from_arxiv_with_one_request_per_day(run, papers, variations, server):
    # 2026-06-11 lists two papers of the recorded arXiv query; 2026-06-12 is the recorded list.
    serve_list(
        variations,
        "2026-06-11",
        [
            entry("2606.13677", "Mana: Dexterous Manipulation of Articulated Tools", ["A"], "x"),
            entry("2606.13591", "Multiagent Protocols", ["B"], "y"),
        ],
    )

    status, _, _ = run("hf", "--date", "2026-06-11", "--to", DAY)

    assert status == 0
    assert len(server.requests("/api/query")) == 2
    assert len(server.requests("/api/daily_papers")) == 2
    mana = read_paper(papers / "2606.13677.md")
    assert mana["tags"][:4] == ["cs.RO", "cs.AI", "cs.CV", "cs.LG"]
    assert mana["version"] == 1
    assert mana["comment"] == "Project Page: https://zhaohengyin.github.io/mana"
    assert str(mana["date"]) == "2026-06-11"
    # papers arXiv does not know are written without enrichment
    assert "version" not in read_paper(papers / "2606.00467.md")


def test_arxiv_requests_are_spaced_by_the_delay(run, variations, server, monkeypatch):
    serve_list(variations, "2026-06-11", recorded_list()[:1])
    monkeypatch.setenv("PAPERFEED_ARXIV_DELAY", "0.5")

    status, _, _ = run("hf", "--date", "2026-06-11", "--to", DAY)

    assert status == 0
    first, second = [when for when, target in server.log if target.startswith("/api/query")]
    assert second - first >= 0.5


def test_weekend_days_are_noted_and_write_nothing(run, papers):
    status, out, _ = run("hf", "--date", "2026-06-13", "--to", "2026-06-14")

    assert status == 0
    assert "2026-06-13: no Daily Papers list" in out
    assert "2026-06-14: no Daily Papers list" in out
    assert out.splitlines()[-1] == "new 0, updated 0, unchanged 0, skipped 0"
    assert snapshot(papers.parent) == {}


def test_dry_run_reports_and_writes_nothing(run, papers):
    status, out, _ = run("hf", "--date", DAY, "--dry-run", "--no-enrich")

    assert status == 0
    assert (
        out.splitlines()[-1]
        == "new 30, updated 0, unchanged 0, skipped 0 (dry run: nothing written)"
    )
    assert "new      2606.00467" in out
    assert snapshot(papers.parent) == {}


def test_a_full_page_asks_for_the_next_one(run, papers, variations, server):
    template = recorded_list()[0]
    many = []
    for number in range(101):
        item = json.loads(json.dumps(template))
        item["paper"]["id"] = f"2606.{90000 + number}"
        many.append(item)
    serve_list(variations, "2026-06-15", many)

    status, _, _ = run("hf", "--date", "2026-06-15", "--no-enrich")

    assert status == 0
    assert len(list(papers.glob("*.md"))) == 101
    assert [target.split("&p=")[-1] for target in server.requests("/api/daily_papers")] == [
        "/api/daily_papers?date=2026-06-15&limit=100",
        "1",
    ]


def test_the_command_line_prints_the_summary_and_keeps_the_base(server, papers):
    result = run_cli(server, papers, "hf", "--date", DAY, "--no-enrich")

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines()[-1] == "new 30, updated 0, unchanged 0, skipped 0"
    base = read_base(papers / ".upstream" / f"{fileid('2606.00467')}.yaml")
    assert base == read_paper(papers / "2606.00467.md")
