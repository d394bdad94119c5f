"""A small fallback for who asserts a figure, used until the quotes stage is wired in.

    speaker_in(sentence) -> str | None

Recognises the common news attributions inside one sentence: "according to X",
"X said/says/told ...", "..., said X", "X estimated". Returns the named source as
written ("Kestrel Bay Fire and Rescue", "Webb"), or None (the outlet asserts it).
The quotes stage replaces this through ``extract_quantities(speaker_for=...)``;
``speaker_for_article(article)`` builds that callback from the quotes stage's output.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from triangulate.model import Article

if TYPE_CHECKING:
    from triangulate.quotes import Attribution, Speaker

_NAME = (
    r"(?:the\s+)?(?:[A-Z][\w.'’&-]*)(?:\s+(?:of|and|for|de|von|van|the)?\s*[A-Z][\w.'’&-]*){0,6}"
)
_VERBS = r"(?:said|says|told|stated|estimated|estimates|reported|reports|announced|claimed|claims|added|confirmed)"
_ACCORDING = re.compile(r"\baccording to\s+(" + _NAME + r"|the\s+[a-z]+(?:\s+[a-z]+){0,3})")
_NAME_SAID = re.compile(r"(" + _NAME + r")\s+(?:has\s+|had\s+|have\s+)?" + _VERBS + r"\b")
_SAID_NAME = re.compile(r"[,”\"]\s*" + _VERBS + r"\s+(" + _NAME + r")")
_PRONOUNS = {"He", "She", "They", "It", "We", "I", "The", "This", "That", "Officials", "Police"}


def speaker_in(sentence: str) -> str | None:
    """The source a sentence attributes its content to, or None."""
    for rx in (_ACCORDING, _SAID_NAME, _NAME_SAID):
        m = rx.search(sentence)
        if m:
            name = m.group(1).strip().rstrip(".,")
            name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
            if name and name not in _PRONOUNS:
                return name
    return None


def speaker_for_article(
    article: Article,
    attributions: Sequence[Attribution] | None = None,
    speakers: Sequence[Speaker | None] | None = None,
) -> Callable[[Article, int], str | None]:
    """A ``speaker_for`` callback built from the quotes stage's output for ``article``.

    The figure at ``offset`` is asserted by the speaker of the attribution whose content
    contains it (``None`` outside every attribution: the outlet asserts it). Pass the
    attributions and speakers when the pipeline already has them; otherwise they are
    computed here with ``quotes.extract_attributions`` and ``quotes.resolve_speakers``.
    """
    from triangulate import quotes

    atts = list(attributions) if attributions is not None else quotes.extract_attributions(article)
    names = list(speakers) if speakers is not None else quotes.resolve_speakers(article, atts)
    spans = sorted(
        (span.start, span.end, sp.name)
        for att, sp in zip(atts, names, strict=True)
        if sp is not None
        for span in att.content
    )

    def speaker_for(art: Article, offset: int) -> str | None:
        if art.id != article.id:
            return None
        for start, end, name in spans:
            if start <= offset < end:
                return name
        return None

    return speaker_for
