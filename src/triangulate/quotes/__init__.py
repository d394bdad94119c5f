"""Who said what: attributions per article, speakers, and utterances across a story.

from triangulate import quotes
atts = quotes.extract_attributions(article)                 # per article
speakers = quotes.resolve_speakers(article, atts)           # per article
utterances = quotes.group_utterances(articles, {a.id: quotes.extract_attributions(a)
                                                for a in articles}, families)
"""

from triangulate.quotes.extract import Attribution, extract_attributions
from triangulate.quotes.spans import Quote, Span, find_quotes

__all__ = ["Attribution", "Quote", "Span", "extract_attributions", "find_quotes"]
