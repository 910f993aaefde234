"""scripts/search_index.py: paper pages indexed by Pagefind in shards, unchanged shards kept."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from paperfeed.search_index import (
    BUNDLE_LIST,
    Shard,
    arxiv_month,
    build_search_index,
    plan_shards,
)
from paperfeed.testing import ROOT

SCRIPT = ROOT / "scripts" / "search_index.py"
# Seven papers over three arXiv months and one old-style id from 1999.
FILE_IDS = (
    "hep-th9901001",
    "2301.00001",
    "2301.00002",
    "2302.00001",
    "2302.00002",
    "2302.00003",
    "2303.00001",
)


def run_script(*args: str | Path, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, SCRIPT, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def listed_bundles(site: Path) -> list[str]:
    """The bundle folders bundles.js gives the search page, in its order."""
    script = (site / "pagefind" / BUNDLE_LIST).read_text(encoding="utf-8")
    return [name.rstrip("/") for name in re.findall(r'"([^"]+/)"', script)]


def indexed_pages(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def snapshot(folder: Path) -> dict[str, int]:
    """Every file under `folder` with its modification time."""
    return {
        path.relative_to(folder).as_posix(): path.stat().st_mtime_ns
        for path in folder.rglob("*")
        if path.is_file()
    }


def write_paper_page(site: Path, file_id: str, title: str) -> Path:
    """A paper page with what Pagefind reads of the theme's: a `data-pagefind-body` main."""
    page = site / "papers" / file_id / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body><header>Site</header>"
        f"<main data-pagefind-body><h1>{html.escape(title)}</h1>"
        f"<p>An abstract about {html.escape(title.lower())}.</p></main></body></html>\n",
        encoding="utf-8",
    )
    return page


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """An empty built site: a home page and nothing else."""
    folder = tmp_path / "output"
    folder.mkdir()
    (folder / "index.html").write_text("<!doctype html><title>Home</title>\n", encoding="utf-8")
    return folder


@pytest.fixture
def add_papers(site: Path) -> Callable[..., list[Path]]:
    """Write paper pages for the given file ids into the site."""

    def add(*file_ids: str) -> list[Path]:
        return [write_paper_page(site, file_id, f"Paper {file_id}") for file_id in file_ids]

    return add


@pytest.mark.parametrize(
    ("file_id", "month"),
    [
        ("2306.00015", "2023-06"),
        ("0704.0001", "2007-04"),
        ("hep-th9901001", "1999-01"),
        ("math0309136", "2003-09"),
        ("2306.1", "0000-00"),
        ("not-an-id", "0000-00"),
    ],
)
def test_arxiv_month_reads_new_and_old_style_ids(file_id, month):
    assert arxiv_month(file_id) == month


def _pages(*file_ids: str) -> list[str]:
    return [f"papers/{file_id}/index.html" for file_id in file_ids]


@pytest.mark.parametrize(
    ("file_ids", "shard_pages", "expected"),
    [
        pytest.param(
            ("2301.00001", "2301.00002", "2302.00001", "2302.00002", "2303.00001"),
            4,
            [("2023-01", 4), ("2023-03", 1)],
            id="whole months while they fit",
        ),
        pytest.param(
            ("2301.00001", "2302.00001", "2302.00002", "2302.00003"),
            3,
            [("2023-01", 1), ("2023-02", 3)],
            id="a month that does not fit starts the next shard",
        ),
        pytest.param(
            ("2301.00001", "2301.00002", "2301.00003", "2301.00004", "2301.00005"),
            2,
            [("2023-01", 2), ("2023-01", 2), ("2023-01", 1)],
            id="a month larger than a shard is split",
        ),
        pytest.param(
            ("2301.00001", "hep-th9901001", "math0309136"),
            10,
            [("1999-01", 3)],
            id="oldest month first, old-style ids by their month",
        ),
    ],
)
def test_plan_shards_groups_whole_months_oldest_first(file_ids, shard_pages, expected):
    shards = plan_shards(_pages(*file_ids), shard_pages)

    assert [(shard.month, len(shard.pages)) for shard in shards] == expected
    assert sorted(page for shard in shards for page in shard.pages) == sorted(_pages(*file_ids))


def test_shard_glob_names_exactly_its_pages():
    shard = Shard("1999-01", tuple(_pages("hep-th9901001", "2301.00001")))

    assert shard.glob() == "papers/{hep-th9901001,2301.00001}/index.html"


def test_a_folder_name_with_glob_characters_is_matched_literally(site, add_papers):
    """Only `invoke check` keeps such names out of content/; a plain Pelican build allows them."""
    add_papers("odd,name", "odd", "name")

    build_search_index(site, shard_pages=1)

    assert Shard("0000-00", tuple(_pages("odd,name"))).glob() == r"papers/{odd\,name}/index.html"
    bundles = listed_bundles(site)
    assert [indexed_pages(site / "pagefind" / name) for name in bundles] == [1, 1, 1]


