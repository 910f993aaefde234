"""Pelican plugin: citation data of each paper (BibTeX, JSON-LD, addresses) and its .bib file."""

from .paper_meta import register

__all__ = ["register"]
