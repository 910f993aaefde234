"""Tests of the paper_reader plugin: reading paper files, and real builds of them."""

import datetime
import logging
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from pelican import signals
from pelican.contents import Article
from pelican.settings import read_settings
from pelican.utils import SafeDatetime

from paper_reader.paper_reader import PaperFileError, PaperReader, remember_page_urls
from paperfeed.testing import build_site
from paperfeed.validate import MAX_ABSTRACT_LENGTH
from paperfeed.yamldoc import Loader, YamlDocument, YamlProblem, front_matter

TEST_PAPERS = Path(__file__).parent / "test_data" / "papers"
SITE_SETTINGS = Path(__file__).parents[2] / "pelicanconf.py"
GOOD_FRONT_MATTER = """\
title: "A Paper"
arxiv_id: "2606.00001"
authors: ["Ada Example"]
date: 2026-06-12
tags: [cs.CL]
"""
# Nine levels of aliases, each nine of the level before: 9**9 (387 million) x's.
NINE_LEVELS_OF_ALIASES = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{below}'] * 9)}]\n"
    for below, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def read(path: Path) -> tuple[str, dict]:
    """Read one file the way Pelican does, with the content folder `path`'s grandparent."""
    return PaperReader({"PATH": str(path.parent.parent)}).read(str(path))


def built_papers(tmp_path, content: Path, **settings) -> list:
    """The papers of a real build with this plugin, drafts and hidden ones too."""
    papers = []

    def keep(generator) -> None:
        papers.extend(generator.articles + generator.drafts + generator.hidden_articles)

    signals.article_generator_finalized.connect(keep)
    build_site(content, tmp_path / "output", plugins=["paper_reader"], **settings)
    return papers


def content_with(tmp_path: Path, *names: str) -> Path:
    """A content folder holding copies of the named test papers."""
    papers = tmp_path / "content" / "papers"
    papers.mkdir(parents=True)
    for name in names:
        shutil.copy(TEST_PAPERS / name, papers / name)
    return tmp_path / "content"


def test_fields_become_metadata_with_ids_as_strings():
    _, metadata = read(TEST_PAPERS / "2606.13174.md")

    assert metadata["arxiv_id"] == "2606.13174"
    assert metadata["slug"] == "2606.13174"
    assert metadata["title"].startswith("Getting Better at Working With You")
    assert metadata["paper_authors"] == ["Hanyu Li", "Xin Wang", "Ada No"]
    assert metadata["paper_tags"] == ["cs.CL", "cs.AI"]
    assert metadata["date"] == SafeDatetime(2026, 6, 12)
    assert metadata["published"] == datetime.date(2026, 6, 11)
    assert metadata["updated"] == datetime.date(2026, 6, 15)
    assert (metadata["version"], metadata["upvotes"]) == (2, 2)
    assert metadata["keywords"] == ["user corrections", "agent skills"]
    assert metadata["github"] == "https://github.com/example/skills"
    assert metadata["doi"] == "10.48550/arXiv.2606.13174"
    assert "authors" not in metadata and "tags" not in metadata


def test_old_style_id_keeps_its_slash_and_the_file_id_is_the_slug():
    _, metadata = read(TEST_PAPERS / "hep-th9901001.md")

    assert metadata["arxiv_id"] == "hep-th/9901001"
    assert metadata["slug"] == "hep-th9901001"
    assert metadata["published"] is None


def test_custom_keys_cannot_move_a_page_or_its_links(tmp_path):
    # Pelican makes every metadata key an attribute, and reads these two for a page's place.
    custom = 'override_save_as: "index.html"\noverride_url: "https://evil.example/"\n'
    path = tmp_path / "content" / "papers" / "2606.00001.md"
    path.parent.mkdir(parents=True)
    path.write_text(f"---\n{GOOD_FRONT_MATTER}{custom}organization: caltech\n---\n", "utf-8")

    output = build_site(path.parent.parent, tmp_path / "output", plugins=["paper_reader"])

    assert (output / "papers" / "2606.00001" / "index.html").exists()
    assert 'href="./papers/2606.00001/"' in (output / "index.html").read_text(encoding="utf-8")
    assert not [page for page in output.rglob("*.html") if "evil.example" in page.read_text()]


