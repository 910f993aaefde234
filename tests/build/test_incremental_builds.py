"""Rebuilds with the cache: only what changed is written, and the site equals a cold build."""

import datetime
import json
from pathlib import Path

import pytest

from paperfeed.testing import ROOT, build_site, output_files, write_paper

# What Pelican's content cache was made with (the page_writer plugin's stamp).
CACHE_STAMP = "page-writer-build.txt"


def stamps(output: Path) -> dict[str, int]:
    """Each output file's modification time, to tell which ones a build wrote."""
    return {
        path.relative_to(output).as_posix(): path.stat().st_mtime_ns
        for path in output.rglob("*")
        if path.is_file()
    }


def rewritten(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {path for path, stamp in after.items() if before.get(path) != stamp}


def similar_lists(output: Path) -> list[tuple[str, list[str]]]:
    """Each paper's similar papers, by file id, from the built similar.json."""
    index = json.loads((output / "similar.json").read_text(encoding="utf-8"))["papers"]
    return [(key, [entry["file_id"] for entry in entries]) for key, entries in index.items()]


@pytest.fixture
def built(content: Path, tmp_path: Path) -> Path:
    """The fixture content built once into tmp_path/output, with its cache beside it."""
    return build_site(content, tmp_path / "output")


def cold_build(content: Path, tmp_path: Path) -> dict[str, bytes]:
    """The files a build of `content` into a new folder, with a new cache, writes."""
    return output_files(build_site(content, tmp_path / "cold"))


def test_a_rebuild_with_nothing_changed_writes_no_page_feed_or_data_file(content, built):
    before = stamps(built)

    build_site(content, built)

    written = rewritten(before, stamps(built))
    # Only Pelican's copies of the theme's static files are made again.
    assert {path for path in written if not path.startswith("theme/")} == set()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("title", {"papers/2606.12282/index.html", "papers/2606.12282/2606.12282.bib"}),
        ("upvotes", {"papers/2606.12282/index.html", "index.html", "day/2026-06-12/index.html"}),
    ],
)
def test_an_edit_rewrites_the_pages_that_show_the_paper_only(content, built, change, expected):
    paper = content / "papers" / "2606.12282.md"
    text = paper.read_text(encoding="utf-8")
    if change == "title":
        text = text.replace("PianoKontext", "PianoContext", 1)
    else:
        text = text.replace("upvotes: 1", "upvotes: 91", 1)
    paper.write_text(text, encoding="utf-8")
    before = stamps(built)

    build_site(content, built)

    written = rewritten(before, stamps(built))
    assert expected <= written
    # Another paper's page shows the title (not the upvotes) when it lists the paper as similar.
    shown_on = {
        f"papers/{key}/index.html"
        for key, entries in similar_lists(built)
        if "2606.12282" in entries
    }
    pages = {path for path in written if path.startswith("papers/") and path.endswith(".html")}
    other_pages = pages - {"papers/2606.12282/index.html"}
    assert other_pages == (shown_on if change == "title" else set())
    assert len(written) < len(before) / 2


def test_after_edits_the_rebuilt_site_is_the_cold_build_of_the_same_files(content, built, tmp_path):
    papers = content / "papers"
    # A title correction, a deleted paper, and a new paper whose author now has two papers
    # (so every page that links that author changes), all in one rebuild.
    title = papers / "2606.12282.md"
    title.write_text(title.read_text(encoding="utf-8").replace("PianoKontext", "PianoContext"))
    (papers / "2606.00467.md").unlink()
    write_paper(
        papers,
        title="A Second Paper",
        arxiv_id="2606.20001",
        authors=["Abhimanyu Dubey", "New Author"],
        date=datetime.date(2026, 6, 12),
        tags=["cs.CL"],
        abstract="A new abstract.",
    )

    build_site(content, built)

    assert not any((built / "papers" / "2606.00467").iterdir()), "the deleted paper's files go"
    cold = cold_build(content, tmp_path)
    assert output_files(built).keys() == cold.keys()
    assert output_files(built) == cold


def test_a_template_change_renders_every_page(content, built, tmp_path):
    overrides = tmp_path / "templates"
    overrides.mkdir()
    base = ROOT / "theme" / "templates" / "base.html"
    (overrides / "base.html").write_text(
        base.read_text(encoding="utf-8").replace(
            "<p>{{ FOOTER_TEXT }}</p>", "<p>Made with paperfeed</p>"
        )
    )
    before = stamps(built)

    build_site(content, built, THEME_TEMPLATES_OVERRIDES=[str(overrides)])

    html_pages = {path for path in before if path.endswith(".html")}
    assert html_pages <= rewritten(before, stamps(built))
    assert "Made with paperfeed" in (built / "index.html").read_text(encoding="utf-8")


def test_a_settings_change_empties_the_content_cache(content, tmp_path):
    # The summaries are made when a paper is read: a stale cache would keep 40-word ones.
    # The theme's cards show the whole abstract; this home page shows the summaries.
    overrides = tmp_path / "templates"
    overrides.mkdir()
    (overrides / "index.html").write_text(
        "{% for article in articles %}<p>{{ article.summary }}</p>{% endfor %}", "utf-8"
    )
    built = build_site(content, tmp_path / "output", THEME_TEMPLATES_OVERRIDES=[str(overrides)])
    cache = Path(f"{built}-cache")
    stamp = (cache / CACHE_STAMP).read_text(encoding="utf-8")

    build_site(content, built, THEME_TEMPLATES_OVERRIDES=[str(overrides)], SUMMARY_MAX_LENGTH=5)

    assert (cache / CACHE_STAMP).read_text(encoding="utf-8") != stamp
    home = (built / "index.html").read_text(encoding="utf-8")
    assert "Large language model (LLM) agents …" in home


def test_ignoring_the_cache_renders_everything(content, built):
    before = stamps(built)

    build_site(content, built, LOAD_CONTENT_CACHE=False)

    assert {path for path in before if path.endswith(".html")} <= rewritten(before, stamps(built))


def test_one_process_and_several_write_the_same_site(content, tmp_path):
    one = build_site(content, tmp_path / "one", PAGE_WRITER_PROCESSES=1)
    several = build_site(content, tmp_path / "several", PAGE_WRITER_PROCESSES=3)

    assert output_files(one) == output_files(several)
