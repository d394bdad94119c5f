"""Small hand-written articles for tests: sentences given one by one, offsets computed."""

from __future__ import annotations

from triangulate.model import Article, Sentence, content_hash


def article(outlet: str | None, sentences: list[str]) -> Article:
    """An article whose clean text is ``sentences`` joined by spaces, one paragraph."""
    text = " ".join(sentences)
    spans, pos = [], 0
    for i, s in enumerate(sentences):
        start = text.index(s, pos)
        spans.append(Sentence(index=i, start=start, end=start + len(s), text=s, paragraph=0))
        pos = start + len(s)
    return Article(
        id=content_hash(text)[:16],
        source=f"in/{outlet}.txt",
        kind="text",
        title=f"{outlet} report",
        text=text,
        raw=text,
        sentences=tuple(spans),
        outlet=outlet,
    )


def body_article(body: str) -> Article:
    """An article of ``body``, split into sentences by the text stage (id and source "t")."""
    from triangulate import text as textmod

    return Article(
        id="t",
        source="t",
        kind="text",
        title="",
        text=body,
        raw=body,
        sentences=tuple(textmod.split_sentences(body)),
    )
