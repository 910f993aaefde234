"""Stop the build when a folder of ARTICLE_PATHS holds a symbolic link.

Pelican follows symbolic links (a link to `..` walks the site again and again), so a link
could make it read files `invoke check` never saw. This walks each folder with the check's
own listing (scripts/check_files.py), which never follows a link, before Pelican reads any
file, and stops with one line per link.
"""

import importlib.util
import os
from pathlib import Path

from pelican import signals

_CHECK_FILES = Path(__file__).resolve().parents[2] / "scripts" / "check_files.py"


def _load_check_files():
    # By its path: scripts/ is a folder of scripts, not a package the build can import.
    spec = importlib.util.spec_from_file_location("paperfeed_check_files", _CHECK_FILES)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_files = _load_check_files()


def refuse_symbolic_links(generator) -> None:
    """Stop before the articles are read when a folder of papers holds a symbolic link."""
    content = os.path.abspath(generator.path)
    shown_from = os.path.dirname(content)
    lines = []
    for articles in generator.settings["ARTICLE_PATHS"]:
        folder = os.path.join(content, articles)
        for link in check_files.paper_files(folder).links:
            shown = os.path.relpath(os.path.join(folder, link), shown_from)
            lines.append(f"{shown}: {check_files.LINK_PROBLEM}")
    if lines:
        raise SystemExit("\n".join(lines))


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.article_generator_init.connect(refuse_symbolic_links)
