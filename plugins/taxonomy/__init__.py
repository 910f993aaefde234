"""Pelican plugin: tag pages, author pages and the tag index for papers."""

from .taxonomy import register

__all__ = ["register"]
