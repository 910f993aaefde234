"""Pelican plugin: Atom and RSS feeds of the papers (site and per tag), written with feedgen."""

from .feeds import register

__all__ = ["register"]
