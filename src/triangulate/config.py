"""Every limit and threshold, named, with its default and one line of help.

Pass a ``Config`` to the stages that take one; ``Config()`` holds the safe defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class Config:
    #: Largest input file read, in bytes; a larger file is rejected unread.
    max_input_bytes: int = 50 * 1024 * 1024
    #: Longest article body kept, in characters; a longer one is rejected.
    max_article_chars: int = 500_000
    #: Longest JSONL line, in bytes; a longer line is rejected with its line number.
    max_jsonl_line_bytes: int = 5 * 1024 * 1024
    #: Fewest characters of body text an article must keep after cleaning.
    min_article_chars: int = 40
    #: Share of NUL/control bytes in the first 8 KiB above which a file counts as binary.
    binary_control_ratio: float = 0.10
    #: Fewest letters a paragraph needs before its language is detected (shorter: inherit).
    min_language_letters: int = 40
    #: Language detection confidence needed to call a paragraph foreign.
    foreign_confidence: float = 0.90
    #: Most articles one `analyze` call accepts.
    max_articles: int = 200_000

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, int | float) and value < 0:
                raise ValueError(f"{f.name} must be >= 0, got {value!r}")
        if not 0.0 <= self.binary_control_ratio <= 1.0:
            raise ValueError("binary_control_ratio must be in [0.0, 1.0]")
        if not 0.0 <= self.foreign_confidence <= 1.0:
            raise ValueError("foreign_confidence must be in [0.0, 1.0]")

    def with_(self, **changes: Any) -> Config:
        return replace(self, **changes)


DEFAULT = Config()
