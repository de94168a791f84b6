"""Select the second development gold articles (dev2) for event extraction (deterministic).

Same pool and representative rule as ``select_dev.py`` / ``select_test.py`` (articles of
``saudinewsnet-neardup.jsonl`` whose id is NOT in ``saudinewsnet-5k.jsonl``, one article per
``group_id``: the group centre, else the smallest id), minus every group used by the dev gold
(``select_test.dev_groups()``) and by the held-out test gold (``gold/test/events.jsonl`` and
``select_test.CHOSEN``).

By the time dev2 was built (extract-0.7.0 -> 0.8.0) this pool was nearly exhausted of
conflict news: the keyword pre-filter of ``select_dev.py`` (``--candidates``) left 76 groups,
mostly humanitarian aid, residency corrections and condemnations of the Asir mosque bombing.
dev2 therefore also takes criminal-justice stories (executions, arrests, shootings) found by a
title filter on the same pool (``--candidates``), several "no event" articles whose words look
like events (accidents, trials, history almanac, sanctions, a release from prison), and only
four of the many Asir-bombing condemnations. Stories that repeat a dev or test article nearly
word for word were left out (g1381 = g1319; g0496 ~ test Qassim execution; g1168 ~ test
g1093; g1932/g1076 ~ dev/test Duma arson; g0992 ~ dev g0976). Test per-article errors were
never read while building or using this set.

Usage:  python gold/select_dev2.py [--candidates] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import select_dev  # noqa: E402
import select_test  # noqa: E402

DEFAULT_CORPUS = select_dev.DEFAULT_CORPUS
TEST_GOLD = Path(__file__).resolve().parent / "test" / "events.jsonl"

TITLE_RE = re.compile(
    r"غارة|غارات|قصف|قذائف|مقذوف|تفجير|انفجار|اشتباك|مسلح|اغتيال|إعدام|اعدام|القتل|قصاص|مفاوضات"
    r"|محادثات|إجلاء|حصار|اعتقال|القبض|ضبط|تظاهر|احتجاج|نزوح|مقتل|قتل|مصرع|استشهاد|خطف|هجوم"
    r"|احتجاز|النار|داعش|الحوثي"
)

# group_id -> why it is in dev2 (hand-picked after reading each article in full).
CHOSEN: dict[str, str] = {
    "snn-g0002": "Makkah police arrest harassers in Jeddah (arrest, undated)",
    "snn-g0007": "man opens fire in Istanbul, five injured incl. a tourist (killing; sub-count)",
    "snn-g0010": "Yemeni ministers meet in Aden; liberation as background (no event)",
    "snn-g0242": "US sanctions on Hezbollah officials (no event; generic war support)",
    "snn-g0404": "Nile boat collision, barge captain arrested (accident; arrest)",
    "snn-g0446": "California police free a captive woman, two arrested (arrest)",
    "snn-g0478": "US senator urges Pakistan to cooperate against ISIS (call/meeting, no event)",
    "snn-g0608": "student who built a gun drone arrested (arrest; conflicting weekdays)",
    "snn-g0737": "Bahrain: foiled Iranian arms smuggling; June cell arrested (foiled plot, arrest)",
    "snn-g0750": "French police open fire on a driver in Paris (shooting)",
    "snn-g0795": "wanted man dies of gunshots in al-Qudaih (killing, Hijri date)",
    "snn-g0919": "drug smuggler executed in Huraymila (execution = killing, أمس)",
    "snn-g1007": "heroin smuggler executed in Thadiq (killing; background arrest)",
    "snn-g1045": "Russian police detain three Chechen women who tricked ISIS (arrest)",
    "snn-g1170": "helicopter crash at a Russian air show (accident, no event)",
    "snn-g1314": "minister's condolences for a teacher killed in a traffic accident (no event)",
    "snn-g1319": "qisas execution in al-Ahsa (killing; background murder)",
    "snn-g1376": "Libya investigates guards beating al-Saadi Gaddafi (no event; 2011 history)",
    "snn-g1400": "30 years for shooting at the Awamiya police station (trial, no event)",
    "snn-g1489": "this day in history (almanac, no event)",
    "snn-g1514": "two Ethiopians executed in Jizan (killing, dual)",
    "snn-g1644": "justice minister condemns the Asir mosque bombing (bombing, اليوم)",
    "snn-g1723": "Iraq frees a Saudi prisoner held since 1434H (no event; history)",
    "snn-g1840": "Jizan emir condemns the Asir bombing (bombing, أمس الخميس)",
    "snn-g1997": "Georgia mother arrested for caging two children (arrest)",
    "snn-g2026": "eight Asir bombing injured flown to Riyadh (bombing + medical evacuation)",
    "snn-g2117": "qisas execution in al-Hajra, al-Baha (killing, Hijri date)",
    "snn-g2191": "shots at a house in Duba, suspect arrested (shooting + arrest)",
    "snn-g2211": "Bahraini cabinet condemns the Abha mosque bombing (bombing; dateline Manama)",
    "snn-g2330": "MH17 missile parts found (downing in 2014: history, no event)",
}


def used_groups() -> set[str]:
    """Groups of the dev and test gold (files and CHOSEN lists)."""
    return select_test.dev_groups() | select_test.gold_groups(TEST_GOLD, select_test.CHOSEN)


def dev2_pool(corpus: Path = DEFAULT_CORPUS) -> dict[str, list[dict]]:
    excluded = used_groups()
    return {gid: m for gid, m in select_dev.pool(corpus).items() if gid not in excluded}


def chosen_ids(corpus: Path = DEFAULT_CORPUS) -> list[str]:
    groups = dev2_pool(corpus)
    missing = sorted(set(CHOSEN) - set(groups))
    if missing:
        raise SystemExit(f"chosen groups not in the dev2 pool (dev/test overlap or 5k): {missing}")
    return [groups[gid][0]["id"] for gid in sorted(CHOSEN)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--candidates", action="store_true",
                    help="keyword pre-filter plus title filter on the dev2 pool")
    args = ap.parse_args()
    if args.candidates:
        groups = dev2_pool(args.corpus)
        rows = {r[0]: r for r in select_dev.candidates(groups)}
        for gid, members in sorted(groups.items()):
            if gid not in rows and TITLE_RE.search(members[0]["title"]):
                rows[gid] = (gid, members[0]["id"], 0, members[0]["title"])
        for gid in sorted(rows):
            print("\t".join(map(str, rows[gid])))
        return
    for aid in chosen_ids(args.corpus):
        print(aid)


if __name__ == "__main__":
    main()
