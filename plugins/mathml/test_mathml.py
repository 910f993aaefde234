"""Tests of the mathml plugin: real builds render titles and abstracts as render_paper_text does
(its rules: tests/model/test_mathml.py and test_render.py)."""

import logging
import shutil
from pathlib import Path

import yaml
from pelican import signals

from paperfeed.render import render_paper_text
from paperfeed.testing import build_site, write_paper
from paperfeed.yamldoc import front_matter

TEST_PAPERS = Path(__file__).parents[1] / "paper_reader" / "test_data" / "papers"


def test_a_build_renders_titles_and_abstracts_and_names_the_file_of_a_bad_formula(tmp_path, caplog):
    papers = tmp_path / "content" / "papers"
    papers.mkdir(parents=True)
    shutil.copy(TEST_PAPERS / "2606.13174.md", papers)
    text = (papers / "2606.13174.md").read_text("utf-8")
    text = text.replace("Getting Better", "Getting $\\\\mathcal{O}(1)$ Better", 1)
    (papers / "2606.13174.md").write_text(text + "\nAnd $\\nope{x}$.\n", "utf-8")

    with caplog.at_level(logging.WARNING):
        output = build_site(
            tmp_path / "content", tmp_path / "output", plugins=["paper_reader", "mathml"]
        )

    html = (output / "papers" / "2606.13174" / "index.html").read_text("utf-8")
    assert '<h1 id="paper-title">Getting <math ' in html
    assert '<span class="math">' not in html
    assert '<code class="tex">$\\nope{x}$</code>' in html
    assert any(
        record.getMessage().startswith("content/papers/2606.13174.md: TeX in the abstract kept")
        for record in caplog.records
    )


def built_papers(tmp_path, content: Path) -> dict[str, object]:
    """The papers of a real build with the reader and this plugin, by file id."""
    papers = {}

    def keep(generator) -> None:
        papers.update((paper.slug, paper) for paper in generator.articles)

    signals.article_generator_finalized.connect(keep)
    build_site(content, tmp_path / "output", plugins=["paper_reader", "mathml"])
    return papers


def test_render_paper_text_renders_title_and_abstract_as_the_build_does(tmp_path):
    papers = tmp_path / "content" / "papers"
    papers.mkdir(parents=True)
    for path in TEST_PAPERS.glob("*.md"):
        shutil.copy(path, papers / path.name)
    write_paper(papers, title="Bad $\\nope$ and $x$", abstract="$\\text{<b>}$ pfmathspan0x $y$")

    built = built_papers(tmp_path, tmp_path / "content")

    assert len(built) == 3
    for fileid, paper in built.items():
        split = front_matter((papers / f"{fileid}.md").read_text("utf-8"))
        rendered = render_paper_text(yaml.safe_load(split.yaml)["title"].strip(), split.body)
        assert (rendered.title_html, rendered.title_text) == (paper.title_html, paper.title_text)
        assert (rendered.content, rendered.summary) == (paper._content, paper.summary)
    assert render_paper_text("Bad $\\nope$", "").unrendered[0][:2] == ("title", "\\nope")
