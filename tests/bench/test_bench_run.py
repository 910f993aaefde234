"""The bench end to end: real builds of a few synthetic papers, a report that parses."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from paperfeed.testing import ROOT

MEASUREMENT_KEYS = {
    "seconds",
    "ms_per_paper",
    "peak_rss_mb",
    "html_pages",
    "paper_pages",
    "output_mb",
    "avg_paper_page_kb",
}


def run_bench(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "tools.bench", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
        check=False,
    )


def test_tiny_run_reports_json_with_every_build(tmp_path):
    result = run_bench("--papers", "20", "--no-hugo", "--json", "--keep", str(tmp_path / "work"))

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["papers"] == 20
    assert report["hugo_note"] == "skipped (--no-hugo)"
    assert report["pelican_to_hugo"] is None
    builds = report["builds"]
    steps = ("content_check", "pelican", "search_index")
    assert set(builds) == {
        f"{step}_{state}"
        for step in (*steps, "invoke_build", "similar")
        for state in ("cold", "unchanged", "one_edit")
    }
    similar = report["similar"]
    assert [similar[state]["tokenized"] for state in ("cold", "unchanged", "one_edit")] == [
        20,
        0,
        1,
    ]
    assert similar["cold"]["recomputed"] == 20
    assert 0 < report["similar_to_build"] < 1
    for state in ("cold", "unchanged", "one_edit"):
        # `invoke build` checks the content, builds with Pelican, then indexes for search.
        parts = [builds[f"{step}_{state}"] for step in steps]
        invoke_build = builds[f"invoke_build_{state}"]
        assert invoke_build["seconds"] == pytest.approx(sum(p["seconds"] for p in parts), abs=0.01)
        assert invoke_build["paper_pages"] == 20
        for name in ("content_check", "search_index"):
            assert builds[f"{name}_{state}"]["html_pages"] is None
        pelican = builds[f"pelican_{state}"]
        assert set(pelican) == MEASUREMENT_KEYS
        assert pelican["seconds"] > 0
        assert pelican["peak_rss_mb"] > 10
        assert pelican["paper_pages"] == 20
        assert pelican["html_pages"] > 20
    assert report["edit_to_cold"] > 0
    assert report["build_edit_to_cold"] > 0
    assert {"cpu", "cores", "python", "pelican", "hugo"} <= set(report["machine"])
    assert len(list((tmp_path / "work" / "content" / "papers").glob("*.md"))) == 20


def test_similar_only_run_times_the_similar_step_alone(tmp_path):
    result = run_bench("--papers", "20", "--similar-only", "--keep", str(tmp_path / "work"))

    assert result.returncode == 0, result.stderr
    rows = [line.split(" | ")[0] for line in result.stdout.splitlines() if line.startswith("| ")]
    assert rows[1:] == [
        "| similar papers alone (in Pelican's build), cold",
        "| similar papers alone, nothing changed",
        "| similar papers alone, one paper edited",
    ]
    assert "Similar papers (" in result.stdout
    assert not (tmp_path / "work" / "pelican-output").exists()


def test_table_shows_each_build_and_the_machine(bench):
    row = dict.fromkeys(MEASUREMENT_KEYS, 1)
    report = {
        "papers": 1000,
        "seed": 1,
        "pelican_settings": "pelicanconf.py",
        "builds": {
            "content_check_cold": {
                **dict.fromkeys(MEASUREMENT_KEYS),
                "seconds": 1.0,
                "ms_per_paper": 1.0,
                "peak_rss_mb": 30.0,
            },
            "pelican_cold": {**row, "seconds": 6.0},
            "hugo_cold": {**row, "seconds": 2},
        },
        "pelican_to_hugo": 3.0,
        "build_to_hugo": 3.5,
        "edit_to_cold": 0.2,
        "build_edit_to_cold": 0.25,
        "hugo_note": None,
        "similar_to_build": 0.05,
        "similar": {
            "cold": {
                "compute_seconds": 0.4,
                "tokenized": 1000,
                "changed": 1000,
                "recomputed": 1000,
                "cache_mb": 2.5,
            },
        },
        "machine": {
            "cpu": "CPU",
            "cores": 2,
            "memory_gb": 8,
            "os": "Linux",
            "python": "3.11",
            "pelican": "4.12.0",
            "hugo": "hugo v0.111.3+extended",
        },
        "load_average_before": 0.1,
    }

    table = bench.format_table(report)

    assert "| Pelican, cold | 6.00 |" in table
    assert "| Hugo, cold | 2.00 |" in table
    assert "| content check | 1.00 | 1.00 | 30 | - | - | - |" in table
    assert "Pelican cold build / Hugo cold build: 3.00x" in table
    assert "`invoke build` (check + Pelican + search index) / Hugo cold build: 3.50x" in table
    assert "Pelican after one edit / Pelican cold build: 0.20x" in table
    assert "`invoke build` after one edit / `invoke build` cold: 0.25x" in table
    assert "Pelican 4.12.0, hugo v0.111.3;" in table
    assert "similar papers alone, cold / `invoke build` cold: 5.0%" in table
    assert (
        "Similar papers (2.5 MB cache): cold: 0.40 s computing, 1000 tokenized, "
        "1000 vectors changed, 1000 lists computed"
    ) in table


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")
def test_hugo_builds_the_same_files_at_the_contract_urls(bench, tmp_path):
    content = tmp_path / "content"
    papers = bench.prepare_content(content, 25, seed=2)

    measurement = bench.bench_hugo(tmp_path, content, len(papers))

    output = tmp_path / "hugo-output"
    assert measurement.paper_pages == 25
    for path in papers:
        assert (output / "papers" / path.stem / "index.html").is_file()
    first = bench.read_paper(papers[0])
    page = (output / "papers" / papers[0].stem / "index.html").read_text(encoding="utf-8")
    assert first["authors"][0] in page
    assert (output / "tag" / "cs.cl" / "index.html").is_file()
    assert any((output / "author").glob("*/index.xml"))
    assert (output / "page" / "2" / "index.html").is_file()
    assert (output / "index.xml").is_file()
    assert not (bench.HUGO_SITE / ".hugo_build.lock").exists()


def test_required_hugo_missing_fails_in_one_line(tmp_path):
    no_tools = tmp_path / "bin"
    no_tools.mkdir()
    env = {**os.environ, "PATH": str(no_tools)}

    result = run_bench("--papers", "1", "--hugo", env=env)

    assert result.returncode == 1
    assert "apt-get install -y hugo" in result.stderr
    assert "Traceback" not in result.stderr


def test_keep_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")

    result = run_bench("--papers", "1", "--keep", str(tmp_path))

    assert result.returncode == 2
    assert "not empty" in result.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine"
