"""Topics: the rules file of the repository and word-boundary matching."""

from __future__ import annotations

import pytest
from fetch_helpers import ROOT
from topics import TopicsError, is_category, load_topics, match_topics

TOPICS = load_topics(ROOT / "content" / "topics.yaml")


def test_the_shipped_rules_file_is_valid_and_has_the_starting_set():
    names = {topic.name for topic in TOPICS}

    assert {
        *("llm", "diffusion", "agents", "reinforcement-learning", "vision-language", "speech"),
        *("robotics", "efficient-ml", "safety", "retrieval", "reasoning", "benchmarks", "3d"),
        *("video", "code"),
    } <= names
    assert all(topic.description for topic in TOPICS)


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
    assert match_topics(TOPICS, [text]) == expected


@pytest.mark.parametrize(
    ("tag", "category"),
    [("cs.CL", True), ("stat.ML", True), ("hep-th", True), ("math-ph", True), ("llm", False)],
)
def test_arxiv_categories_are_told_from_topics(tag, category):
    assert is_category(tag) is category


@pytest.mark.parametrize(
    ("yaml_text", "problem"),
    [
        ("name: x\n", "must be a YAML list"),
        (
            "- name: LLM\n  slug: llm\n  description: d\n  phrases: [a]\n"
            "- name: llm\n  slug: llm2\n  description: d\n  phrases: [b]\n",
            "one spelling per tag",
        ),
        ("- name: x\n  slug: X Y\n  description: d\n  phrases: [a]\n", "'slug'"),
        ("- name: x\n  slug: x\n  description: d\n  phrases: []\n", "'phrases'"),
        ("- name: cs.AI\n  slug: cs-ai\n  description: d\n  phrases: [a]\n", "arXiv category"),
        ("- name: x\n  slug: x\n  description: d\n  phrases: [a]\n  colour: red\n", "'colour'"),
    ],
)
def test_a_bad_rules_file_is_named_with_topic_and_field(yaml_text, problem, tmp_path):
    path = tmp_path / "topics.yaml"
    path.write_text(yaml_text, encoding="utf-8")

    with pytest.raises(TopicsError, match=problem) as error:
        load_topics(path)
    assert str(path) in str(error.value)
