"""`invoke build` runs the check first and stops on bad content, naming the file."""

from __future__ import annotations

import pytest
from check_helpers import SCRIPT_LINK, one_paper, run

from paperfeed.testing import invoke_command

BAD_FILES = {
    "a bad field": (SCRIPT_LINK, "2406.01234.md"),
    "broken YAML": (
        ('title: "Attention Is All You Need"', "title: Attention: Is"),
        "2406.01234.md",
    ),
    "an unquoted id": (('arxiv_id: "2406.01234"', "arxiv_id: 2406.01230"), "2406.01230.md"),
}


@pytest.mark.parametrize(("edit", "name"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_build_stops_before_pelican_and_names_the_file(tmp_path, edit, name):
    content = one_paper(tmp_path, edit, name)
    (bad_file,) = (content / "papers").iterdir()

    result = run(invoke_command("build", "--content", str(content)), cwd=tmp_path)

    assert result.returncode == 1
    assert result.stdout.startswith(f"content/papers/{bad_file.name}:")
    assert result.stderr.splitlines()[-1] == (
        "build stopped: fix the problems above (see CONTRIBUTING.md), then build again"
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert "pelican" not in result.stdout + result.stderr
