"""Topics: the rules file of the repository, word-boundary matching, and the topics file the
fetch reads (the one beside the papers folder, as the check reads it)."""

from __future__ import annotations

import pytest
from fetch_helpers import DAY, TOPICS, read_paper, snapshot

from paperfeed.tags import is_category, match_topics, read_vocabulary

SHIPPED = read_vocabulary(TOPICS)


def test_the_shipped_rules_file_is_valid_and_has_the_starting_set():
    names = {topic.name for topic in SHIPPED.topics}

    assert SHIPPED.problems == []
    assert {
        *("llm", "diffusion", "agents", "reinforcement-learning", "vision-language", "speech"),
        *("robotics", "efficient-ml", "safety", "retrieval", "reasoning", "benchmarks", "3d"),
        *("video", "code"),
    } <= names
    assert all(topic.description for topic in SHIPPED.topics)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WaterSLAM: watermarking for images", ["safety"]),
        ("Visual SLAM on drones", ["robotics"]),
        ("Large Language Models as judges", ["llm"]),
        ("An LLM-based agent", ["agents", "llm"]),
        ("vision language models", ["vision-language"]),
        ("Vision-Language Models", ["vision-language"]),
        ("Real-time 3D scenes", ["3d"]),
        ("3DGS", []),
        ("agentive prose", []),
        ("", []),
    ],
)
def test_phrases_match_whole_words_in_any_case(text, expected):
    assert match_topics(SHIPPED.topics, [text]) == expected


@pytest.mark.parametrize(
    ("tag", "category"),
    [("cs.CL", True), ("stat.ML", True), ("hep-th", True), ("math-ph", True), ("llm", False)],
)
def test_arxiv_categories_are_told_from_topics(tag, category):
    assert is_category(tag) is category


BAD_TOPICS = {
    "not a list": ("name: x\n", "1: topics: the file must be a list of topics"),
    "a name in two spellings": (
        "- name: LLM\n  slug: llm\n  description: d\n  phrases: [a]\n"
        "- name: llm\n  slug: llm2\n  description: d\n  phrases: [b]\n",
        '5: name: "llm" is already the name of the topic on line 1',
    ),
    "a slug with spaces": (
        "- name: x\n  slug: X Y\n  description: d\n  phrases: [a]\n",
        '2: slug: "X Y" is not a slug',
    ),
    "no phrase": (
        "- name: x\n  slug: x\n  description: d\n  phrases: []\n",
        '4: phrases: topic "x" needs a list of at least one phrase',
    ),
    "a name like a category": (
        "- name: cs.AI\n  slug: cs-ai\n  description: d\n  phrases: [a]\n",
        '1: name: "cs.AI" reads as an arXiv category',
    ),
    "an unknown key": (
        "- name: x\n  slug: x\n  description: d\n  phrases: [a]\n  colour: red\n",
        "5: colour: is not a key of a topic",
    ),
}


@pytest.mark.parametrize(("yaml_text", "problem"), BAD_TOPICS.values(), ids=BAD_TOPICS.keys())
def test_a_topics_file_with_problems_stops_the_fetch_with_them(
    yaml_text, problem, run, papers, server
):
    topics = papers.parent / "topics.yaml"
    topics.write_text(yaml_text, encoding="utf-8")

    status, out, err = run("hf", "--date", DAY, "--no-enrich")

    assert status == 2
    assert out == ""
    *problems, last = err.splitlines()
    assert any(line.startswith(f"{topics}:{problem}") for line in problems), problems
    assert last == f"fetch.py: error: {topics} has problems (above); fix them, then fetch again"
    assert server.requests() == []
    assert snapshot(papers.parent) == {}


def test_without_a_topics_file_papers_get_their_arxiv_categories_alone(run, papers):
    (papers.parent / "topics.yaml").unlink()

    status, out, _ = run("arxiv", "--ids", "2606.13677")

    assert status == 0, out
    assert read_paper(papers / "2606.13677.md")["tags"] == ["cs.RO", "cs.AI", "cs.CV", "cs.LG"]
