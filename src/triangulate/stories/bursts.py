"""Coverage bursts: where a story's published times say it is two developments.

News coverage of one development comes in a burst: many outlets within hours. A later
burst after a silence is a new development (Kleinberg 2002, "Bursty and hierarchical
structure in streams"; TDT counts them as separate events): reviews of a game and its
launch two days later, a recall inquiry and a criminal probe the next day. A story whose
members form two dense bursts, separated by a silence that is long against how long each
burst lasts, is cut there. Coverage spread thinly over weeks (follow-ups of one event:
a handful of articles at irregular times) has no dense bursts and stays whole, however
long its span.

Pure functions over times (seconds since the epoch); ``consolidate`` applies them to
stories as their last step.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import numpy as np

#: Share of a burst's articles left out at each end when measuring how long it lasts:
#: a few stragglers (late pick-ups, a wrongly joined article) do not stretch a burst.
TRIM = 0.1
_HOUR = 3600.0


@dataclass(frozen=True)
class BurstRule:
    """When a silence cuts a story in two (see ``StoriesConfig`` for the defaults)."""

    #: Articles each side of the silence needs (near-duplicate copies counted once).
    min_size: int
    #: The silence must last this many times the longer of the two bursts.
    gap_ratio: float
    #: A burst lasts at least this many hours (timestamps and crawls are that coarse).
    min_hours: float

    @property
    def active(self) -> bool:
        return self.min_size > 0


def duration(times: Sequence[float]) -> float:
    """How long a burst lasts: the span of its central articles (``TRIM`` left out)."""
    if len(times) < 2:
        return 0.0
    lo, hi = np.quantile(np.asarray(times, dtype=np.float64), [TRIM, 1.0 - TRIM])
    return float(hi - lo)


def cut_points(times: Sequence[float], families: Sequence[Hashable], rule: BurstRule) -> list[int]:
    """Where to cut a time-sorted story: indexes ``i`` such that ``times[:i]`` and
    ``times[i:]`` are separate bursts (ascending; empty when it is one burst).

    Bottom-up: the story is first cut at every silence that could pass at all (``gap_ratio``
    times ``min_hours``). A run with fewer than ``min_size`` families is no burst: it joins
    its nearer neighbour (the closest such run first). Then, while two neighbouring runs
    are closer than ``gap_ratio`` times the longer one's duration, the relatively closest
    two are joined. ``families[k]`` names the copy family of ``times[k]``.
    """
    if not rule.active or len(times) < 2 * rule.min_size:
        return []
    if not rule.active or len(times) < 2 * rule.min_size:
        return []
    floor = rule.min_hours * _HOUR
    gaps = np.diff(np.asarray(times, dtype=np.float64))
    starts = [0, *(k + 1 for k, g in enumerate(gaps.tolist()) if g >= rule.gap_ratio * floor)]
    runs = [_Run(a, b, set(families[a:b])) for a, b in zip(starts, [*starts[1:], len(times)], strict=True)]
    for left, right in itertools.pairwise(runs):
        left.next, right.prev = right, left

    def small(r: _Run) -> bool:
        return len(r.families) < rule.min_size

    def silence(left: _Run, right: _Run) -> float | None:
        """Key of joining two runs while either is too small to be a burst."""
        return float(gaps[left.end - 1]) if small(left) or small(right) else None

    def closeness(left: _Run, right: _Run) -> float | None:
        """Key of joining two bursts: their silence against the longer one's duration."""
        longer = max(left.duration(times), right.duration(times), floor)
        ratio = float(gaps[left.end - 1]) / longer
        return ratio if ratio < rule.gap_ratio else None

    _join_while(runs[0], silence)
    _join_while(runs[0], closeness)
    cuts, run = [], runs[0].next
    while run is not None:
        cuts.append(run.start)
        run = run.next
    return cuts


class _Run:
    """A run of a time-sorted story (``times[start:end]``), linked to its neighbours."""

    def __init__(self, start: int, end: int, families: set[Hashable]) -> None:
        self.start, self.end, self.families = start, end, families
        self.prev: _Run | None = None
        self.next: _Run | None = None
        self.version = 0
        self._duration: float | None = None

    def duration(self, times: Sequence[float]) -> float:
        if self._duration is None:
            self._duration = duration(times[self.start : self.end])
        return self._duration

    def absorb_next(self) -> None:
        """Join the next run into this one."""
        other = self.next
        assert other is not None
        self.end = other.end
        if len(self.families) < len(other.families):
            self.families, other.families = other.families, self.families
        self.families |= other.families
        self.next = other.next
        if other.next is not None:
            other.next.prev = self
        other.version = -1  # gone
        self.version += 1
        self._duration = None


def _join_while(first: _Run, key: Callable[[_Run, _Run], float | None]) -> None:
    """Join neighbouring runs, the pair with the lowest ``key`` first, while a pair has one."""
    heap: list[tuple[float, int, int, int, int, _Run]] = []
    order = itertools.count()

    def push(left: _Run | None) -> None:
        if left is not None and left.next is not None:
            k = key(left, left.next)
            if k is not None:
                heapq.heappush(heap, (k, left.start, next(order), left.version, left.next.version, left))

    run: _Run | None = first
    while run is not None:
        push(run)
        run = run.next
    while heap:
        _, _, _, v_left, v_right, left = heapq.heappop(heap)
        if left.version != v_left or left.next is None or left.next.version != v_right:
            continue  # stale: one of the two changed since the pair was scored
        left.absorb_next()
        push(left.prev)
        push(left)
