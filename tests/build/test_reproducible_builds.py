"""The same content builds into the same bytes: pages, feeds and data files alike."""

import os
import re
import subprocess
from pathlib import Path

from paperfeed.testing import ROOT, SITES, output_files, page, pelican_command


def test_two_builds_give_identical_bytes(tmp_path):
    # Separate processes with different hash seeds: set and dict orders differ between them.
    # The content has authors of two papers, whose author feeds gather papers from sets.
    outputs = []
    for seed in ("1", "2"):
        output = tmp_path / f"output-{seed}"
        subprocess.run(
            pelican_command(SITES / "shared-authors", output),
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
            capture_output=True,
        )
        outputs.append(output)

    first, second = (output_files(output) for output in outputs)
    assert "feeds/author/aino-virtanen.atom.xml" in first
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []


def test_every_shipped_paper_page_lists_the_same_similar_papers_in_two_builds(tmp_path):
    pages = []
    for seed in ("1", "2"):
        output = tmp_path / f"shipped-{seed}"
        subprocess.run(
            pelican_command(ROOT / "content", output),
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
            capture_output=True,
        )
        pages.append({path: page(output, path) for path in paper_pages(output)})

    first, second = pages
    assert len(first) == len(list((ROOT / "content" / "papers").glob("*.md")))
    assert first == second
    for path, html in first.items():
        start = html.index('<h2 id="similar">Similar papers</h2>')
        section = html[start : html.index("</section>", start)]
        links = re.findall(r'href="\.\./\.\./(papers/[^"/]+/)"', section)
        assert 1 <= len(links) <= 6, path
        assert path not in links and len(set(links)) == len(links), path
        assert set(links) <= first.keys(), path


def paper_pages(output: Path) -> list[str]:
    """The folder URLs of the paper pages under `output` (`papers/<fileid>/`)."""
    return sorted(f"papers/{folder.name}/" for folder in (output / "papers").iterdir())
