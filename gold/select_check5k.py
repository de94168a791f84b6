"""Select the blind check split (check5k) of the event gold: 40 articles of saudinewsnet-5k.jsonl.

Deterministic rule, no hand-picking (the split is meant to give an unbiased estimate on the
5k file the pipeline actually processes):

1. Read ``saudinewsnet-5k.jsonl`` in file order; keep the first article of every exact title
   (``title.strip()``); later articles with the same title are skipped as duplicates.
2. Keyword pre-filter for conflict/security news (``CHECK_RE``: trigger vocabulary of the 12
   types of ``../shared/events.md`` - killing, air strikes, shelling, bombing, clashes, arrests
   and abductions, sieges, ceasefires, negotiations, protests, evacuation, displacement). The
   count of matches is taken on the title plus the first 1000 characters of the text; an
   article *passes* when that count is >= ``MIN_HITS`` (2). The corpus' own
   ``conflict_keywords`` flag is not used.
3. Both lists sorted by id; ``rng = random.Random(20261203)``; ``rng.sample(passing, 32)``
   then ``rng.sample(not_passing, 8)`` (the 8 measure false positives on articles the filter
   would have dropped).

Usage:  python gold/select_check5k.py [--corpus DIR] [--stats]
Prints the 40 chosen ids, sorted (``--stats``: pool sizes on stderr).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FILE = "saudinewsnet-5k.jsonl"
SEED = 20261203
N_HITS = 32
N_OTHERS = 8
MIN_HITS = 2
PREFIX = 1000

# Trigger vocabulary of the 12 event types (stems, so clitics and plural forms still match).
CHECK_RE = re.compile(
    "|".join([
        # airstrike
        r"غار[ةا]ت?", r"طيران", r"مقاتلات", r"طائر[ةا]ت?", r"قصف",
        # shelling
        r"قذائف", r"قذيفة", r"مقذوف", r"صواريخ", r"صاروخ", r"هاون", r"مدفعي",
        # bombing
        r"تفجير", r"انفجار", r"مفخخ", r"انتحاري", r"ناسفة",
        # armed_clash
        r"اشتباك", r"معارك", r"مواجهات", r"هجوم", r"مسلح", r"اقتحام",
        # killing
        r"اغتيال", r"[إا]عدام", r"قصاص", r"مقتل", r"قتل", r"قتلى", r"مصرع", r"استشهاد", r"شهداء",
        r"إطلاق النار", r"اطلاق النار", r"برصاص",
        # ceasefire
        r"هدنة", r"وقف [إا]طلاق", r"تهدئة",
        # negotiation
        r"مفاوضات", r"محادثات", r"مشاورات",
        # evacuation
        r"[إا]جلاء", r"[إا]خلاء", r"ممر آمن", r"ممرات آمنة",
        # siege
        r"حصار", r"محاصر",
        # arrest
        r"اعتقال", r"القبض", r"توقيف", r"احتجاز", r"خطف", r"اختطاف", r"رهائن",
        # protest
        r"تظاهر", r"مظاهر[ةا]", r"احتجاج", r"اعتصام", r"مسيرة",
        # displacement
        r"نزوح", r"نازح", r"تهجير", r"لاجئ",
    ])
)


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score(article: dict) -> int:
    return len(CHECK_RE.findall(article["title"] + "\n" + article["text"][:PREFIX]))


def split(corpus: Path = DEFAULT_CORPUS) -> tuple[list[dict], list[dict]]:
    """(passing, not_passing): unique-title articles of the 5k file, each sorted by id."""
    seen: set[str] = set()
    passing, others = [], []
    for art in load_jsonl(corpus / FILE):
        title = art["title"].strip()
        if title in seen:
            continue
        seen.add(title)
        (passing if score(art) >= MIN_HITS else others).append(art)
    passing.sort(key=lambda a: a["id"])
    others.sort(key=lambda a: a["id"])
    return passing, others


def chosen(corpus: Path = DEFAULT_CORPUS) -> tuple[list[str], list[str]]:
    """(filter hits, others): the sampled ids, in sample order."""
    passing, others = split(corpus)
    rng = random.Random(SEED)
    hits = [a["id"] for a in rng.sample(passing, N_HITS)]
    rest = [a["id"] for a in rng.sample(others, N_OTHERS)]
    return hits, rest


def chosen_ids(corpus: Path = DEFAULT_CORPUS) -> list[str]:
    hits, rest = chosen(corpus)
    return sorted(hits + rest)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--stats", action="store_true", help="print pool sizes to stderr")
    args = ap.parse_args()
    if args.stats:
        passing, others = split(args.corpus)
        hits, rest = chosen(args.corpus)
        print(f"unique titles: {len(passing) + len(others)}; filter hits: {len(passing)}; "
              f"others: {len(others)}; sampled {len(hits)} + {len(rest)}", file=sys.stderr)
    for aid in chosen_ids(args.corpus):
        print(aid)


if __name__ == "__main__":
    main()