def test_every_paper_page_is_indexed_once_across_the_bundles(site, add_papers):
    add_papers(*FILE_IDS)

    report = build_search_index(site, shard_pages=3)

    bundles = listed_bundles(site)
    assert (report.pages, report.shards, report.indexed) == (7, 3, 3)
    assert [name[:7] for name in bundles] == ["1999-01", "2023-02", "2023-03"]
    assert sorted(path.name for path in (site / "pagefind").iterdir() if path.is_dir()) == sorted(
        bundles
    )
    assert [indexed_pages(site / "pagefind" / name) for name in bundles] == [3, 3, 1]
    assert report.summary().startswith("search index: 7 paper pages in 3 shards (3 indexed in ")


def test_a_second_run_indexes_nothing_and_touches_no_bundle(site, add_papers):
    add_papers(*FILE_IDS)
    build_search_index(site, shard_pages=3)
    before = snapshot(site / "pagefind")

    report = build_search_index(site, shard_pages=3)

    assert report.indexed == 0
    assert report.summary().endswith(f"(0 indexed in {report.seconds:.1f} s, 3 unchanged)")
    after = snapshot(site / "pagefind")
    assert {path: mtime for path, mtime in after.items() if "/" in path} == {
        path: mtime for path, mtime in before.items() if "/" in path
    }


def test_an_edited_page_reindexes_its_shard_only(site, add_papers):
    pages = add_papers(*FILE_IDS)
    build_search_index(site, shard_pages=3)
    old_bundles = listed_bundles(site)
    pages[-1].write_text(pages[-1].read_text().replace("Paper", "Corrected paper"))

    report = build_search_index(site, shard_pages=3)

    new_bundles = listed_bundles(site)
    assert report.indexed == 1
    assert new_bundles[:2] == old_bundles[:2]
    assert new_bundles[2] != old_bundles[2]
    assert not (site / "pagefind" / old_bundles[2]).exists()
    fragments = (site / "pagefind" / new_bundles[2] / "fragment").iterdir()
    assert len(list(fragments)) == 1


def test_a_new_paper_in_the_newest_month_leaves_the_older_bundles(site, add_papers):
    add_papers(*FILE_IDS)
    build_search_index(site, shard_pages=3)
    old_bundles = listed_bundles(site)
    add_papers("2303.00002")

    report = build_search_index(site, shard_pages=3)

    assert report.indexed == 1
    assert listed_bundles(site)[:2] == old_bundles[:2]
    assert indexed_pages(site / "pagefind" / listed_bundles(site)[2]) == 2


def test_a_single_index_left_by_an_older_build_is_removed(site, add_papers):
    add_papers(*FILE_IDS)
    old = site / "pagefind"
    (old / "fragment").mkdir(parents=True)
    (old / "fragment" / "en_1.pf_fragment").write_bytes(b"old")
    (old / "pagefind.js").write_text("old")

    build_search_index(site, shard_pages=3)

    assert sorted(path.name for path in old.iterdir() if path.is_file()) == sorted([BUNDLE_LIST])
    assert sorted(path.name for path in old.iterdir() if path.is_dir()) == sorted(
        listed_bundles(site)
    )


def test_one_shard_is_named_in_the_singular(site, add_papers):
    add_papers(*FILE_IDS)

    report = build_search_index(site)

    assert report.summary().startswith("search index: 7 paper pages in 1 shard (1 indexed in ")


def test_a_site_without_paper_pages_gets_no_bundles(site, add_papers):
    add_papers(*FILE_IDS[:2])
    build_search_index(site)
    for page in (site / "papers").glob("*/index.html"):
        page.unlink()

    report = build_search_index(site)

    assert report.pages == 0
    assert not (site / "pagefind").exists()
    assert report.summary() == "search index: no paper pages to index; removed the search bundles"


def test_the_command_prints_what_it_did(site, add_papers):
    add_papers(*FILE_IDS)

    result = run_script("--site", site, "--shard-pages", "4")

    assert result.returncode == 0, result.stderr
    assert re.fullmatch(
        r"search index: 7 paper pages in 2 shards \(2 indexed in \d+\.\d s, 0 unchanged\)\n",
        result.stdout,
    )


def test_pagefind_failing_stops_with_one_line_and_keeps_the_last_index(site, add_papers, tmp_path):
    pages = add_papers(*FILE_IDS)
    build_search_index(site, shard_pages=3)
    before = snapshot(site / "pagefind")
    pages[0].write_text(pages[0].read_text().replace("Paper", "Edited paper"))
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: out of memory' >&2\nexit 1\n")
    failing.chmod(0o755)

    result = run_script(
        "--site",
        site,
        "--shard-pages",
        "3",
        env={**os.environ, "PAGEFIND_BINARY_PATH": str(failing)},
    )

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Error: out of memory",
        "search index: Pagefind could not index 3 pages from 1999-01 on (see its message above); "
        "the previous bundles are left as they were",
    ]
    assert snapshot(site / "pagefind") == before


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        pytest.param(("--site", "{missing}"), 1, "holds no built site", id="no site"),
        pytest.param(("--shard-pages", "0"), 2, "--shard-pages must be at least 1", id="no pages"),
    ],
)
def test_bad_arguments_get_one_line(tmp_path, args, status, message):
    args = [arg.format(missing=tmp_path / "missing") for arg in args]

    result = run_script(*args)

    assert result.returncode == status
    assert message in result.stderr.splitlines()[-1]
    assert "Traceback" not in result.stderr
