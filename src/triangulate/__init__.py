"""triangulate: read many outlets' reports of the same events and tell what holds up.

    >>> import triangulate
    >>> report = triangulate.analyze(["examples/harbour-bridge"])

``analyze`` is imported on first use (PEP 562 ``__getattr__``): the pipeline's imports cost
most of a second, and the command line starts its background warm-up
(``triangulate.warmup``) before it pays them.
"""

from typing import TYPE_CHECKING, Any

from triangulate.config import Config
from triangulate.errors import (
    EvalDataError,
    InputError,
    ModelError,
    ParseError,
    StoreError,
    TriangulateError,
    UnreadableInputError,
)
from triangulate.model import (
    Article,
    Document,
    Passage,
    Rejected,
    Report,
    Sentence,
    Story,
    StoryReport,
)

if TYPE_CHECKING:
    from triangulate.pipeline import analyze


def __getattr__(name: str) -> Any:
    if name == "analyze":
        from triangulate.pipeline import analyze

        return analyze
    raise AttributeError(f"module 'triangulate' has no attribute {name!r}")


__all__ = [
    "Article",
    "Config",
    "Document",
    "EvalDataError",
    "InputError",
    "ModelError",
    "ParseError",
    "Passage",
    "Rejected",
    "Report",
    "Sentence",
    "StoreError",
    "Story",
    "StoryReport",
    "TriangulateError",
    "UnreadableInputError",
    "analyze",
]

__version__ = "0.1.0"
