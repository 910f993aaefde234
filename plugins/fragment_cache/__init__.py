"""Pelican plugin: `{% fragment key, ... %}` renders a template fragment once per build."""

from .fragment_cache import FragmentCacheExtension, register

__all__ = ["FragmentCacheExtension", "register"]
