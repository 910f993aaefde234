"""Tests of the taxonomy plugin: tag pages, author pages and the tag index, from real builds."""

import hashlib
import logging
import re
import shutil
from pathlib import Path

import pytest

from paperfeed.testing import build_site, page, write_paper

TEST_CONTENT = Path(__file__).parent / "test_data" / "content"
PLUGINS = ["paper_reader", "taxonomy"]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the test content (three papers and a topics file) that a test may change."""
    return Path(shutil.copytree(TEST_CONTENT, tmp_path / "content"))


@pytest.fixture(scope="module")
def site(fixture_site) -> Path:
    """The test content built with the site's settings (tests only read it)."""
    return fixture_site(TEST_CONTENT, plugins=PLUGINS)


def paper_links(html: str) -> list[str]:
    """The file ids of the papers a listing links to, in order."""
    return re.findall(r'href="[./]*papers/([^/"]+)/"', html)


def test_an_arxiv_category_s_page_is_its_code_in_lower_case(site):
    assert paper_links(page(site, "tag/cs.cl")) == ["2606.10001", "2606.10002"]
    assert paper_links(page(site, "tag/cs.lg")) == ["2606.10003"]


def test_topic_tags_take_slug_and_description_from_the_topics_file(site):
    topic_page = page(site, "tag/agents")
    assert "Language models that plan, use tools and act." in topic_page
    assert paper_links(topic_page) == ["2606.10001", "2606.10003"]
    assert not (site / "tag" / "llm-agents").exists()


def test_without_a_topics_file_categories_still_get_their_pages(tmp_path, content):
    (content / "topics.yaml").unlink()
    for path in (content / "papers").iterdir():
        path.write_text(path.read_text("utf-8").replace(", LLM Agents]", "]"), "utf-8")

    output = build_site(content, tmp_path / "output", plugins=PLUGINS)

    assert paper_links(page(output, "tag/cs.cl")) == ["2606.10001", "2606.10002"]
    assert not (output / "tag" / "agents").exists()


def test_a_broken_topics_file_stops_the_build_naming_the_line(content, tmp_path):
    (content / "topics.yaml").write_text("- name: LLM Agents\n  slug: [\n", encoding="utf-8")

    with pytest.raises(SystemExit) as stop:
        build_site(content, tmp_path / "output", plugins=PLUGINS)

    assert str(stop.value).splitlines() == [
        "content/topics.yaml:3: yaml: did not find expected node content while parsing a flow "
        "node; fix the YAML syntax: a value that holds ': ' or ' #', or starts with a quote, '[', "
        "'{', '*', '&', '!', '|', '>', '%' or '@', must be put in double quotes",
        "Stopped: the topics file is broken.",
    ]
    assert not (tmp_path / "output" / "tag").exists()


def test_a_topic_slug_must_be_a_valid_tag_slug(tmp_path, content):
    (content / "topics.yaml").write_text(
        "- name: LLM Agents\n  slug: ../up\n  description: Agents.\n  phrases: [agent]\n",
        encoding="utf-8",
    )

    with pytest.raises(SystemExit, match=r"topics.yaml:2: slug: \"\.\./up\" is not a slug"):
        build_site(content, tmp_path / "output", plugins=PLUGINS)


def tag_index_sections(html: str) -> dict[str, list[tuple[str, str, str]]]:
    """{section heading id: [(slug, shown name, count text)]} of the tag index."""
    sections = re.split(r'<h2 id="([^"]+)"', html[: html.index("</main>")])[1:]
    pattern = r'<a href="\.\./tag/([^/"]+)/">([^<]+)</a> <span class="count">([^<]+)</span>'
    return {
        name: re.findall(pattern, body)
        for name, body in zip(sections[::2], sections[1::2], strict=True)
    }


def test_tag_index_groups_categories_and_topics_by_count_and_lists_all_by_name(tmp_path, content):
    for number in (4, 5):
        write_paper(content / "papers", arxiv_id=f"2606.1000{number}", tags=["cs.LG"])

    index = page(build_site(content, tmp_path / "output", plugins=PLUGINS), "tag")

    assert tag_index_sections(index) == {
        "tags-category": [
            ("cs.lg", "Machine Learning (cs.LG)", "3 papers"),
            ("cs.cl", "Computation and Language (cs.CL)", "2 papers"),
        ],
        "tags-topic": [("agents", "LLM Agents", "2 papers")],
        "by-name": [
            ("cs.cl", "Computation and Language (cs.CL)", "2"),
            ("agents", "LLM Agents", "2"),
            ("cs.lg", "Machine Learning (cs.LG)", "3"),
        ],
    }
    assert "Language models that plan, use tools and act." in index, "a topic's description"
    assert '<a href="#by-name">' in index


def test_tag_pages_show_a_category_s_name_and_a_topic_s_label(tmp_path, content):
    topics = content / "topics.yaml"
    topics.write_text(topics.read_text("utf-8") + "  label: Agents\n", "utf-8")

    output = build_site(content, tmp_path / "output", plugins=PLUGINS)

    category = page(output, "tag/cs.cl")
    assert "<title>Computation and Language (cs.CL) " in category
    assert "arXiv category</span> Computation and Language (cs.CL)</h1>" in category
    assert "Topic</span> Agents</h1>" in page(output, "tag/agents")


