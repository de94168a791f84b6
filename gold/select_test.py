"""Select the held-out TEST gold articles for event extraction (deterministic).

Same pool and representative rule as ``select_dev.py`` (articles of ``saudinewsnet-neardup.jsonl``
whose id is NOT in ``saudinewsnet-5k.jsonl``, one article per ``group_id``: the group centre,
else the smallest id), minus every group used by the development gold
(``gold/dev/events.jsonl`` and ``select_dev.CHOSEN``).

The conflict stories were hand-picked from the keyword pre-filter of ``select_dev.py``
(``--candidates``, here restricted to groups not in dev) and a wider full-text filter, for
variety of types and hard cases (history, plans/hypotheticals, meetings that are not
negotiations, condemnations, relative clauses).  ``CHOSEN`` records why each group was kept.
Groups whose story repeats a dev article nearly word for word (e.g. snn-g0992 ~ dev snn-g0976)
were left out.

Usage:  python gold/select_test.py [--candidates] [--corpus DIR]
Prints one chosen article id per line (``--candidates``: group, id, score, title of the
non-dev candidate groups).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Iterable

sys.path.insert(0, str(Path(__file__).resolve().parent))
import select_dev  # noqa: E402  (same directory)

DEFAULT_CORPUS = select_dev.DEFAULT_CORPUS
DEV_GOLD = Path(__file__).resolve().parent / "dev" / "events.jsonl"

# group_id -> why it is in the test set (hand-picked after reading each article in full).
CHOSEN: dict[str, str] = {
    "snn-g0267": "Morocco arrests an 8-member cell in four towns (arrest; planned attacks)",
    "snn-g0399": "qisas execution in Qassim (killing; background murder + arrest)",
    "snn-g0465": "WP reporter's second year in Iranian detention (arrest in 2014: history)",
    "snn-g0518": "Louisiana cinema shooting (killing; title/body counts differ)",
    "snn-g0553": "Turkey: 297 detained, airstrikes on ISIS, denial of ground entry",
    "snn-g0561": "repatriation of 12000 stranded Yemenis (evacuation; future Djibouti flights)",
    "snn-g0652": "projectile injures a citizen near al-Mawsam, Jazan (shelling, Hijri date)",
    "snn-g0659": "Bahah thanks coalition for liberating Aden (clash; allies' meeting)",
    "snn-g0844": "Nepal: boy killed as a sacrifice, five arrested (killing + arrest)",
    "snn-g0846": "UN coordinator meets Yemeni government team in Aden (not a negotiation)",
    "snn-g0939": "Yemeni chief of staff: attrition in Dhale/Marib/Taiz, forecasts (clash + hypotheticals)",
    "snn-g0994": "Taliban new leader; peace talks held, second round postponed; ISIS attacks",
    "snn-g1044": "Bahrain detainees' confessions, arrests after a chase (arrest; foiled smuggling)",
    "snn-g1093": "Yemeni VP arrives in Aden (background liberation, planned operations)",
    "snn-g1134": "UAE condemns burning of a Palestinian baby (killing + condemnation)",
    "snn-g1164": "funeral of a soldier killed by a projectile, al-Tuwal (shelling)",
    "snn-g1250": "Najran citizen killed by a projectile on his house (shelling, no place named)",
    "snn-g1280": "London metro strike announced for Wednesday (future protest)",
    "snn-g1368": "White House: 'additional steps' in Syria (hypothetical airstrike)",
    "snn-g1404": "murder in al-Ghadhiya, arrest by Abanat police (killing + arrest)",
    "snn-g1645": "Hisba head condemns the Asir mosque bombing (bombing + condemnation)",
    "snn-g1752": "Yemeni journalists' syndicate condemns Houthi travel ban (condemnation, generic)",
    "snn-g1805": "Egypt's Mufti condemns the Abha bombing, 17 killed (bombing)",
    "snn-g1850": "US: Houthi mortar fire and infiltration into Saudi Arabia (shelling + clash)",
    "snn-g1863": "Saudi-Italian foreign ministers' talks (not a negotiation)",
    "snn-g1907": "French hostage freed; abducted in Sanaa 24 February (abduction = arrest)",
    "snn-g1918": "Arab interior ministers condemn the Asir bombing (bombing; Tunis seat)",
    "snn-g1948": "father of the burned Palestinian baby dies (killing of 31 July)",
    "snn-g1962": "Aurora 2012 cinema killer escapes death penalty (history + trial)",
    "snn-g1991": "US deploys F-16s to Incirlik (deployment; strikes in a relative clause)",
    "snn-g2022": "80 wounded Yemenis flown to Amman (medical evacuation)",
    "snn-g2025": "Interior ministry names the Asir suicide bomber, 15 killed (bombing, sub-counts)",
    "snn-g2088": "Yemeni commanders' meeting; Golden Arrow in a relative clause (no event)",
    "snn-g2159": "shots fired at the Hertha Berlin bus (shooting)",
    "snn-g2170": "Hadi hails victories in Aden, Lahj, Abyan, Taiz (clash; call, conditional talks)",
    "snn-g2185": "ISIS detains a Swedish girl in Aleppo (arrest)",
    "snn-g2208": "Kuwaiti cabinet condemns the Abha bombing (bombing; dateline Kuwait)",
    "snn-g2259": "Zarif visit postponed; Turkish air campaign since 24 July (airstrike)",
    "snn-g2267": "St Louis emergency; about 50 protesters arrested (arrest + protest)",
    "snn-g2290": "governors appointed after Lahj and Abyan liberated (clash)",
}


def gold_groups(gold: Path, chosen: Iterable[str] = ()) -> set[str]:
    """Every ``group_id`` of the gold file ``gold``, plus ``chosen`` (a selection's CHOSEN)."""
    groups = set(chosen)
    with gold.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                gid = json.loads(line).get("group_id")
                if gid:
                    groups.add(gid)
    return groups


def dev_groups(dev_gold: Path = DEV_GOLD) -> set[str]:
    """Every group used by the development gold (file records and select_dev.CHOSEN)."""
    return gold_groups(dev_gold, select_dev.CHOSEN)


def heldout_pool(corpus: Path = DEFAULT_CORPUS) -> dict[str, list[dict]]:
    """select_dev.pool() without the dev groups."""
    excluded = dev_groups()
    return {gid: members for gid, members in select_dev.pool(corpus).items() if gid not in excluded}


def chosen_ids(corpus: Path = DEFAULT_CORPUS) -> list[str]:
    groups = heldout_pool(corpus)
    missing = sorted(set(CHOSEN) - set(groups))
    if missing:
        raise SystemExit(f"chosen groups not in the test pool (dev overlap or 5k): {missing}")
    return [groups[gid][0]["id"] for gid in sorted(CHOSEN)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--candidates", action="store_true", help="list the keyword pre-filter (non-dev groups)")
    args = ap.parse_args()
    if args.candidates:
        for row in select_dev.candidates(heldout_pool(args.corpus)):
            print("\t".join(map(str, row)))
        return
    for aid in chosen_ids(args.corpus):
        print(aid)


if __name__ == "__main__":
    main()
