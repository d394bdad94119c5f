"""triangulate: read many outlets' reports of the same events and tell what holds up.

    >>> import triangulate
    >>> report = triangulate.analyze(["examples/harbour-bridge"])
"""

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
from triangulate.pipeline import analyze

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
