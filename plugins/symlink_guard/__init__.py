"""Pelican plugin: a symbolic link in the papers folder stops the build, as it stops the check."""

from .symlink_guard import register

__all__ = ["register"]
