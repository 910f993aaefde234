"""Pelican plugin: the data the plugins hand each other, declared (paper attributes, context)."""

from .paper_attributes import (
    ARTICLE_ATTRIBUTES,
    CONTEXT_KEYS,
    Handoff,
    PaperArticle,
    PaperContext,
    metadata_key,
    register,
)

__all__ = [
    "ARTICLE_ATTRIBUTES",
    "CONTEXT_KEYS",
    "Handoff",
    "PaperArticle",
    "PaperContext",
    "metadata_key",
    "register",
]
