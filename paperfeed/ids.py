"""arXiv identifiers, paper file ids and the addresses made from them (docs/paper-format.md).

arXiv has two identifier schemes:

- new style, since April 2007: `YYMM.NNNN` (to December 2014) or `YYMM.NNNNN` (from January
  2015), such as `2406.01234`;
- old style, before: `archive/YYMMNNN`, such as `hep-th/9901001`. A subject class may follow
  the archive (`math.CA/0611800`) but is not part of the identifier: it is the same paper as
  `math/0611800`.

Either may carry a version, `v2`. A paper file holds the canonical id: no version, no subject
class. Its file id, the name of `content/papers/<fileid>.md` and of its page, is the id with
the `/` dropped, as arXiv's bulk data names files (`hep-th9901001`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

ARCHIVES = frozenset(
    {
        *("acc-phys", "adap-org", "alg-geom", "ao-sci", "astro-ph", "atom-ph", "bayes-an"),
        *("chao-dyn", "chem-ph", "cmp-lg", "comp-gas", "cond-mat", "cs", "dg-ga", "econ"),
        *("eess", "funct-an", "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th", "math"),
        *("math-ph", "mtrl-th", "nlin", "nucl-ex", "nucl-th", "patt-sol", "physics"),
        *("plasm-ph", "q-alg", "q-bio", "q-fin", "quant-ph", "solv-int", "stat", "supr-con"),
    }
)
"""arXiv's archives, current and retired: the part of an old-style id before the `/`, and of
a category before its first `.` (`cs.CL`, `hep-th`)."""

ABS_URL = "https://arxiv.org/abs/"
PDF_URL = "https://arxiv.org/pdf/"
HF_PAPER_URL = "https://huggingface.co/papers/"

_MONTH = r"(?:0[1-9]|1[0-2])"
_ARCHIVE = r"[a-z]+(?:-[a-z]+)?"
_NEW_STYLE = rf"(?P<yymm>\d\d{_MONTH})\.(?P<number>\d{{4,5}})"
_OLD_STYLE = rf"(?P<archive>{_ARCHIVE})(?P<subject>\.[A-Z]{{2}})?/(?P<old>\d\d{_MONTH}\d{{3}})"
_ID = re.compile(rf"(?:{_NEW_STYLE}|{_OLD_STYLE})(?:v(?P<version>[1-9]\d*))?")
_PREFIX = re.compile(r"(?:(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/|arxiv:)", re.I)
_OLD_STYLE_FILEID = re.compile(rf"({_ARCHIVE})(\d\d{_MONTH}\d{{3}})")


class ArxivId(NamedTuple):
    """A parsed arXiv identifier: the canonical id (no version, no subject class) and the
    version it named, if any."""

    id: str
    version: int | None


def parse_id(text: str) -> ArxivId:
    """The ArxivId of an id as people write it: with a version, a subject class, an `arXiv:`
    prefix, or as an abstract or PDF address.

    `2406.01234v3` gives (`2406.01234`, 3); `https://arxiv.org/abs/math.CA/0611800v2` gives
    (`math/0611800`, 2). ValueError, naming the text, when it is no arXiv id.
    """
    candidate = _PREFIX.sub("", text.strip(), count=1).removesuffix(".pdf")
    match = _ID.fullmatch(candidate)
    if match is None or not _plausible(match):
        raise ValueError(f"{text!r} is not an arXiv id (like 2406.01234 or hep-th/9901001)")
    version = int(match["version"]) if match["version"] else None
    if match["archive"]:
        return ArxivId(f"{match['archive']}/{match['old']}", version)
    return ArxivId(f"{match['yymm']}.{match['number']}", version)


def _plausible(match: re.Match[str]) -> bool:
    """Whether the numbers fit the scheme of their time (and the archive is arXiv's)."""
    if match["archive"]:
        return match["archive"] in ARCHIVES
    # Four-digit numbers until 1412, five from 1501; new-style ids began in 0704.
    yymm = int(match["yymm"])
    return yymm >= 704 and len(match["number"]) == (4 if yymm <= 1412 else 5)


def is_canonical_id(text: str) -> bool:
    """Whether `text` is an arXiv id as a paper file holds it: no version, no subject class."""
    try:
        return parse_id(text) == (text, None)
    except ValueError:
        return False


def fileid(arxiv_id: str) -> str:
    """The file id of a canonical arXiv id: the id with any `/` dropped."""
    return arxiv_id.replace("/", "")


def id_of_fileid(file_id: str) -> str | None:
    """The canonical arXiv id a file id stands for (`hep-th9901001` -> `hep-th/9901001`), or
    None when the name is no file id."""
    old_style = _OLD_STYLE_FILEID.fullmatch(file_id)
    arxiv_id = f"{old_style[1]}/{old_style[2]}" if old_style else file_id
    return arxiv_id if is_canonical_id(arxiv_id) else None


def id_month(arxiv_id: str) -> str:
    """`YYYY-MM`, the month an arXiv id was given (`2306.00015` -> `2023-06`)."""
    digits = arxiv_id.rpartition("/")[2]
    # arXiv began in August 1991: two-digit years from 91 on are the 1990s.
    century = "19" if int(digits[:2]) >= 91 else "20"
    return f"{century}{digits[:2]}-{digits[2:4]}"


def abs_url(arxiv_id: str) -> str:
    """The paper's abstract page on arXiv (always its newest version)."""
    return ABS_URL + arxiv_id


def pdf_url(arxiv_id: str) -> str:
    """The paper's PDF on arXiv (its newest version)."""
    return PDF_URL + arxiv_id


def hf_url(arxiv_id: str) -> str:
    """The paper's page on Hugging Face Papers."""
    return HF_PAPER_URL + arxiv_id
