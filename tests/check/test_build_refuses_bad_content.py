"""`invoke build` runs the check first and stops on bad content, naming the file."""

from __future__ import annotations

import pytest
from check_helpers import copy_fixture, run

from paperfeed.testing import invoke_command


@pytest.mark.parametrize("kind", ["javascript_url", "broken_yaml", "unquoted_id"])
def test_build_stops_before_pelican_and_names_the_file(tmp_path, kind):
    content = copy_fixture(tmp_path, kind)
    (bad_file,) = (content / "papers").iterdir()

    result = run(invoke_command("build", "--content", str(content)), cwd=tmp_path)

    assert result.returncode == 1
    assert result.stdout.startswith(f"content/papers/{bad_file.name}:")
    assert result.stderr.splitlines()[-1] == (
        "build stopped: fix the problems above (see CONTRIBUTING.md), then build again"
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert "pelican" not in result.stdout + result.stderr
