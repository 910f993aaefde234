"""Tests of the compact_html plugin: no indentation in the pages, nothing else changed."""

import re
import shutil
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from compact_html import CompactHtmlExtension, compact
from paperfeed.testing import SITES, build_site

CONTENT = SITES / "shared-authors"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("<ul>\n  <li>a</li>\n</ul>\n", "<ul>\n<li>a</li>\n</ul>\n", id="indentation"),
        pytest.param("<p>a</p>\n\n\n  <p>b</p>", "<p>a</p>\n<p>b</p>", id="blank lines"),
        pytest.param(
            "<div>\n  <pre>x\n    y\n</pre>\n  <textarea>\n  t</textarea>\n</div>",
            "<div>\n<pre>x\n    y\n</pre>\n<textarea>\n  t</textarea>\n</div>",
            id="pre and textarea kept",
        ),
        pytest.param(
            "{% if a %}\n    <b>x</b>\n{# note #}\n  y",
            "{% if a %}\n <b>x</b>\n{# note #}\n y",
            id="one space after a tag whose line break Jinja drops",
        ),
        pytest.param("    <html>", "<html>", id="the first line"),
    ],
)
def test_compact_removes_indentation_outside_verbatim_elements(source, expected):
    assert compact(source) == expected


def test_the_words_around_a_block_tag_stay_apart():
    source = "<p>{% for word in words %}\n  <b>{{ word }}</b>\n{% endfor %}\n</p>"
    plain = Environment(loader=DictLoader({"p.html": source}), trim_blocks=True)
    compacted = Environment(
        loader=DictLoader({"p.html": source}), trim_blocks=True, extensions=[CompactHtmlExtension]
    )

    before = plain.get_template("p.html").render(words=["one", "two"])
    after = compacted.get_template("p.html").render(words=["one", "two"])

    assert before == "<p>  <b>one</b>\n  <b>two</b>\n</p>"
    assert after == "<p> <b>one</b>\n <b>two</b>\n</p>"


def _collapsed(path: Path) -> str:
    return re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))


def test_a_built_site_is_smaller_and_reads_the_same(tmp_path):
    plain = shutil.copytree(
        build_site(CONTENT, tmp_path / "output", plugins=["paper_reader", "paper_meta"]),
        tmp_path / "plain",
    )
    compacted = build_site(
        CONTENT, tmp_path / "output", plugins=["paper_reader", "paper_meta", "compact_html"]
    )

    pages = sorted(path.relative_to(plain) for path in plain.rglob("*.html"))
    assert pages == sorted(path.relative_to(compacted) for path in compacted.rglob("*.html"))
    for page in pages:
        assert _collapsed(compacted / page) == _collapsed(plain / page), page
        assert not re.search(r"\n {2,}<", (compacted / page).read_text(encoding="utf-8")), page
    bibtex = next(compacted.glob("papers/*/index.html")).read_text(encoding="utf-8")
    assert "\n  title = {" in bibtex.split('<pre class="bibtex"')[1]
    size = sum((compacted / page).stat().st_size for page in pages)
    assert size < 0.97 * sum((plain / page).stat().st_size for page in pages)
