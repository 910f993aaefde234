"""Pelican plugin: TeX in paper titles and abstracts rendered as MathML at build time."""

from .mathml import register

__all__ = ["register"]
