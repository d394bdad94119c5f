"""Choosing summary sentences: concept coverage under a length budget.

The objective (Gillick & Favre 2009): maximise the total worth of the concepts covered
by the chosen sentences (each concept counted once however many chosen sentences hold
it) plus each chosen sentence's own bonus, subject to

    sum(words of chosen) <= word budget        (when a word budget is given)
    number of chosen     <= sentence budget    (when a sentence budget is given)
    not both sentences of a near-duplicate pair

solved exactly as a small mixed-integer program with SciPy's HiGHS (``scipy.optimize.milp``);
when that fails or runs out of time, a greedy selection by marginal gain per word (the
cost-scaled greedy of Lin & Bilmes 2010, with the best single sentence as a guard).

``fill`` (ROUGE ``-l`` protocol: the scorer reads the first ``words`` words): one more
sentence may run past the budget, and what counts is the whole sentences plus the part of
that last one that fits (its concepts in the words that fit, ``prefix``). The whole
sentences and the cut one are chosen together: the program is solved for the budget,
then again for a budget just below what each solution used, down to the budget minus the
longest candidate (past that the cut sentence would fit whole, which the first solution
already allowed), each solution completed by the best cut sentence for the room left;
the best completed summary wins.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

Concept = tuple[str, str]

#: Relative optimality gap at which the integer program stops (0.5 %: well inside the
#: noise of what the concept worths mean, and several times faster on large stories).
MIP_GAP = 0.005


@dataclass(frozen=True)
class Candidate:
    """A sentence that may be chosen: its unit number, length, concepts and bonus."""

    unit: int
    words: int
    concepts: Mapping[Concept, float]
    bonus: float = 0.0


def select_sentences(
    candidates: Sequence[Candidate],
    *,
    words: int | None,
    sentences: int | None,
    duplicates: Sequence[tuple[int, int]] = (),
    fill: bool = False,
    time_limit: float = 5.0,
    notes: list[str] | None = None,
    prefix: Callable[[Candidate, int], Mapping[Concept, float]] | None = None,
) -> list[Candidate]:
    """The chosen candidates in candidate order; with ``fill``, the sentence that runs past
    the word budget (if any) comes last. See the module docstring."""
    if not candidates:
        return []
    if fill and words is not None:
        return _with_cut_sentence(
            candidates, words, sentences, duplicates, time_limit, notes, prefix
        )
    return _within(candidates, words, sentences, duplicates, time_limit, notes)


def _within(
    candidates: Sequence[Candidate],
    words: int | None,
    sentences: int | None,
    duplicates: Sequence[tuple[int, int]],
    time_limit: float,
    notes: list[str] | None,
) -> list[Candidate]:
    """The best whole sentences within the budgets, in candidate order."""
    fits = [c for c in candidates if words is None or c.words <= words]
    chosen = _ilp(fits, words, sentences, duplicates, time_limit)
    if chosen is None:
        note = "integer program unavailable or too slow: greedy selection used"
        if notes is not None and note not in notes:
            notes.append(note)
        chosen = _greedy(fits, words, sentences, duplicates)
    order = {c.unit: n for n, c in enumerate(candidates)}
    chosen.sort(key=lambda c: order[c.unit])
    return chosen


def _with_cut_sentence(
    candidates: Sequence[Candidate],
    words: int,
    sentences: int | None,
    duplicates: Sequence[tuple[int, int]],
    time_limit: float,
    notes: list[str] | None,
    prefix: Callable[[Candidate, int], Mapping[Concept, float]] | None,
) -> list[Candidate]:
    """Whole sentences and one sentence the budget cuts, chosen together (module doc)."""
    lowest = words - max(c.words for c in candidates)
    best: list[Candidate] = []
    best_value = -1.0
    budget = words
    while budget > 0 and budget >= lowest:
        chosen = _within(candidates, budget, sentences, duplicates, time_limit, notes)
        used = sum(c.words for c in chosen)
        value = _value(chosen)
        if used < words and (sentences is None or len(chosen) < sentences):
            extra, gain = _best_addition(candidates, chosen, duplicates, words - used, prefix)
            if extra is not None:
                chosen.append(extra)
                value += gain
        if value > best_value + 1e-9:
            best, best_value = chosen, value
        budget = used - 1
    return best


def _value(chosen: Sequence[Candidate]) -> float:
    covered: dict[Concept, float] = {}
    for c in chosen:
        covered.update(c.concepts)
    return sum(covered.values()) + sum(c.bonus for c in chosen)


def _gain(c: Candidate, covered: set[Concept]) -> float:
    return sum(w for k, w in c.concepts.items() if k not in covered) + c.bonus


def _conflicts(duplicates: Sequence[tuple[int, int]]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for a, b in duplicates:
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return out


def _best_addition(
    candidates: Sequence[Candidate],
    chosen: Sequence[Candidate],
    duplicates: Sequence[tuple[int, int]],
    room: int,
    prefix: Callable[[Candidate, int], Mapping[Concept, float]] | None,
) -> tuple[Candidate | None, float]:
    """The candidate adding most in its first ``room`` words, and what it adds."""
    conflicts = _conflicts(duplicates)
    taken = {c.unit for c in chosen}
    blocked = set().union(*(conflicts.get(u, set()) for u in taken)) if taken else set()
    covered = {k for c in chosen for k in c.concepts}
    best: Candidate | None = None
    best_gain = 0.0
    for c in candidates:
        if c.unit in taken or c.unit in blocked:
            continue
        part = (
            c
            if prefix is None or c.words <= room
            else Candidate(c.unit, room, prefix(c, room), c.bonus * room / c.words)
        )
        g = _gain(part, covered)
        if g > best_gain:
            best, best_gain = c, g
    return best, best_gain


def _greedy(
    candidates: Sequence[Candidate],
    words: int | None,
    sentences: int | None,
    duplicates: Sequence[tuple[int, int]],
) -> list[Candidate]:
    conflicts = _conflicts(duplicates)
    chosen: list[Candidate] = []
    covered: set[Concept] = set()
    blocked: set[int] = set()
    used = 0
    remaining = list(candidates)
    while remaining and (sentences is None or len(chosen) < sentences):
        best, best_score = None, 0.0
        for c in remaining:
            if c.unit in blocked or (words is not None and used + c.words > words):
                continue
            score = _gain(c, covered) / max(c.words, 1) ** 0.5
            if score > best_score:
                best, best_score = c, score
        if best is None:
            break
        chosen.append(best)
        covered.update(best.concepts)
        blocked |= conflicts.get(best.unit, set())
        used += best.words
        remaining.remove(best)
    single = max(candidates, key=lambda c: _gain(c, set()), default=None)
    if single is not None and _value([single]) > _value(chosen):
        return [single]
    return chosen


@contextmanager
def _stdout_to_stderr() -> Iterator[None]:
    """Send what native code prints to stdout (HiGHS prints some debug lines with printf
    whatever its options) to stderr, so `--json` output stays one clean JSON object."""
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError):  # no real file descriptor (e.g. captured output)
        yield
        return
    try:
        os.dup2(2, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _ilp(
    candidates: Sequence[Candidate],
    words: int | None,
    sentences: int | None,
    duplicates: Sequence[tuple[int, int]],
    time_limit: float,
) -> list[Candidate] | None:
    try:
        from scipy.optimize import Bounds, LinearConstraint, milp
        from scipy.sparse import coo_matrix
    except ImportError:  # pragma: no cover - scipy is a dependency
        return None
    if not candidates:
        return []
    concepts = sorted({k for c in candidates for k in c.concepts})
    index = {k: j for j, k in enumerate(concepts)}
    worth: dict[Concept, float] = {}
    for c in candidates:
        worth.update(c.concepts)
    n, m = len(candidates), len(concepts)
    cost = np.concatenate(
        [-np.array([c.bonus for c in candidates]), -np.array([worth[k] for k in concepts])]
    )
    unit_pos = {c.unit: i for i, c in enumerate(candidates)}
    pairs = [(unit_pos[a], unit_pos[b]) for a, b in duplicates if a in unit_pos and b in unit_pos]
    rows_i: list[int] = []
    cols_i: list[int] = []
    vals: list[float] = []

    def put(r: int, c: int, v: float) -> None:
        rows_i.append(r)
        cols_i.append(c)
        vals.append(v)

    for i, c in enumerate(candidates):  # z_k - sum of x_i holding k <= 0
        for k in c.concepts:
            put(index[k], i, -1.0)
    for j in range(m):
        put(j, n + j, 1.0)
    upper = [0.0] * m
    r = m
    for i, j in pairs:
        put(r, i, 1.0)
        put(r, j, 1.0)
        upper.append(1.0)
        r += 1
    if words is not None:
        for i, c in enumerate(candidates):
            put(r, i, float(c.words))
        upper.append(float(words))
        r += 1
    if sentences is not None:
        for i in range(n):
            put(r, i, 1.0)
        upper.append(float(sentences))
        r += 1
    a = coo_matrix((vals, (rows_i, cols_i)), shape=(r, n + m)).tocsr()
    integrality = np.concatenate([np.ones(n), np.zeros(m)])
    try:
        with _stdout_to_stderr():
            res = milp(
                cost,
                constraints=LinearConstraint(a, -np.inf, np.array(upper)),
                integrality=integrality,
                bounds=Bounds(0, 1),
                options={"time_limit": time_limit, "disp": False, "mip_rel_gap": MIP_GAP},
            )
    except (ValueError, RuntimeError):
        return None
    if res.x is None or res.status not in (0,):
        return None
    return [c for i, c in enumerate(candidates) if res.x[i] > 0.5]
