"""Tags: arXiv categories, the topics of a topics file and its rules, and topic matching."""

from __future__ import annotations

import pytest
import yaml

from paperfeed.tags import CATEGORIES_FILE, is_category, match_topics, read_vocabulary
from paperfeed.testing import ROOT

SHIPPED = read_vocabulary(ROOT / "content" / "topics.yaml")


def test_the_category_list_is_the_arxiv_taxonomy():
    document = yaml.compose(CATEGORIES_FILE.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    codes = [key.value for key, _ in document.value]
    categories = yaml.safe_load(CATEGORIES_FILE.read_text(encoding="utf-8"))

    assert len(codes) == len(set(codes)) == len(categories) > 150
    assert categories["cs.CL"] == "Computation and Language"
    assert categories["stat.ML"] == "Machine Learning"
    assert categories["hep-th"] == "High Energy Physics - Theory"
    assert categories["eess.AS"] == "Audio and Speech Processing"
    assert all(isinstance(name, str) and name for name in categories.values())


@pytest.mark.parametrize(
    ("tag", "category"),
    [("cs.CL", True), ("stat.ML", True), ("hep-th", True), ("math-ph", True), ("llm", False)],
)
def test_arxiv_categories_are_told_from_topics(tag, category):
    assert is_category(tag) is category


def test_the_shipped_topics_file_is_valid_and_has_the_starting_set():
    names = {topic.name for topic in SHIPPED.topics}

    assert SHIPPED.problems == []
    assert {
        *("llm", "diffusion", "agents", "reinforcement-learning", "vision-language", "speech"),
        *("robotics", "efficient-ml", "safety", "retrieval", "reasoning", "benchmarks", "3d"),
        *("video", "code"),
    } <= names
    assert all(topic.description for topic in SHIPPED.topics)


@pytest.mark.parametrize(
    ("tag", "shown"),
    [
        ("cs.LG", "Machine Learning (cs.LG)"),
        ("hep-th", "High Energy Physics - Theory (hep-th)"),
        ("efficient-ml", "Efficient ML"),
        ("unknown-tag", "unknown-tag"),
    ],
)
def test_tags_are_shown_by_their_names(tag, shown):
    assert SHIPPED.display_name(tag) == shown


def test_a_topic_without_a_label_is_shown_by_its_name(tmp_path):
    topics = tmp_path / "topics.yaml"
    topics.write_text("- name: x\n  slug: x\n  description: d\n  phrases: [a]\n", "utf-8")

    assert read_vocabulary(topics).display_name("x") == "x"


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


TOPICS_FILES = {
    "empty": ("", []),
    "not a list": (
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
    "a name like a category": (
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
    "the slug of a category's page": (
        "- name: Theory\n  slug: hep-th\n  description: Theory.\n  phrases: [theory]\n",
        [(2, "slug", '"hep-th" is the tag page of arXiv category hep-th; choose another slug')],
    ),
    "a slug with spaces": (
        "- name: x\n  slug: X Y\n  description: d\n  phrases: [a]\n",
        [
            (
                2,
                "slug",
                "\"X Y\" is not a slug; use lower-case letters and digits joined by '-', "
                "e.g. slug: large-language-models",
            )
        ],
    ),
    "an unknown key": (
        "- name: x\n  slug: x\n  description: d\n  phrases: [a]\n  colour: red\n",
        [
            (
                5,
                "colour",
                "is not a key of a topic; a topic has name, slug, description and phrases, "
                "and may have a label",
            )
        ],
    ),
    "an empty label": (
        '- name: x\n  slug: x\n  description: d\n  phrases: [a]\n  label: " "\n',
        [
            (
                5,
                "label",
                'topic "x": the label is the name the site shows; write it as text without '
                "spaces around it, e.g. label: Large language models, or remove the key",
            )
        ],
    ),
    "a label that is no text": (
        "- name: x\n  slug: x\n  description: d\n  phrases: [a]\n  label: [a, b]\n",
        [
            (
                5,
                "label",
                'topic "x": the label is the name the site shows; write it as text without '
                "spaces around it, e.g. label: Large language models, or remove the key",
            )
        ],
    ),
    "a control character": (
        '- name: Language\n  slug: language\n  description: "Lang\\buage."\n  phrases: [x]\n',
        [(3, "description", "remove the control character U+0008 from description")],
    ),
    "an anchor": (
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
    "an entry that is no topic": (
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
}


@pytest.mark.parametrize(("text", "expected"), TOPICS_FILES.values(), ids=TOPICS_FILES.keys())
def test_topics_file_rules(tmp_path, text, expected):
    topics = tmp_path / "topics.yaml"
    topics.write_text(text, encoding="utf-8")

    problems = read_vocabulary(topics, "topics.yaml").problems

    assert [(p.line, p.field, p.message) for p in problems] == expected
