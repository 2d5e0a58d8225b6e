"""Fixtures: a real store on a SQLite file in tmp_path, with two defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from faq_samples import BLOCKING, GATHER

from bot.faq import FaqStore


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    d = tmp_path / "seed"
    d.mkdir()
    (d / "blocking-calls.md").write_text(BLOCKING)
    (d / "gather.md").write_text(GATHER)
    return d


@pytest.fixture
async def store(tmp_path: Path, seed_dir: Path):
    async with FaqStore(tmp_path / "faq.db", seed_dir=seed_dir) as s:
        yield s
