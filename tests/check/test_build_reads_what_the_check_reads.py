"""Pelican builds exactly the files `invoke check` checks: real builds of the good fixture.

Files the check skips (dot files, dot folders, content/pages, other formats) are not built,
and a symbolic link in the papers folder stops the check and the build alike, with one line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from check_helpers import run

from paperfeed.check import check_content
from paperfeed.testing import build_site, copy_site, pelican_command

UNCHECKED = """---
title: "A paper nobody checked"
arxiv_id: "2406.05555"
authors: ["Un Checked"]
date: 2026-06-12
tags: [Unchecked-Tag]
---

Its abstract.
"""
UNCHECKED_HTML = (
    "<html><head><title>A page nobody checked</title>"
    '<meta name="date" content="2026-06-12"></head><body>Text.</body></html>\n'
)
UNCHECKED_RST = "A page nobody checked\n#####################\n\n:date: 2026-06-12\n\nText.\n"
NOT_READ = {
    "dot file": ("papers/.2406.05555.md", UNCHECKED),
    "dot folder": ("papers/.drafts/2406.05555.md", UNCHECKED),
    "pages folder": ("pages/2406.05555.md", UNCHECKED),
    "html": ("papers/2406.05555.html", UNCHECKED_HTML),
    "markdown extension": (
        "papers/2406.05555.markdown",
        "Title: Unchecked\nDate: 2026-06-12\n\nText.\n",
    ),
    "rst": ("papers/2406.05555.rst", UNCHECKED_RST),
}


def built_files(output: Path) -> set[str]:
    return {str(path.relative_to(output)) for path in output.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The files a build of the good fixture writes."""
    folder = tmp_path_factory.mktemp("clean")
    return built_files(build_site(copy_site("valid-papers", folder / "content"), folder / "output"))


@pytest.mark.parametrize("where", NOT_READ)
def test_files_the_check_skips_are_not_built(tmp_path, clean_build, where):
    content = copy_site("valid-papers", tmp_path / "content")
    relative, text = NOT_READ[where]
    (content / relative).parent.mkdir(parents=True, exist_ok=True)
    (content / relative).write_text(text, encoding="utf-8")

    problems = check_content(content / "papers", content / "topics.yaml").problems

    assert (problems, built_files(build_site(content, tmp_path / "output"))) == ([], clean_build)


@pytest.mark.parametrize(
    ("name", "target"),
    [("loop", ".."), ("2026", "../elsewhere"), ("2406.05555.md", "../elsewhere/2406.05555.md")],
)
def test_a_symbolic_link_stops_the_build_with_one_line(tmp_path, name, target):
    content = copy_site("valid-papers", tmp_path / "content")
    (content / "elsewhere").mkdir()
    (content / "elsewhere" / "2406.05555.md").write_text(UNCHECKED, encoding="utf-8")
    (content / "papers" / name).symlink_to(target)

    result = run(pelican_command(Path("content"), tmp_path / "output"), tmp_path)

    assert (result.returncode, result.stdout, result.stderr.splitlines()) == (
        1,
        "",
        [f"content/papers/{name}: is a symbolic link; put the file itself here"],
    )
    assert not (tmp_path / "output").exists()
