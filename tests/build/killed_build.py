"""Build a site in this process and kill it with a signal as it writes: for the tests.

    python killed_build.py CONTENT OUTPUT FILES SIGNAL

Builds CONTENT into OUTPUT as paperfeed.testing.build_site does, with one rendering process, and
sends itself SIGNAL (a number; SIGKILL and SIGTERM end it at once) when, FILES output files
in place, the next one is written whole and about to take its place.
"""

import os
import sys
from pathlib import Path

from paperfeed.testing import build_site


def main() -> None:
    content, output, files, signal_number = sys.argv[1:]
    output_folder = os.path.abspath(output) + os.sep
    replace = os.replace
    placed = 0

    def replace_or_die(source, target):
        nonlocal placed
        if os.path.abspath(target).startswith(output_folder):
            if placed == int(files):
                os.kill(os.getpid(), int(signal_number))
            placed += 1
        replace(source, target)

    os.replace = replace_or_die
    build_site(Path(content), Path(output), PAGE_WRITER_PROCESSES=1)


if __name__ == "__main__":
    main()