def test_with_a_minimum_of_one_every_author_gets_a_page_with_their_papers(fixture_site):
    output = fixture_site(TEST_CONTENT, plugins=PLUGINS, TAXONOMY_AUTHOR_MIN_PAPERS=1)

    assert paper_links(page(output, "author/ada-example")) == ["2606.10001", "2606.10002"]
    assert paper_links(page(output, "author/dee-fourth")) == ["2606.10003"]


def test_authors_of_one_paper_get_no_page_but_a_link_to_a_search(site):
    # The site's minimum (pelicanconf.py): two papers.

    assert sorted(path.name for path in (site / "author").iterdir()) == ["ada-example"]
    paper = page(site, "papers/2606.10001")
    assert '<a href="../../author/ada-example/">Ada Example</a>' in paper
    assert '<li><a href="../../search/?q=Bo%20Sample">Bo Sample</a></li>' in paper


def test_a_paper_page_links_its_tags_in_file_order(site):
    paper = page(site, "papers/2606.10001")
    assert re.findall(r'href="\.\./\.\./tag/([^/"]+)/"', paper) == ["cs.cl", "agents"]


def test_long_tag_listings_are_paginated_under_the_tag(tmp_path, content):
    output = build_site(content, tmp_path / "output", plugins=PLUGINS, DEFAULT_PAGINATION=1)

    assert paper_links(page(output, "tag/cs.cl")) == ["2606.10001"]
    assert paper_links(page(output, "tag/cs.cl/page/2")) == ["2606.10002"]


def test_a_repeated_author_name_stays_in_the_list_but_lists_the_paper_once(tmp_path, content):
    paper = content / "papers" / "2606.10003.md"
    paper.write_text(
        paper.read_text().replace('["Dee Fourth"]', '["Dee Fourth", "Dee Fourth"]'), "utf-8"
    )

    output = build_site(content, tmp_path / "output", plugins=PLUGINS, TAXONOMY_AUTHOR_MIN_PAPERS=1)

    assert page(output, "papers/2606.10003").count(">Dee Fourth</a></li>") == 2
    assert paper_links(page(output, "author/dee-fourth")) == ["2606.10003"]


def term_slugs(html: str, kind: str) -> dict[str, str]:
    """{name: slug} of the `kind` ("author" or "tag") links on a page."""
    links = re.findall(rf'<a href="[./]*{kind}/([^/"]+)/">([^<]+)</a>', html)
    return {name: slug for slug, name in links}


def write_named_paper(papers: Path, fileid: str, field: str, name: str) -> None:
    """A paper whose `field` ("authors" or "tags") lists only `name`."""
    lists = {"authors": ["Ada Example"], "tags": ["hep-th"]} | {field: [name]}
    write_paper(papers, title=f"Paper {fileid}", arxiv_id=fileid, **lists)


@pytest.mark.parametrize(
    ("field", "names", "bare_slug", "keeper"),
    [
        ("authors", ("王伟", "汪伟"), "wang-wei", "汪伟"),  # the first in code point order
        ("authors", ("José García", "Jose Garcia"), "jose-garcia", "Jose Garcia"),
        ("authors", ("C++", "C"), "c", "C"),
        ("authors", ("!!!", "???"), "", None),
    ],
    ids=[
        "author-transliterated",
        "author-accents",
        "author-punctuation",
        "author-empty-slugs",
    ],
)
def test_names_with_the_same_slug_get_pages_of_their_own(
    tmp_path, content, caplog, field, names, bare_slug, keeper
):
    papers = content / "papers"
    for path in papers.iterdir():
        path.unlink()
    kind = field[:-1]
    slugs_in_each_order = []
    for first, second in (names, names[::-1]):
        write_named_paper(papers, "2606.20001", field, first)
        write_named_paper(papers, "2606.20002", field, second)

        output = build_site(
            content, tmp_path / "output", plugins=PLUGINS, TAXONOMY_AUTHOR_MIN_PAPERS=1
        )

        slugs = {}
        for fileid, name in (("2606.20001", first), ("2606.20002", second)):
            shown = term_slugs(page(output, f"papers/{fileid}"), kind)
            assert name in shown, f"{fileid} shows its own spelling"
            slugs[name] = shown[name]
            assert paper_links(page(output, f"{kind}/{shown[name]}")) == [fileid]
        slugs_in_each_order.append(slugs)
    assert slugs_in_each_order[0] == slugs_in_each_order[1], "independent of the reading order"
    hashed = rf"{re.escape(bare_slug)}-[0-9a-f]{{8}}" if bare_slug else "[0-9a-f]{8}"
    for name, slug in slugs_in_each_order[0].items():
        assert slug == bare_slug if name == keeper else re.fullmatch(hashed, slug)
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]


def test_a_name_made_to_look_like_a_digest_slug_does_not_take_that_page(tmp_path, content):
    for path in (content / "papers").iterdir():
        path.unlink()
    lookalike = "Wang Wei " + hashlib.sha256("王伟".encode()).hexdigest()[:8]
    names = {"2606.20001": "汪伟", "2606.20002": "王伟", "2606.20003": lookalike}
    for fileid, name in names.items():
        write_named_paper(content / "papers", fileid, "authors", name)

    output = build_site(content, tmp_path / "output", plugins=PLUGINS, TAXONOMY_AUTHOR_MIN_PAPERS=1)

    slugs = set()
    for fileid, name in names.items():
        slug = term_slugs(page(output, f"papers/{fileid}"), "author")[name]
        assert paper_links(page(output, f"author/{slug}")) == [fileid]
        slugs.add(slug)
    assert len(slugs) == 3
