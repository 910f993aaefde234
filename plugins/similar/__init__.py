"""Pelican plugin: each paper's similar papers (paperfeed.similar), on its page and in JSON."""

from .similar import register

__all__ = ["register"]
