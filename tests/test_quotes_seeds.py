"""Who said what in the five seed reports (../shared/seeds): speakers checked by eye.

Each case names the seed file, the speaker the attribution must resolve to (within its
article) and a few words of what was said. Skips when ../shared is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from triangulate import ingest
from triangulate.model import Article
from triangulate.pipeline import articles_from
from triangulate.quotes import extract_attributions, resolve_speakers

#: (seed file prefix, speaker, words of the content)
CASES = [
    ("000", "Russia’s Ministry of Defense", "withdrawn to their bases"),
    ("000", "Igor Konashenkov", "loading onto rail"),
    ("000", "country’s Southern district command", "moved from Crimea"),
    ("000", "Dmytro Kuleba", "what we see is what we believe"),
    ("000", "Dmytro Kuleba", "ward off a Russian invasion"),
    ("000", "Jens Stoltenberg", "real deescalation"),
    ("000", "Julianne Smith", "similar claims from Moscow"),
    ("000", "Boris Johnson", "field hospitals"),
    ("000", "Boris Johnson", "most recent intelligence"),
    ("000", "Russian envoy to the European Union", "respond"),
    ("000", "Dmitry Peskov", "no final decisions"),
    ("001", "Igor Konashenkov", "military districts"),
    ("001", "Igor Konashenkov", "packing up to leave"),
    ("001", "Jens Stoltenberg", "cautious optimism"),
    ("001", "Jens Stoltenberg", "not seen any sign of de-escalation"),
    ("001", "Artem Zaluznyi", "no panic"),
    ("001", "Maria Zakharova", "war propaganda failed"),
    ("001", "Dmitry Peskov", "unprecedented campaign"),
    ("001", "Dmytro Kuleba", "believe what you see"),
    ("002", "Russia's defence ministry", "returning to their garrisons"),
    ("002", "Igor Konashenkov", "permanent dislocation points"),
    ("002", "Igor Konashenkov", "military districts"),
    ("002", "Jens Stoltenberg", "new attack"),
    ("002", "Jens Stoltenberg", "cautious optimism"),
    ("002", "Boris Johnson", "preparation for an invasion"),
    ("002", "Gabriel Attal", "positive signal"),
    ("002", "Dmytro Kuleba", "prevent any further escalation"),
    ("002", "Dmytro Kuleba", "withdrawal of troops"),
    ("002", "Olaf Scholz", "far from exhausted"),
    ("002", "Sergei Lavrov", "pursue and build"),
    ("003", "Dmytro Kuleba", "believe in de-escalation"),
    ("003", "Sergey Lavrov", "far from being exhausted"),
    ("003", "Sergey Lavrov", "hold more talks"),
    ("003", "Sergey Lavrov", "ready to keep talking"),
    ("003", "Karine Jean-Pierre", "path for diplomacy"),
    ("003", "Liz Truss", "could be imminent"),
    ("003", "Oleksiy Danilov", "absolutely under control"),
    ("003", "Volodymyr Zelenskyy", "We’re calm"),
    ("003", "Russia", "plans to invade"),
    ("004", "Maria Zakharova", "war propaganda failed"),
    ("004", "Dmytro Kuleba", "diplomacy is continuing to work"),
    ("004", "NATO official in Brussels", "hysterical West"),
]


@pytest.fixture(scope="module")
def seed_speakers(seeds_dir: Path) -> dict[str, list[tuple[str, str, str]]]:
    """Per seed prefix: (speaker name, speaker kind, content) of every attribution."""
    arts = [a for a in articles_from(ingest.read([seeds_dir])) if isinstance(a, Article)]
    out: dict[str, list[tuple[str, str, str]]] = {}
    for art in arts:
        prefix = Path(art.source).name[:3]
        atts = extract_attributions(art)
        out[prefix] = [
            (sp.name if sp else "", sp.kind if sp else "", att.text_of(art.text))
            for att, sp in zip(atts, resolve_speakers(art, atts), strict=True)
        ]
    return out


@pytest.mark.parametrize(("seed", "speaker", "words"), CASES)
def test_seed_statement_has_its_speaker(seed_speakers, seed: str, speaker: str, words: str) -> None:
    found = [(name, content) for name, _, content in seed_speakers[seed] if words in content]
    assert found, f"{seed}: no attribution carries {words!r}"
    assert any(name == speaker for name, _ in found), f"{seed}: {words!r} given to {found}"


def test_states_and_capitals_speak_as_institutions(seed_speakers) -> None:
    kinds = {
        (name, kind)
        for rows in seed_speakers.values()
        for name, kind, _ in rows
        if name in ("Russia", "Moscow", "Ukraine")
    }
    assert kinds and all(kind == "organisation" for _, kind in kinds), kinds


def test_no_attribution_from_non_speech_uses(seed_speakers) -> None:
    """'continued its diplomatic blitz', 'added to the hope', 'citing information ...'."""
    for rows in seed_speakers.values():
        for name, _, content in rows:
            assert not content.startswith(("its diplomatic blitz", "the hope", "information")), (
                name,
                content,
            )
            assert name not in ("In", "Signs", "a claim Russia", "claim Russia"), (name, content)