def test_abstract_markup_comes_out_as_text():
    html, _ = read(TEST_PAPERS / "2606.13174.md")

    assert "<script" not in html
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in html
    assert "&lt;i&gt;" in html
    assert "corrected *twice* in _one_ session" in html
    assert '<span class="math">$a_1 *b* c_2$</span>' in html
    assert '<span class="math">$$\\sum_i x_i$$</span>' in html
    assert "javascript:" not in html
    assert '<a href="https://arxiv.org/abs/2606.13174">a good one</a>' in html
    assert "<img" not in html


def test_a_paper_keeps_the_url_pelican_works_out_for_it(tmp_path):
    papers = built_papers(tmp_path, content_with(tmp_path, "2606.13174.md", "hep-th9901001.md"))

    assert len(papers) == 2
    for paper in papers:
        url = paper.override_url
        del paper.override_url
        assert url == paper.url == f"papers/{paper.slug}/"
        assert not hasattr(paper, "override_save_as"), "the writer takes it as leave to overwrite"


def test_a_paper_that_pelican_makes_a_draft_keeps_a_draft_s_url(tmp_path):
    path = tmp_path / "content" / "papers" / "2606.00001.md"
    path.parent.mkdir(parents=True)
    path.write_text(f"---\n{GOOD_FRONT_MATTER.replace('2026', '2999')}---\n", "utf-8")
    settings = read_settings(
        str(SITE_SETTINGS), override={"PATH": str(path.parent.parent), "WITH_FUTURE_DATES": False}
    )
    draft = Article(
        *PaperReader(settings).read(str(path)), settings=settings, source_path=str(path)
    )
    generator = SimpleNamespace(articles=[], translations=[], drafts=[draft])
    generator.drafts_translations = generator.hidden_articles = generator.hidden_translations = []

    remember_page_urls(generator)

    assert (draft.status, draft.override_url) == ("draft", "drafts/2606.00001.html")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "2503.02130.md",
            GOOD_FRONT_MATTER.replace('"2606.00001"', "2503.02130"),
            "arxiv_id: is a number (2503.02130), not text",
        ),
        (
            "2606.00001.md",
            GOOD_FRONT_MATTER.replace('title: "A Paper"', 'title: "A Paper'),
            ":3: yaml: did not find expected key",
        ),
        ("2606.00001.md", GOOD_FRONT_MATTER.replace("[cs.CL]", "cs.CL"), "is text, not a list"),
        ("2606.00001.md", GOOD_FRONT_MATTER.replace('["Ada', "[No, "), "entry 1 is true/false"),
        ("2606.00001.md", GOOD_FRONT_MATTER.replace("date: 2026-06-12\n", ""), "date: missing"),
        ("2606.00001.md", GOOD_FRONT_MATTER.replace("06-12", "13-45"), "month must be in 1..12"),
        ("2606.00001.md", GOOD_FRONT_MATTER.replace("2026-06-12", "June"), '"June" is not a date'),
        ("2606.00001.md", GOOD_FRONT_MATTER + "upvotes: many\n", "is not a whole number"),
        ("2606.00002.md", GOOD_FRONT_MATTER, "does not match the file name 2606.00002.md"),
        (
            "2606.00001.md",
            GOOD_FRONT_MATTER + 'project_page: "javascript:alert(1)"\n',
            "is not an http(s) link",
        ),
        ("2606.00001.md", GOOD_FRONT_MATTER + "slug: a-nicer-url\n", "the site generator reserves"),
    ],
)
def test_a_bad_file_gets_one_line_naming_file_and_problem(tmp_path, name, text, message):
    path = tmp_path / "content" / "papers" / name
    path.parent.mkdir(parents=True)
    path.write_text(f"---\n{text}---\n\nAbstract.\n", encoding="utf-8")

    with pytest.raises(PaperFileError) as error:
        read(path)

    assert str(error.value).startswith(f"content/papers/{name}:")
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_yaml_errors_give_the_line_in_the_file(tmp_path):
    path = tmp_path / "content" / "papers" / "2606.00001.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: ok\narxiv_id: [oops\n---\n", encoding="utf-8")

    with pytest.raises(PaperFileError, match=r"\.md:3: yaml: did not find expected ','"):
        read(path)


