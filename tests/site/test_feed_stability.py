"""Two builds of the same papers give byte-identical feeds."""

import os
import subprocess

from site_helpers import SITEURL

from paperfeed.testing import pelican_command


def _build(feeds_content, output, seed: str) -> dict:
    command = pelican_command(feeds_content, output, FEED_DOMAIN=SITEURL)
    # Separate processes with different hash seeds: set and dict orders differ between them.
    subprocess.run(
        command, env={**os.environ, "PYTHONHASHSEED": seed}, check=True, capture_output=True
    )
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for folder in ("feeds", "theme/feeds")
        for path in (output / folder).rglob("*")
        if path.is_file()
    }


def test_two_builds_give_identical_feed_bytes(feeds_content, tmp_path):
    first = _build(feeds_content, tmp_path / "first", "1")
    second = _build(feeds_content, tmp_path / "second", "2")

    assert len(first) == 20, "16 Atom and RSS feeds, JSON, OPML, stylesheet, icon"
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []
