"""arXiv ids: one grammar for the fetch, the check, the build and the search index."""

import pytest

from paperfeed.ids import ArxivId, fileid, id_month, id_of_fileid, is_canonical_id, parse_id


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("2406.01234", ArxivId("2406.01234", None)),
        ("2406.01234v3", ArxivId("2406.01234", 3)),
        ("0704.0001", ArxivId("0704.0001", None)),
        ("1412.9999v2", ArxivId("1412.9999", 2)),
        ("1501.00001", ArxivId("1501.00001", None)),
        ("hep-th/9901001", ArxivId("hep-th/9901001", None)),
        ("math.CA/0611800v2", ArxivId("math/0611800", 2)),
        ("arXiv:2406.01234", ArxivId("2406.01234", None)),
        ("https://arxiv.org/abs/2406.01234v2", ArxivId("2406.01234", 2)),
        ("https://arxiv.org/pdf/2406.01234.pdf", ArxivId("2406.01234", None)),
        ("http://export.arxiv.org/abs/hep-th/9901001v1", ArxivId("hep-th/9901001", 1)),
        ("http://arxiv.org/abs/hep-ex/0307015v1", ArxivId("hep-ex/0307015", 1)),
        ("https://arxiv.org/pdf/2002.00741v12", ArxivId("2002.00741", 12)),
    ],
)
def test_ids_as_people_write_them(text, parsed):
    assert parse_id(text) == parsed


@pytest.mark.parametrize(
    "text",
    [
        "2406.1234",  # four digits after 1412
        "2406.123",
        "24061234",
        "1412.12345",  # five digits before 1501
        "1501.1234",
        "0703.0001",  # new style began in 0704
        "2413.01234",  # no month 13
        "2406.01234v0",
        "hep-th-x/9901001",  # no such archive
        "notarchive/9901001",
        "hep-th/991301",
        "hep-th/99010",
        "cs/9913001",  # no month 13 in old-style ids either
        "../etc/passwd",
        "1706.0376",
        "2406.01234x",
        "",
    ],
)
def test_what_is_no_arxiv_id(text):
    with pytest.raises(ValueError, match="is not an arXiv id"):
        parse_id(text)
    assert not is_canonical_id(text)


@pytest.mark.parametrize(
    ("arxiv_id", "file_id", "month"),
    [
        ("2406.01234", "2406.01234", "2024-06"),
        ("hep-th/9901001", "hep-th9901001", "1999-01"),
        ("math/0611800", "math0611800", "2006-11"),
        ("cond-mat/9108001", "cond-mat9108001", "1991-08"),
    ],
)
def test_file_ids_and_months(arxiv_id, file_id, month):
    assert fileid(arxiv_id) == file_id
    assert id_of_fileid(file_id) == arxiv_id
    assert id_month(arxiv_id) == month


def test_a_file_name_of_no_paper_has_no_id():
    assert id_of_fileid("notes") is None
    assert id_of_fileid("math.CA0611800") is None