def test_a_file_without_front_matter_is_refused(tmp_path):
    path = tmp_path / "content" / "papers" / "2606.00001.md"
    path.parent.mkdir(parents=True)
    path.write_text("Just an abstract.\n", encoding="utf-8")

    with pytest.raises(PaperFileError, match="does not start with a '---' line"):
        read(path)


def test_build_writes_each_paper_at_its_file_id(tmp_path):
    content = content_with(tmp_path, "2606.13174.md", "hep-th9901001.md")

    output = build_site(content, tmp_path / "output", plugins=["paper_reader"])

    page = (output / "papers" / "2606.13174" / "index.html").read_text(encoding="utf-8")
    assert "Getting Better at Working With You" in page
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in page
    old_style = (output / "papers" / "hep-th9901001" / "index.html").read_text(encoding="utf-8")
    assert "https://arxiv.org/abs/hep-th/9901001" in old_style
    assert not (output / "feeds").exists(), "only the plugins the build asks for run"


def test_a_broken_file_stops_the_build_before_anything_is_written(tmp_path, caplog):
    content = content_with(tmp_path, "2606.13174.md")
    (content / "papers" / "2606.00001.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")

    with caplog.at_level(logging.ERROR), pytest.raises(SystemExit) as stop:
        build_site(content, tmp_path / "output", plugins=["paper_reader"])

    assert "1 paper file(s) could not be read" in str(stop.value)
    assert any(
        record.getMessage().startswith("content/papers/2606.00001.md:3: yaml: ")
        for record in caplog.records
    )
    assert not (tmp_path / "output" / "papers").exists()


def test_the_preview_can_go_on_without_the_broken_file(tmp_path):
    content = content_with(tmp_path, "2606.13174.md")
    (content / "papers" / "2606.00001.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")

    output = build_site(
        content, tmp_path / "output", plugins=["paper_reader"], STOP_ON_INPUT_ERROR=False
    )

    assert (output / "papers" / "2606.13174" / "index.html").exists()
    assert not (output / "papers" / "2606.00001").exists()


@pytest.mark.parametrize(
    ("text", "yaml_text", "body"),
    [
        ("---\na: 1\n---\nBody.\n", "a: 1\n", "Body.\n"),
        ("--- \t\na: 1\n... \t\n\nBody.", "a: 1\n", "\nBody."),
        ("---\n---\n", "", ""),
        ("---\n---", "", ""),
        ("---\na: 1\n----\n---\n", "a: 1\n----\n", ""),
        ("---\na: '\n---x\n'\n---\nB", "a: '\n---x\n'\n", "B"),
        ("---\na: 1\n  ---\n...\nB\n---\nC", "a: 1\n  ---\n", "B\n---\nC"),
    ],
)
def test_front_matter_ends_at_the_first_closing_line(text, yaml_text, body):
    split = front_matter(text)
    assert (split.yaml, split.body) == (yaml_text, body)


@pytest.mark.parametrize(
    "text", ["a: 1\n---\n", "--- a\n---\n", "---\na: 1\n", "---\na: 1\n-- -\n"]
)
def test_text_without_front_matter_lines_is_refused(text):
    with pytest.raises(YamlProblem, match="'---' line"):
        front_matter(text)


@pytest.mark.parametrize(
    "front_matter",
    [
        *(front_matter(path.read_text("utf-8")).yaml for path in sorted(TEST_PAPERS.glob("*"))),
        'title: "R&D * 2"\nb: a&b\nc: 2 * 3\nd: "*x &y"\n',
        "s: !!str 12\nt: !!str\nb: !!binary aGk=\nu: !!set {a, b}\no: !!omap [{a: 1}]\n",
        "d: 2026-06-12\nt: 2026-06-12T10:00:00Z\nn: ~\ny: yes\nf: 1.5e3\ni: 0x1f\n",
    ],
)
def test_front_matter_loads_as_with_the_safe_loader(front_matter):
    document = YamlDocument(front_matter)
    values = {key.value: document.value(node) for key, node in document.root.value}

    assert repr(values) == repr(yaml.load(front_matter, Loader=Loader))


