"""Pelican plugin: write only what changed, in parallel processes; keep the content cache honest."""

from .page_writer import PageWriter, register, write_data

__all__ = ["PageWriter", "register", "write_data"]
