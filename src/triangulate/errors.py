"""The exception tree.

    TriangulateError              base of everything this package raises on purpose
    ├── InputError                one input item cannot be used (becomes a Rejected value)
    │   ├── UnreadableInputError  empty, binary, undecodable or over a size limit
    │   └── ParseError            malformed content: broken JSONL line, not a feed, unsafe XML
    ├── StoreError                the store file cannot be opened, is from another schema, ...
    ├── ModelError                the embedding model is missing or fails its checksum
    └── EvalDataError             an evaluation data folder is missing files or malformed

Stages never swallow an ``InputError``: the pipeline turns it into a ``Rejected`` with the
item's name and the reason, records it, and carries on with the rest of the batch.
"""

from __future__ import annotations


class TriangulateError(Exception):
    """Base class for errors raised by triangulate."""


class InputError(TriangulateError):
    """An input item cannot be used. ``source`` names it, ``reason`` says why."""

    stage = "ingest"

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnreadableInputError(InputError):
    """Empty, binary, undecodable or too large."""


class ParseError(InputError):
    """Malformed content for its kind."""


class StoreError(TriangulateError):
    """The store cannot be used."""


class ModelError(TriangulateError):
    """A model is missing or does not match its published checksum."""


class EvalDataError(TriangulateError):
    """An evaluation data folder lacks a file or has one in the wrong format."""
