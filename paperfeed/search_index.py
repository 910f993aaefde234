"""Index the built site for search: Pagefind bundles of at most N paper pages each
(`python scripts/search_index.py`, the last step of `invoke build`).

Pagefind holds a whole index in memory while it builds it, about 160 KB for each paper page,
so one index of 10,000 papers needs 1.6 GB. The paper pages are therefore indexed in shards:
whole arXiv months, oldest first, at most N pages each (a month larger than that is split).
Each shard is one Pagefind run and one bundle, output/pagefind/<first month>-<digest>/, and the
search page searches all of them at once with Pagefind's mergeIndex. A bundle is named by a
digest of its pages and of Pagefind's version, so a shard whose pages have not changed keeps
its bundle and is not indexed again; bundles no shard names any more are deleted.

Beside the bundles it writes output/pagefind/bundles.js, the list the search page reads (its
search.js loads the first bundle's pagefind.js and merges the others). Runs after Pelican,
as the last step of `invoke build`, under that build's lock of the output folder; run on its
own, it takes the lock itself and stops with one line while another build holds it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import itertools
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .ids import id_month, id_of_fileid
from .output_lock import OutputLocked, acquire
from .paperfile import write_files

PAPER_PAGES = "papers/*/index.html"
SHARD_PAGES = 2000
BUNDLES_FOLDER = "pagefind"
BUNDLE_LIST = "bundles.js"
_GLOB_LITERAL = re.compile(r"[A-Za-z0-9._-]")


class SearchIndexError(Exception):
    """A problem the person running the build can act on; main() prints it as one line."""


@dataclass(frozen=True)
class Shard:
    """Paper pages indexed together into one Pagefind bundle."""

    month: str
    pages: tuple[str, ...]

    def glob(self) -> str:
        """A Pagefind glob that matches exactly this shard's pages."""
        folders = (_glob_escape(page.split("/")[1]) for page in self.pages)
        return "papers/{" + ",".join(folders) + "}/index.html"

    def bundle_name(self, site: Path) -> str:
        """`<first month>-<digest>`: a digest of Pagefind's version and of every page's bytes."""
        digest = hashlib.blake2b(digest_size=6)
        digest.update(importlib.metadata.version("pagefind").encode())
        for page in self.pages:
            digest.update(page.encode() + b"\0")
            digest.update((site / page).read_bytes() + b"\0")
        return f"{self.month}-{digest.hexdigest()}"


def _glob_escape(name: str) -> str:
    return "".join(char if _GLOB_LITERAL.fullmatch(char) else "\\" + char for char in name)


def arxiv_month(file_id: str) -> str:
    """`YYYY-MM` of a paper's file id (2306.00015, hep-th9901001); `0000-00` for any other name."""
    arxiv_id = id_of_fileid(file_id)
    return id_month(arxiv_id) if arxiv_id else "0000-00"


def paper_pages(site: Path) -> list[str]:
    """The paper pages of a built site, as paths relative to it."""
    return sorted(path.relative_to(site).as_posix() for path in site.glob(PAPER_PAGES))


def plan_shards(pages: list[str], shard_pages: int = SHARD_PAGES) -> list[Shard]:
    """Group pages into shards of whole months, oldest first, at most `shard_pages` each.

    New papers land in the newest months, so the older shards, and their bundles, stay as
    they are from one build to the next.
    """

    def month_of(page: str) -> str:
        return arxiv_month(page.split("/")[1])

    shards: list[Shard] = []
    current: list[str] = []

    def close(count: int) -> None:
        shards.append(Shard(month_of(current[0]), tuple(current[:count])))
        del current[:count]

    for _, grouped in itertools.groupby(sorted(pages, key=lambda p: (month_of(p), p)), month_of):
        month_pages = list(grouped)
        if current and len(current) + len(month_pages) > shard_pages:
            close(len(current))
        current.extend(month_pages)
        while len(current) > shard_pages:
            close(shard_pages)
    if current:
        close(len(current))
    return shards


def index_shard(site: Path, shard: Shard, bundle: Path) -> None:
    """Run Pagefind over the shard's pages into `bundle`, which appears only once complete."""
    partial = bundle.with_name(f".{bundle.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", shard.glob()]
    command += ["--output-path", str(partial), "--quiet"]
    result = subprocess.run(command)
    if result.returncode != 0:
        shutil.rmtree(partial, ignore_errors=True)
        raise SearchIndexError(
            f"Pagefind could not index {len(shard.pages)} pages from {shard.month} on "
            f"(see its message above); the previous bundles are left as they were"
        )
    partial.rename(bundle)


def write_bundle_list(root: Path, names: list[str]) -> None:
    """bundles.js, which search.js reads."""
    items = ", ".join(f'"{name}/"' for name in names)
    script = (
        "// Written by scripts/search_index.py: the Pagefind bundles the search page merges.\n"
        f"window.paperfeedSearchBundles = [{items}].map(function (name) {{\n"
        "  return new URL(name, document.currentScript.src).href;\n"
        "});\n"
    )
    write_files([(root / BUNDLE_LIST, script.encode())])


@dataclass(frozen=True)
class IndexReport:
    """What a run did: pages and shards, and how many shards Pagefind indexed anew."""

    pages: int
    shards: int
    indexed: int
    seconds: float

    def summary(self) -> str:
        if not self.pages:
            return "search index: no paper pages to index; removed the search bundles"
        kept = self.shards - self.indexed
        shards = f"{self.shards} shard" + ("s" if self.shards != 1 else "")
        return (
            f"search index: {self.pages:,} paper pages in {shards} "
            f"({self.indexed} indexed in {self.seconds:.1f} s, {kept} unchanged)"
        )


def build_search_index(site: Path, shard_pages: int = SHARD_PAGES) -> IndexReport:
    """Index the paper pages of `site` into site/pagefind/, re-indexing only changed shards.

    Holds the lock of `site` (see output_lock.py) while it works.
    """
    if not (site / "index.html").is_file():
        raise SearchIndexError(f"{site} holds no built site: build it with Pelican first")
    try:
        lock = acquire(site)
    except OutputLocked as err:
        raise SearchIndexError(str(err)) from None
    with lock:
        return _index_pages(site, shard_pages)


def _index_pages(site: Path, shard_pages: int) -> IndexReport:
    start = time.perf_counter()
    root = site / BUNDLES_FOLDER
    pages = paper_pages(site)
    if not pages:
        shutil.rmtree(root, ignore_errors=True)
        return IndexReport(0, 0, 0, 0.0)
    root.mkdir(exist_ok=True)
    shards = plan_shards(pages, shard_pages)
    names = [shard.bundle_name(site) for shard in shards]
    indexed = 0
    for shard, name in zip(shards, names, strict=True):
        if not (root / name).is_dir():
            index_shard(site, shard, root / name)
            indexed += 1
    write_bundle_list(root, names)
    keep = {*names, BUNDLE_LIST}
    for entry in root.iterdir():
        if entry.name in keep:
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    return IndexReport(len(pages), len(shards), indexed, time.perf_counter() - start)
