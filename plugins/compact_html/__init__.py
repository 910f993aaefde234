"""Pelican plugin: the theme's HTML templates compiled without their indentation."""

from .compact_html import CompactHtmlExtension, compact, register

__all__ = ["CompactHtmlExtension", "compact", "register"]
