"""A BibTeX entry for a paper, from its metadata alone."""

import re
import unicodedata

from paper_attributes import PaperArticle

from paperfeed.ids import abs_url
from paperfeed.tags import is_category
from paperfeed.tex import TEX_SPAN

_SPECIAL = re.compile(r"([\\{}&%#_$~^])")
_SPECIAL_REPLACEMENT = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\^{}"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def escape_bibtex(text: str) -> str:
    """Escape BibTeX's special characters in plain text."""
    return _SPECIAL.sub(
        lambda match: _SPECIAL_REPLACEMENT.get(match.group(1), "\\" + match.group(1)), text
    )


def escape_keeping_tex(text: str) -> str:
    """Escape `text` for BibTeX, keeping its `$...$` spans as TeX math."""
    parts, position = [], 0
    for match in TEX_SPAN.finditer(text):
        parts.append(escape_bibtex(text[position : match.start()]))
        parts.append(f"${match.group(2)}$")
        position = match.end()
    parts.append(escape_bibtex(text[position:]))
    return "".join(parts)


def _ascii_word(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]", "", plain).lower()


def citation_key(authors: list[str], year: int, title: str, fileid: str) -> str:
    """`lastnameYEARfirstword` (ASCII), or `arxivFILEID` when there is no usable name."""
    last_name = _ascii_word(authors[0].split()[-1]) if authors and authors[0].split() else ""
    words = (_ascii_word(word) for word in TEX_SPAN.sub(" ", title).split())
    first_word = next((word for word in words if len(word) > 3), "")
    if not last_name:
        return "arxiv" + _ascii_word(fileid)
    return f"{last_name}{year}{first_word}"


def bibtex_entry(paper: PaperArticle) -> str:
    """The `@misc` BibTeX entry of `paper` (fields in a fixed order, so output is stable)."""
    metadata = paper.metadata
    arxiv_id = metadata["arxiv_id"]
    day = metadata.get("published") or paper.date.date()
    authors = metadata.get("paper_authors", [])
    fields = [
        ("title", "{" + escape_keeping_tex(paper.title) + "}"),
        ("author", " and ".join(escape_bibtex(name) for name in authors)),
        ("year", str(day.year)),
        ("month", None),
        ("eprint", arxiv_id),
        ("archivePrefix", "arXiv"),
    ]
    # A paper's tags list its arXiv categories first, its primary category first of all.
    primary = next((tag for tag in metadata.get("paper_tags", []) if is_category(tag)), None)
    if primary:
        fields.append(("primaryClass", primary))
    if metadata.get("doi"):
        fields.append(("doi", escape_bibtex(metadata["doi"])))
    if metadata.get("journal_ref"):
        fields.append(("note", escape_bibtex(metadata["journal_ref"])))
    fields.append(("url", abs_url(arxiv_id)))
    key = citation_key(authors, day.year, paper.title, paper.slug)
    # The month is BibTeX's own macro (jan, feb...), so it is written without braces.
    body = ",\n".join(
        f"  {name} = {{{value}}}" if value is not None else f"  month = {_MONTHS[day.month - 1]}"
        for name, value in fields
    )
    return f"@misc{{{key},\n{body}\n}}\n"
