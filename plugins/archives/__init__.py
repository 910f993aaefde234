"""Pelican plugin: the home page, a page per day, ISO week and month, and the archive index."""

from .archives import register

__all__ = ["register"]
