"""Tests of the paper_reader plugin: reading paper files, and real builds of them."""

import datetime
import logging
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from pelican import signals
from pelican.contents import Article
from pelican.settings import read_settings
from pelican.utils import SafeDatetime

from paper_reader.paper_reader import PaperReader, remember_page_urls
from paperfeed.testing import ROOT, build_site, write_paper

TEST_PAPERS = Path(__file__).parent / "test_data" / "papers"


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
    custom = {"override_save_as": "index.html", "override_url": "https://evil.example/"}
    write_paper(tmp_path / "content" / "papers", **custom, organization="caltech")

    output = build_site(tmp_path / "content", tmp_path / "output", plugins=["paper_reader"])

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
    path = write_paper(tmp_path / "content" / "papers", date=datetime.date(2999, 6, 12))
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(path.parent.parent), "WITH_FUTURE_DATES": False},
    )
    draft = Article(
        *PaperReader(settings).read(str(path)), settings=settings, source_path=str(path)
    )
    generator = SimpleNamespace(articles=[], translations=[], drafts=[draft])
    generator.drafts_translations = generator.hidden_articles = generator.hidden_translations = []

    remember_page_urls(generator)

    assert (draft.status, draft.override_url) == ("draft", "drafts/2606.00001.html")


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
