"""The synthetic papers: deterministic, in the contract's file format, realistic in shape."""

import collections
import datetime
import re

import yaml

from paperfeed.ids import is_canonical_id

CONTRACT_KEYS = ["title", "arxiv_id", "authors", "date", "published", "tags"]
OPTIONAL_KEYS = ["upvotes", "github", "keywords", "ai_summary"]


def front_matter(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    front, body = text[4:].split("\n---\n\n", 1)
    return front, body


def test_same_seed_gives_the_same_bytes(bench, tmp_path):
    first = bench.write_papers(bench.generate_papers(120, seed=7), tmp_path / "a")
    second = bench.write_papers(bench.generate_papers(120, seed=7), tmp_path / "b")
    other = bench.write_papers(bench.generate_papers(120, seed=8), tmp_path / "c")

    assert [p.name for p in first] == [p.name for p in second]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


def test_writes_one_file_per_paper_named_by_file_id(bench, tmp_path):
    paths = bench.write_papers(bench.generate_papers(250, seed=1), tmp_path)

    assert len(paths) == 250
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)
    ids = [yaml.safe_load(front_matter(p)[0])["arxiv_id"] for p in paths]
    assert len(set(ids)) == 250
    assert [p.stem for p in paths] == [i.replace("/", "") for i in ids]
    old_style = [i for i in ids if "/" in i]
    assert old_style, "expected a few old-style ids such as hep-th/9901001"
    assert all(re.fullmatch(r"[a-z-]+/\d{7}", i) for i in old_style)
    assert all(re.fullmatch(r"\d{4}\.\d{5}", i) for i in ids if "/" not in i)
    assert all(is_canonical_id(i) for i in ids)


def test_front_matter_follows_the_paper_file_contract(bench, tmp_path):
    paths = bench.write_papers(bench.generate_papers(200, seed=3), tmp_path)
    last_day = datetime.date(2026, 6, 12)

    for path in paths:
        raw = path.read_bytes()
        assert b"\r" not in raw
        front, body = front_matter(path)
        data = yaml.load(front, Loader=yaml.CSafeLoader)
        keys = list(data)
        assert keys[:6] == CONTRACT_KEYS
        assert keys[6:] == [k for k in OPTIONAL_KEYS if k in data]
        assert re.search(r'^arxiv_id: "[^"]+"$', front, re.MULTILINE), front
        assert isinstance(data["arxiv_id"], str)
        assert type(data["date"]) is datetime.date
        assert type(data["published"]) is datetime.date
        assert last_day - datetime.timedelta(days=3 * 366) <= data["date"] <= last_day
        assert data["date"].weekday() < 5
        assert data["published"] <= data["date"]
        assert 1 <= len(data["authors"]) <= 30
        assert len(set(data["authors"])) == len(data["authors"])
        assert 2 <= len(data["tags"]) <= 6
        assert 150 <= len(body.split()) <= 300


def test_tags_mix_arxiv_categories_and_topics(bench):
    papers = bench.generate_papers(200, seed=1, topics=("Agents", "Reasoning"))
    tags = collections.Counter(tag for paper in papers for tag in paper["tags"])

    assert {"cs.CL", "cs.LG", "cs.CV", "Agents", "Reasoning"} <= set(tags)
    assert all(re.fullmatch(r"[a-z-]+(\.[A-Z]{2})?|Agents|Reasoning", tag) for tag in tags)
    old_style = [paper for paper in papers if "/" in paper["arxiv_id"]]
    assert all(p["tags"][0] == p["arxiv_id"].split("/")[0] for p in old_style)


def test_most_authors_are_distinct_and_a_few_are_prolific(bench):
    papers = bench.generate_papers(1000, seed=1)
    counts = collections.Counter(name for paper in papers for name in paper["authors"])

    once = sum(1 for n in counts.values() if n == 1)
    assert once / len(counts) > 0.7
    assert counts.most_common(1)[0][1] >= 10
    lengths = collections.Counter(len(paper["authors"]) for paper in papers)
    assert lengths[1] > 0 and max(lengths) == 30


def test_edit_title_changes_the_title_only(bench, tmp_path):
    [path] = bench.write_papers(bench.generate_papers(1, seed=5), tmp_path)
    before = bench.read_paper(path)

    bench.edit_title(path)

    after = bench.read_paper(path)
    assert after["title"] == before["title"] + " (corrected)"
    assert {k: v for k, v in after.items() if k != "title"} == {
        k: v for k, v in before.items() if k != "title"
    }
    assert re.search(r'^arxiv_id: "', path.read_text(encoding="utf-8"), re.MULTILINE)
