"""Storage: SQLite by default (one file, WAL), behind the ``Store`` interface."""

from __future__ import annotations

from pathlib import Path

from triangulate.store.base import AddResult, Store
from triangulate.store.sqlite import SqliteStore


def open_store(path: str | Path) -> Store:
    """Open (creating if needed) the store at ``path``; ``:memory:`` for a throwaway one."""
    return SqliteStore(path)


__all__ = ["AddResult", "SqliteStore", "Store", "open_store"]
