"""Tests of the paper_meta plugin: BibTeX, JSON-LD for a script element, plain abstracts."""

import datetime
import json
from types import SimpleNamespace

import pytest

from paper_meta.bibtex import bibtex_entry, citation_key, escape_bibtex, escape_keeping_tex
from paper_meta.paper_meta import abstract_text, script_json


def test_json_in_a_script_element_cannot_close_it():
    text = script_json({"abstract": "a </script><!-- & b"})

    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"abstract": "a </script><!-- & b"}


def test_bibtex_special_characters_are_escaped_outside_math():
    assert escape_bibtex("50% & #1 {x}_y ~^\\") == (
        "50\\% \\& \\#1 \\{x\\}\\_y \\textasciitilde{}\\^{}\\textbackslash{}"
    )
    assert escape_keeping_tex("$a_1$ costs $5 and_ $10") == "$a_1$ costs \\$5 and\\_ \\$10"


def test_citation_keys_are_ascii_and_fall_back_to_the_arxiv_id():
    assert citation_key(["Zoë Müller-Łukasz"], 2026, "On $x$ the Grand Thing", "2606.1") == (
        "mullerukasz2026grand"
    )
    assert citation_key([], 2006, "Title", "hep-th0601001") == "arxivhepth0601001"


def test_an_abstract_as_plain_text_has_its_formulas_as_unicode():
    html = (
        '<p>Cost <math display="inline"><semantics><mrow><mi>n</mi></mrow>'
        '<annotation encoding="application/x-tex">\\alpha &lt; n</annotation></semantics></math>'
        " &amp; more.</p>\n"
        "<p>Second.</p>"
    )

    assert abstract_text(html) == "Cost \N{GREEK SMALL LETTER ALPHA} < n & more.\n\nSecond."


@pytest.mark.parametrize(
    ("tags", "primary"),
    [(["hep-th", "cs.CL"], "hep-th"), (["llm", "cs.CL", "cs.LG"], "cs.CL"), (["llm"], None)],
)
def test_the_primary_class_is_the_paper_s_first_arxiv_category(tags, primary):
    metadata = {"arxiv_id": "2606.00001", "paper_authors": ["Ada Example"], "paper_tags": tags}
    paper = SimpleNamespace(
        metadata=metadata, title="A Paper", slug="2606.00001", date=datetime.datetime(2026, 6, 1)
    )

    lines = bibtex_entry(paper).splitlines()

    expected = [f"  primaryClass = {{{primary}}},"] if primary else []
    assert [line for line in lines if line.startswith("  primaryClass")] == expected
