"""Numbers, dates and disagreements: what each source asserts, and where they really differ.

    extract_quantities(article, speaker_for=None, times=None) -> list[Quantity]
    extract_dates(article)                                    -> list[DateMention]
    timeline(mentions, articles)                              -> list[TimelineEntry]
    compare_dates(mentions, articles, families=None)          -> list[DateGroup]
    compare(quantities_by_article, families=None)             -> list[FigureGroup]

Modules: ``numbers`` (a number as written -> its value), ``units`` (unit forms and their
normalised names), ``lexicon`` (hedges, change verbs, events), ``counted`` (what a figure
counts, where), ``quantities`` (the extraction rules), ``types`` (Quantity, Interval),
``dates`` (date expressions), ``timeline`` (the story timeline, dates compared), ``compare`` (verdicts across a
story), ``attribution`` (a fallback for who asserts a figure). See docs/claims.md.
"""

from triangulate.claims.compare import FigureGroup, Side, compare, group_figures
from triangulate.claims.dates import DateMention, dates_in, extract_dates
from triangulate.claims.quantities import extract_quantities, quantities_in
from triangulate.claims.timeline import DateGroup, TimelineEntry, compare_dates, timeline
from triangulate.claims.types import Interval, Quantity, interval_for

__all__ = [
    "DateGroup",
    "DateMention",
    "FigureGroup",
    "Interval",
    "Quantity",
    "Side",
    "TimelineEntry",
    "compare",
    "compare_dates",
    "dates_in",
    "extract_dates",
    "extract_quantities",
    "group_figures",
    "interval_for",
    "quantities_in",
    "timeline",
]
