"""One build at a time per output folder: an exclusive lock on a file beside the folder.

`output/` is locked through `.output.lock` next to it, with flock: the kernel releases it
when the processes holding it end, however they end (a killed build leaves no stale lock).
`invoke build` takes it for its whole run and hands it to the Pelican and search-index
processes it starts (`child_env`, `pass_fds`): they inherit the locked file, named by the
environment variable PAPERFEED_OUTPUT_LOCK_FD, and so do not refuse each other. Run on their
own, Pelican (the page_writer plugin) and scripts/search_index.py take the lock themselves.

The page_writer plugin, tasks.py and scripts/search_index.py import it.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path

FD_VARIABLE = "PAPERFEED_OUTPUT_LOCK_FD"


class OutputLocked(Exception):
    """Another build holds the output folder; the message is one line saying what to do."""


def lock_path(output: str | os.PathLike) -> Path:
    """The lock file of the output folder `output`: `.<folder name>.lock` beside it."""
    folder = Path(os.path.abspath(output))
    return folder.parent / f".{folder.name}.lock"


class OutputLock:
    """The held lock of one output folder; `release()` (or leaving `with`) lets it go."""

    def __init__(self, output: str | os.PathLike, fd: int, inherited: bool):
        self.output = output
        self.fd = fd
        # A lock a parent process passed down is the parent's to release.
        self.inherited = inherited

    def child_env(self) -> dict[str, str]:
        """Environment variables that let a child process started with `pass_fds=(fd,)` share it."""
        return {FD_VARIABLE: str(self.fd)}

    def release(self) -> None:
        """Let the lock go (a no-op for one inherited from a parent process)."""
        if self.fd < 0 or self.inherited:
            return
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
        self.fd = -1

    def __enter__(self) -> OutputLock:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def acquire(output: str | os.PathLike, on_wait: Callable[[str], None] | None = None) -> OutputLock:
    """Lock the output folder `output` for this process (and its children).

    When another build holds it: raise OutputLocked, or with `on_wait` given, call it with a
    line saying whom we wait for and wait until the other build ends.
    """
    path = lock_path(output)
    shown = os.fspath(output).rstrip(os.sep) + os.sep
    inherited = _inherited_fd(path)
    if inherited is not None:
        return OutputLock(output, inherited, inherited=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if on_wait is None:
                raise OutputLocked(
                    f"another build is writing {shown}{holder}; wait for it to finish"
                ) from None
            on_wait(f"waiting for another build writing {shown}{holder} to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        pid = f"{os.getpid()}\n".encode()
        os.pwrite(fd, pid, 0)
        os.ftruncate(fd, len(pid))
    except BaseException:
        os.close(fd)
        raise
    return OutputLock(output, fd, inherited=False)


def _inherited_fd(path: Path) -> int | None:
    """The descriptor of `path` that a parent process holding its lock passed down, if any."""
    value = os.environ.get(FD_VARIABLE, "")
    if not value.isdigit():
        return None
    fd = int(value)
    try:
        passed, expected = os.fstat(fd), os.stat(path)
    except OSError:
        return None
    if (passed.st_dev, passed.st_ino) != (expected.st_dev, expected.st_ino):
        return None
    try:
        # Succeeds at once when `fd` is the holder's own open file (the lock is its).
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return None
    return fd


def _holder(fd: int) -> str:
    """` (pid N)` of the process that wrote its pid into the lock file, or nothing."""
    pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return f" (pid {pid})" if pid.isdigit() else ""
