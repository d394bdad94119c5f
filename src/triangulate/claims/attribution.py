"""A small fallback for who asserts a figure, used until the quotes stage is wired in.

    speaker_in(sentence) -> str | None

Recognises the common news attributions inside one sentence: "according to X",
"X said/says/told ...", "..., said X", "X estimated". Returns the named source as
written ("Kestrel Bay Fire and Rescue", "Webb"), or None (the outlet asserts it).
The quotes stage replaces this through ``extract_quantities(speaker_for=...)``.
"""

from __future__ import annotations

import re

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