def test_front_matter_errors_are_those_of_the_safe_loader(tmp_path):
    path = tmp_path / "content" / "papers" / "2606.00001.md"
    path.parent.mkdir(parents=True)
    path.write_text(f"---\n{GOOD_FRONT_MATTER}a: !!str {{b: c}}\n---\n", "utf-8")
    with pytest.raises(yaml.YAMLError) as expected:
        yaml.load("a: !!str {b: c}\n", Loader=Loader)
    with pytest.raises(PaperFileError) as error:
        read(path)

    assert expected.value.problem in str(error.value)


@pytest.mark.parametrize(
    ("extra", "line", "field"),
    [
        ('a: &x "s"\nb: *x\n', 7, "a"),
        ("base: &b {k: v}\nmerged:\n  <<: *b\n", 7, "base"),
        ("? !!str key\n: &v [1, *v]\n", 8, "key"),
        ("a: [1, *undefined]\n", 7, "a"),
        (
            "unused:\n" + "".join(f"  {line}\n" for line in NINE_LEVELS_OF_ALIASES.splitlines()),
            8,
            "unused",
        ),
    ],
)
def test_yaml_anchors_and_aliases_are_refused_before_any_value_is_made(
    tmp_path, monkeypatch, extra, line, field
):
    def load(*args):
        raise AssertionError("front matter with aliases was composed")

    monkeypatch.setattr(Loader, "get_single_node", load)
    path = tmp_path / "content" / "papers" / "2606.00001.md"
    path.parent.mkdir(parents=True)
    path.write_text(f"---\n{GOOD_FRONT_MATTER}{extra}---\n\nAbstract.\n", "utf-8")

    with pytest.raises(PaperFileError) as error:
        read(path)

    assert str(error.value) == (
        f"content/papers/2606.00001.md:{line}: {field}: YAML anchors and aliases (& and *) are "
        "not allowed in paper files; write the value out"
    )


@pytest.mark.parametrize("length", [MAX_ABSTRACT_LENGTH, MAX_ABSTRACT_LENGTH + 1])
def test_an_abstract_longer_than_the_limit_is_refused(tmp_path, length):
    path = tmp_path / "content" / "papers" / "2606.00001.md"
    path.parent.mkdir(parents=True)
    path.write_text(f"---\n{GOOD_FRONT_MATTER}---\n" + "a" * length, "utf-8")

    if length <= MAX_ABSTRACT_LENGTH:
        assert read(path)[0] == f"<p>{'a' * length}</p>"
        return
    with pytest.raises(PaperFileError) as error:
        read(path)
    assert str(error.value) == (
        f"content/papers/2606.00001.md:8: body: the abstract is {length:,} characters long, more "
        f"than the {MAX_ABSTRACT_LENGTH:,} a paper file may have; keep only the paper's abstract"
    )


@pytest.mark.parametrize(
    "failing",
    [
        "paper_reader.paper_reader.paper_metadata",  # in the reader, reading the front matter
        "paper_reader.paper_reader.abstract_html",  # in the reader, converting the abstract
        "mathml.mathml.render_math",  # in the mathml plugin, as the article is made
    ],
)
def test_a_file_the_build_fails_on_stops_it_with_one_line_naming_the_file(
    tmp_path, caplog, monkeypatch, failing
):
    def fail(*args):
        raise RuntimeError("something\nunexpected")

    monkeypatch.setattr(failing, fail)
    content = content_with(tmp_path, "2606.13174.md", "hep-th9901001.md")

    with caplog.at_level(logging.ERROR), pytest.raises(SystemExit) as stop:
        build_site(content, tmp_path / "output", plugins=["paper_reader", "mathml"])

    assert "2 paper file(s) could not be read" in str(stop.value)
    errors = [r.getMessage() for r in caplog.records if r.name == "paper_reader.paper_reader"]
    assert sorted(errors) == [
        f"content/papers/{name}: the build failed on this file (RuntimeError: something "
        "unexpected); this is a bug in the build: report it with the file"
        for name in ("2606.13174.md", "hep-th9901001.md")
    ]
    assert not (tmp_path / "output" / "papers").exists()
