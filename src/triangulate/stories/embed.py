"""Optional sentence embeddings of articles for story grouping.

An article is embedded by its title and lead (the first ``LEAD_CHARS`` characters of the
body): that is where news names its event, and it keeps the encoder's input short. The
encoder is ``triangulate.embed`` (all-MiniLM-L6-v2, verified, cached by text).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from triangulate.model import Article

#: Characters of body text embedded after the title.
LEAD_CHARS = 600


def body_text(article: Article) -> str:
    """The article's text without a leading copy of its headline."""
    body = article.text.lstrip()
    title = article.title.strip()
    if title and body.startswith(title):
        body = body[len(title) :]
    return body


def article_text(article: Article) -> str:
    """Title and lead, the text an article is embedded by."""
    title = article.title.strip()
    return f"{title}. {body_text(article)[:LEAD_CHARS]}".strip(". ") or title


def encode_articles(
    articles: Sequence[Article], embedder: object | None = None
) -> list[np.ndarray]:
    """One unit vector per article (raises ``ModelError`` when the model is absent)."""
    from triangulate.embed import Embedder, load_embedder

    if embedder is None:
        embedder, _ = load_embedder(required=True)
    assert isinstance(embedder, Embedder)
    matrix = embedder.encode([article_text(a) for a in articles])
    return [np.asarray(row, dtype=np.float32) for row in matrix]
