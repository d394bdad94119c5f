"""Shared test fixtures.

``shared_dir`` is the project's sibling folder ``../shared`` (evaluation data and seeds
that nobody on this team wrote, never copied into the repo). Tests that need it skip with
a clear reason when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: this test needs the shared evaluation data and seeds")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    seeds = shared_dir / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"{seeds} is absent: this test needs the five seed articles")
    return seeds


@pytest.fixture(scope="session")
def eval_dir(shared_dir: Path) -> Path:
    data = shared_dir / "eval"
    if not data.is_dir():
        pytest.skip(f"{data} is absent: this test needs the shared evaluation data")
    return data
