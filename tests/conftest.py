"""Shared fixtures: paths, the real spaCy model, and the real servers the store tests use."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEED = ROOT.parent / "shared" / "seeds" / "000_bec0f82ec61466c6.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "scripts"))


@pytest.fixture(scope="session")
def nlp():
    from diplograph.ingest.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example_graphs(nlp):
    """The example articles, extracted once for the whole session."""
    from diplograph.ingest.pipeline import extract
    from diplograph.ingest.readers import read_articles

    return list(extract(read_articles([EXAMPLES / "articles.jsonl"]), nlp=nlp))
