"""The same content builds into the same bytes: pages, feeds and data files alike."""

import os
import subprocess

from paperfeed.testing import SITES, output_files, pelican_command


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
