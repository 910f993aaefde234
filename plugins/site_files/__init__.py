"""Pelican plugin: sitemap.xml, robots.txt and the 404 page."""

from .site_files import register

__all__ = ["register"]
