"""pelicanconf.py (local preview) and publishconf.py (hosted site)."""

import os
import subprocess

import feedparser

from paperfeed.testing import SITES, build_site, page, pelican_command

FIXTURE_CONTENT = SITES / "daily-papers"

SITEURL = "https://papers.example.org"


def test_the_preview_uses_relative_links(fixture_site):
    html = page(fixture_site("daily-papers"), "papers/2606.13681")

    assert '<link rel="stylesheet" href="../../theme/css/paperfeed.css">' in html
    assert 'href="../../feeds/all.atom.xml"' in html
    assert 'href="../../tag/cs.cl/"' in html


def test_the_hosted_site_needs_its_address(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != "PAPERFEED_SITEURL"}

    command = pelican_command(FIXTURE_CONTENT, tmp_path / "out", settings_file="publishconf.py")
    result = subprocess.run(
        command,
        env=environment,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "publishconf.py: PAPERFEED_SITEURL must be the site's absolute address (got ''); "
        "for example: PAPERFEED_SITEURL=https://example.org invoke preview"
    ]
    assert not (tmp_path / "out").exists()


def test_the_hosted_site_uses_absolute_links_everywhere(tmp_path, monkeypatch):
    monkeypatch.setenv("PAPERFEED_SITEURL", SITEURL + "/")

    output = build_site(FIXTURE_CONTENT, tmp_path / "output", settings_file="publishconf.py")

    html = page(output, "papers/2606.13681")
    assert f'<link rel="stylesheet" href="{SITEURL}/theme/css/paperfeed.css">' in html
    assert f'href="{SITEURL}/feeds/all.atom.xml"' in html
    assert f'href="{SITEURL}/tag/cs.cl/"' in html
    assert f'<link rel="canonical" href="{SITEURL}/papers/2606.13681/">' in html
    assert f'href="{SITEURL}/day/2026-06-12/"' in html
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITEURL}/day/2026-06-12/</loc>" in sitemap
    assert f"Sitemap: {SITEURL}/sitemap.xml" in (output / "robots.txt").read_text("utf-8")
    feed = feedparser.parse((output / "feeds" / "all.atom.xml").read_bytes())
    assert feed.feed.id == f"{SITEURL}/feeds/all.atom.xml"
    assert feed.entries[0].link == f"{SITEURL}/papers/2606.13681/"
    assert feed.entries[0].id == "https://arxiv.org/abs/2606.13681"


def test_the_site_is_renamed_by_its_settings_alone(tmp_path):
    texts = {
        "SITENAME": "Robot Lab Reading List",
        "SITESUBTITLE": "What the robot lab reads, every day",
        "HOME_HEADING": "Robotics papers",
        "FOOTER_TEXT": "Kept by the Robot Lab <robots@example.org>.",
    }

    output = build_site(FIXTURE_CONTENT, tmp_path / "output", **texts)

    home = page(output, "")
    assert "<title>Robot Lab Reading List</title>" in home
    assert '<a class="site-name" href="./">Robot Lab Reading List</a>' in home
    assert '<p class="lead">What the robot lab reads, every day</p>' in home
    assert "<h1>Robotics papers</h1>" in home
    assert "<p>Kept by the Robot Lab &lt;robots@example.org&gt;.</p>" in home
    assert "Kept by the Robot Lab" in page(output, "papers/2606.13681")
    defaults = ("paperfeed</", "Daily papers", "Hugging Face Daily Papers and arXiv")
    for path in output.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not [text for text in defaults if text in html], path
    feed = feedparser.parse((output / "feeds" / "all.atom.xml").read_bytes())
    assert feed.feed.title == "Robot Lab Reading List"
