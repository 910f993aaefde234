"""Which files in the papers folder the site is built from: one list for the check and the build.

Pelican reads every `*.md` file under ARTICLE_PATHS except dot files and dot folders
(pelicanconf.py's IGNORE_FILES), and it follows symbolic links. `invoke check` checks the
files this module lists, and a symbolic link is refused, by the check and by the build
(plugins/symlink_guard), so both read the same files and no link loop is ever walked.

Only the standard library: the build loads this file by its path.
"""

from __future__ import annotations

import os
from typing import NamedTuple

LINK_PROBLEM = "is a symbolic link; put the file itself here"


class PaperFiles(NamedTuple):
    """The paper files and symbolic links under a folder, as paths relative to it."""

    papers: list[str]
    links: list[str]


def paper_files(folder: str | os.PathLike[str]) -> PaperFiles:
    """The `*.md` files under `folder` and the symbolic links there, never following a link.

    Dot files and dot folders are skipped, as Pelican skips them. Papers are sorted with the
    files at the top of the folder first, so that when a paper is also held by a copy in a
    subfolder, the copy is the one reported.
    """
    found = PaperFiles([], [])
    pending = [""]
    while pending:
        relative_folder = pending.pop()
        try:
            entries = list(os.scandir(os.path.join(folder, relative_folder)))
        except OSError:
            continue  # a folder that is missing or cannot be read, which Pelican skips too
        for entry in entries:
            if entry.name.startswith("."):
                continue
            relative = os.path.join(relative_folder, entry.name)
            if entry.is_symlink():
                found.links.append(relative)
            elif entry.is_dir(follow_symlinks=False):
                pending.append(relative)
            elif entry.name.endswith(".md"):
                found.papers.append(relative)
    found.papers.sort(key=lambda relative: (relative.count(os.sep), relative))
    found.links.sort()
    return found
