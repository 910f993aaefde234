"""The fields of a paper file: one list, read by the validation, the file writer, the merge,
the Pelican reader and docs/paper-format.md (a test keeps that page equal to this list).
"""

from __future__ import annotations

import datetime
from dataclasses import MISSING, dataclass, field, fields
from enum import Enum
from typing import Any


class Kind(Enum):
    """What a field's value is, and so which rule checks it; the value says how to write it."""

    TEXT = "text, in double quotes"
    ID = "the id in double quotes, without a version"
    TEXT_LIST = "a list of text, one entry each"
    TAGS = "a list of known tags, each once"
    DAY = "a bare date, `2026-06-12`: no quotes, no time"
    COUNT = "a whole number, without quotes"
    LINK = "an `https://` (or `http://`) address with a host, without spaces"


class Owner(Enum):
    """Where a field's value comes from. A person may correct any field in a pull request;
    a later fetch keeps the correction (docs/paper-format.md, "Corrections survive")."""

    IDENTITY = "the file name (never changes)"
    FETCH = "the fetch"
    HF = "Hugging Face"
    ARXIV = "arXiv"
    UPSTREAM = "Hugging Face or arXiv"
    TAGGING = "arXiv categories and content/topics.yaml"
    PERSON = "a person"


@dataclass(frozen=True)
class Field:
    """One front-matter key of a paper file."""

    name: str
    kind: Kind
    required: bool
    owner: Owner
    description: str
    example: str


def _about(kind: Kind, owner: Owner, description: str, example: str) -> dict[str, Any]:
    """The metadata that makes a Paper attribute a front-matter field."""
    return {"kind": kind, "owner": owner, "description": description, "example": example}


@dataclass
class Paper:
    """One paper file, read and checked: its fields in file order (the required ones first),
    its abstract, and its custom keys (any key that is not a field, and not one typo away from
    one) kept as they are. An optional field the file lacks is None or an empty list."""

    title: str = field(
        metadata=_about(
            Kind.TEXT,
            Owner.UPSTREAM,
            "The paper's title; TeX between dollar signs shows as math.",
            '"Attention Is All You Need"',
        )
    )
    arxiv_id: str = field(
        metadata=_about(
            Kind.ID,
            Owner.IDENTITY,
            "The arXiv id without version, always quoted; the file is named after it.",
            '"1706.03762"',
        )
    )
    authors: list[str] = field(
        metadata=_about(
            Kind.TEXT_LIST,
            Owner.UPSTREAM,
            "Every author, in order, one name per entry.",
            '["Ashish Vaswani", "Noam Shazeer"]',
        )
    )
    date: datetime.date = field(
        metadata=_about(
            Kind.DAY,
            Owner.FETCH,
            "The day the paper was listed on this site: its Hugging Face Daily Papers day, or "
            "its first arXiv version for a paper known from arXiv alone.",
            "2017-06-12",
        )
    )
    published: datetime.date | None = field(
        default=None,
        metadata=_about(Kind.DAY, Owner.ARXIV, "The day of the first arXiv version.", "2017-06-12"),
    )
    tags: list[str] = field(
        default_factory=list,
        metadata=_about(
            Kind.TAGS,
            Owner.TAGGING,
            "arXiv categories (primary first, spelled as arXiv does: cs.CL), then topics (their "
            "names in content/topics.yaml).",
            "[cs.CL, cs.LG, LLMs]",
        ),
    )
    updated: datetime.date | None = field(
        default=None,
        metadata=_about(
            Kind.DAY, Owner.ARXIV, "The day of the newest arXiv version.", "2023-08-02"
        ),
    )
    version: int | None = field(
        default=None,
        metadata=_about(Kind.COUNT, Owner.ARXIV, "The newest arXiv version, 1 or more.", "7"),
    )
    upvotes: int | None = field(
        default=None, metadata=_about(Kind.COUNT, Owner.HF, "Upvotes on Hugging Face.", "42")
    )
    github: str | None = field(
        default=None,
        metadata=_about(
            Kind.LINK,
            Owner.HF,
            "The code repository.",
            "https://github.com/tensorflow/tensor2tensor",
        ),
    )
    project_page: str | None = field(
        default=None,
        metadata=_about(
            Kind.LINK, Owner.HF, "The project's own page.", "https://example.org/transformer"
        ),
    )
    keywords: list[str] = field(
        default_factory=list,
        metadata=_about(
            Kind.TEXT_LIST,
            Owner.HF,
            "Hugging Face's AI keywords for the paper.",
            '["transformer", "attention"]',
        ),
    )
    ai_summary: str | None = field(
        default=None,
        metadata=_about(
            Kind.TEXT, Owner.HF, "Hugging Face's one-line AI summary.", '"A network of attention."'
        ),
    )
    comment: str | None = field(
        default=None,
        metadata=_about(
            Kind.TEXT, Owner.ARXIV, "The authors' arXiv comment.", '"15 pages, 5 figures"'
        ),
    )
    doi: str | None = field(
        default=None,
        metadata=_about(
            Kind.TEXT,
            Owner.ARXIV,
            "The DOI of the published version.",
            '"10.48550/arXiv.1706.03762"',
        ),
    )
    journal_ref: str | None = field(
        default=None,
        metadata=_about(Kind.TEXT, Owner.ARXIV, "Where the paper was published.", '"NeurIPS 2017"'),
    )
    abstract: str = ""
    """The Markdown body below the front matter (owned by Hugging Face or arXiv)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Custom keys, in file order, kept as they are."""


FIELDS: tuple[Field, ...] = tuple(
    Field(
        name=attribute.name,
        required=attribute.default is MISSING and attribute.default_factory is MISSING,
        **attribute.metadata,
    )
    for attribute in fields(Paper)
    if "kind" in attribute.metadata
)
"""Every front-matter field, in the order a paper file holds them."""

BY_NAME = {spec.name: spec for spec in FIELDS}
KEY_ORDER = tuple(spec.name for spec in FIELDS)
REQUIRED = tuple(spec.name for spec in FIELDS if spec.required)
BODY = "abstract"
"""The key under which a record (a paper as a dict, as the fetch and its merge handle it)
holds the Markdown body."""


def fields_table() -> str:
    """The Markdown table of every field, as docs/paper-format.md shows it."""
    rows = [
        "| field | required | what it holds | how to write it | comes from |",
        "| --- | --- | --- | --- | --- |",
    ]
    rows += [
        f"| `{spec.name}` | {'yes' if spec.required else 'no'} | {spec.description} "
        f"| {spec.kind.value}; e.g. `{spec.name}: {spec.example}` | {spec.owner.value} |"
        for spec in FIELDS
    ]
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(fields_table(), end="")
