"""The storage interface every backend implements (SQLite is the default)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from triangulate.model import Article, Rejected

AddStatus = Literal["new", "duplicate", "revision"]


@dataclass(frozen=True)
class AddResult:
    """What storing one article did.

    ``new``: first time this content is seen. ``duplicate``: the same content is already
    stored (``existing`` names the stored article's source). ``revision``: the URL was
    stored before with other content; this is revision number ``revision`` (1 = first).
    """

    status: AddStatus
    article_id: str
    revision: int = 1
    existing: str | None = None


class Store(Protocol):
    def add(self, article: Article) -> AddResult: ...

    def add_many(self, articles: Iterable[Article]) -> list[AddResult]: ...

    def batch(self) -> AbstractContextManager[None]:
        """Group the ``add`` calls in the block into few transactions (each article whole)."""
        ...

    def reject(self, rejected: Rejected) -> None: ...

    def article(self, article_id: str) -> Article | None: ...

    def articles(self) -> Iterator[Article]: ...

    def rejections(self) -> list[Rejected]: ...

    def close(self) -> None: ...

    def get_embeddings(self, keys: Iterable[str], model: str) -> Mapping[str, Any]:
        """Cached vectors of ``model`` for those ``keys`` that have one."""
        ...

    def put_embeddings(self, model: str, items: Mapping[str, Any]) -> int:
        """Cache vectors of ``model`` by key; returns how many were written."""
        ...
