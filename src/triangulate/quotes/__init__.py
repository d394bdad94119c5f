"""Who said what: attributions per article, speakers, and utterances across a story.

    from triangulate import quotes
    atts = quotes.extract_attributions(article)                 # per article
    speakers = quotes.resolve_speakers(article, atts)           # per article, same order
    utts = quotes.group_utterances(articles, {a.id: quotes.extract_attributions(a)
                                              for a in articles}, families)

See docs/quotes.md for the rules, the values and what was measured.
"""

from triangulate.quotes.extract import Attribution, extract_attributions
from triangulate.quotes.spans import Quote, Span, find_quotes
from triangulate.quotes.speakers import Speaker, describe, resolve_speakers
from triangulate.quotes.utterances import (
    CanonicalSpeaker,
    Difference,
    Rendering,
    Utterance,
    group_utterances,
)

__all__ = [
    "Attribution",
    "CanonicalSpeaker",
    "Difference",
    "Quote",
    "Rendering",
    "Span",
    "Speaker",
    "Utterance",
    "describe",
    "extract_attributions",
    "find_quotes",
    "group_utterances",
    "resolve_speakers",
]
