"""One build at a time writes an output folder; another started meanwhile refuses in one line."""

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from paperfeed.output_lock import acquire, lock_path
from paperfeed.testing import ROOT, build_site, invoke_command, output_files, pelican_command

# What `invoke build` needs besides the content; the tests run it on a copy, so that its
# output/ and cache/ are in a temporary folder.
PROJECT_FILES = (
    "tasks.py",
    "pelicanconf.py",
    "plugins",
    "theme",
    "scripts",
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's tasks, settings, plugins, theme and scripts."""
    root = tmp_path / "project"
    root.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "test_*", "test_data")
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=ignore)
        else:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    return root


def invoke_build(project: Path, content: Path) -> list[str]:
    return invoke_command("build", "--content", str(content), root=project)


def test_two_builds_at_once_give_one_complete_site_and_one_line(project, content, tmp_path):
    def start() -> subprocess.Popen:
        return subprocess.Popen(
            invoke_build(project, content),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    first = start()
    # The second starts once the first holds the lock, however fast the machine is.
    deadline = time.monotonic() + 60
    holder = lock_path(project / "output")
    while time.monotonic() < deadline and not _written_by(holder, first.pid):
        time.sleep(0.01)
    builds = [first, start()]
    results = [(build.communicate(timeout=600), build.returncode) for build in builds]

    (finished,) = [out for out, status in results if status == 0]
    (refused,) = [out for out, status in results if status != 0]
    assert "Traceback" not in "".join(finished)
    assert re.fullmatch(
        rf"another build is writing {re.escape(str(project / 'output'))}/ \(pid \d+\); "
        r"wait for it to finish\n",
        refused[1],
    )
    site = output_files(project / "output")
    assert "pagefind/bundles.js" in site
    pages = {path: data for path, data in site.items() if not path.startswith("pagefind/")}
    assert pages == output_files(build_site(content, tmp_path / "cold"))


def _written_by(lock: Path, pid: int) -> bool:
    """Whether the process `pid` holds the lock (its holder writes its pid into it)."""
    try:
        return lock.read_text().strip() == str(pid)
    except OSError:
        return False


def search_index_on_its_own(content: Path, output: Path) -> list[str]:
    return [sys.executable, str(ROOT / "scripts" / "search_index.py"), "--site", str(output)]


@pytest.mark.parametrize(
    ("command", "prefix"),
    [(pelican_command, ""), (search_index_on_its_own, "search index: ")],
    ids=["pelican", "search-index"],
)
def test_a_step_run_on_its_own_refuses_while_a_build_writes_the_output(
    content, tmp_path, command, prefix
):
    output = build_site(content, tmp_path / "output")
    before = output_files(output)

    with acquire(output):
        result = subprocess.run(
            command(content, output), capture_output=True, text=True, timeout=300, check=False
        )

    assert result.returncode != 0
    holder = f"{output}/ (pid {os.getpid()})"
    assert result.stderr == f"{prefix}another build is writing {holder}; wait for it to finish\n"
    assert output_files(output) == before


def test_the_live_preview_waits_for_the_other_build_then_builds(content, tmp_path, caplog):
    output = tmp_path / "output"
    lock = acquire(output)
    builder = threading.Thread(
        target=build_site, args=(content, output), kwargs={"PAGE_WRITER_WAIT_FOR_LOCK": True}
    )
    builder.start()
    waiting = f"waiting for another build writing {output}/ (pid {os.getpid()}) to finish"
    while builder.is_alive() and waiting not in caplog.messages:
        time.sleep(0.05)

    assert waiting in caplog.messages
    assert not output.exists()
    lock.release()
    builder.join(timeout=300)
    assert (output / "index.html").is_file()
