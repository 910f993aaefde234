"""A build killed while it writes the site costs the next build time, never correctness."""

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from paperfeed.testing import build_site, output_files

KILLED_BUILD = Path(__file__).parent / "killed_build.py"


@pytest.mark.parametrize("signal_number", [signal.SIGKILL, signal.SIGTERM])
def test_after_a_build_killed_while_writing_the_next_build_is_the_cold_build(
    content, tmp_path, signal_number
):
    output = build_site(content, tmp_path / "output")
    papers = {path: path.read_bytes() for path in (content / "papers").glob("*.md")}
    for path, data in papers.items():
        path.write_bytes(data + b"\nA sentence the killed build writes into many pages.\n")

    killed = subprocess.run(
        [sys.executable, KILLED_BUILD, content, output, "5", str(int(signal_number))],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert killed.returncode == -signal_number, killed.stderr
    for path, data in papers.items():
        path.write_bytes(data)
    build_site(content, output)

    rebuilt, cold = output_files(output), output_files(build_site(content, tmp_path / "cold"))
    assert (
        sorted(path for path in rebuilt.keys() | cold.keys() if rebuilt.get(path) != cold.get(path))
        == []
    )
