"""Real articles from the shared corpus for the dedup tests (read in place, never copied).

The corpus lives beside the project root in ``../shared/corpus`` (``MARSAD_CORPUS_DIR``
overrides). Articles are looked up by id in ``saudinewsnet-neardup.jsonl``.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
CORPUS_DIR = Path(os.environ.get("MARSAD_CORPUS_DIR", ROOT.parent / "shared" / "corpus"))
NEARDUP = CORPUS_DIR / "saudinewsnet-neardup.jsonl"
DEV_PAIRS = Path(__file__).resolve().parent / "data" / "neardup_dev_pairs.jsonl"


def require_corpus() -> Path:
    if not NEARDUP.is_file():
        pytest.fail(f"corpus not found at {NEARDUP}: it lives beside the project root in ../shared/corpus "
                    "(or set MARSAD_CORPUS_DIR)")
    return NEARDUP


@lru_cache(maxsize=1)
def neardup_articles() -> dict[str, dict[str, Any]]:
    """All near-dup corpus articles by id."""
    out = {}
    with require_corpus().open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            out[row["id"]] = row
    return out


def article(article_id: str) -> dict[str, Any]:
    return neardup_articles()[article_id]
