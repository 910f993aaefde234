"""Pelican plugin: read paper files (YAML front matter + abstract) into articles."""

from .paper_reader import register

__all__ = ["register"]
