"""The schema is the one list of fields: docs/paper-format.md shows it, the writer orders by it."""

import dataclasses
import re

from paperfeed.schema import FIELDS, KEY_ORDER, REQUIRED, Paper, fields_table
from paperfeed.testing import ROOT

DOC = ROOT / "docs" / "paper-format.md"
GENERATED = re.compile(r"<!-- fields:[^\n]*-->\n(.*?)<!-- end of fields -->", re.DOTALL)


def test_the_paper_format_page_lists_every_field_as_the_schema_does():
    (table,) = GENERATED.findall(DOC.read_text(encoding="utf-8"))
    assert table == fields_table(), "run `python -m paperfeed.schema` and paste its table"
    assert [f"`{name}`" for name in KEY_ORDER] == re.findall(r"^\| (`\w+`)", table, re.M)


def test_required_fields_come_first_and_have_no_default():
    attributes = [field for field in dataclasses.fields(Paper) if "kind" in field.metadata]
    assert [field.name for field in attributes] == list(KEY_ORDER)
    assert KEY_ORDER[: len(REQUIRED)] == REQUIRED == ("title", "arxiv_id", "authors", "date")
    assert all(spec.description.endswith(".") and spec.example for spec in FIELDS)
