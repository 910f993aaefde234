"""Pelican plugin: site, tag, author and daily-digest feeds (Atom, RSS), a JSON Feed and an OPML."""

from .feeds import register

__all__ = ["register"]
