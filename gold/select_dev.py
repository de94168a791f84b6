"""Select the development gold articles for event extraction (deterministic).

Pool: articles of ``saudinewsnet-neardup.jsonl`` whose id is NOT in ``saudinewsnet-5k.jsonl``
(so the gold set never overlaps the 5k development/benchmark file), one article per
``group_id``.  Inside a group the representative is the group centre when it is in the pool,
otherwise the smallest id.

The conflict stories were chosen by hand from a keyword pre-filter (``candidates()``, run
this script with ``--candidates`` to see it) so that every event type of the taxonomy and a
set of hard cases (denials, condemnations only, hypotheticals/plans, calls, no event at all)
are represented.  ``CHOSEN`` lists the group ids with the reason each was kept; the seed
article (``seed-ghouta``) is added by the gold file itself.

Usage:  python gold/select_dev.py [--candidates] [--corpus DIR]
Prints one chosen article id per line (``--candidates``: group, id, score, title).
"""

from __future__ import annotations

import argparse
import collections
import json
import re
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

# Pre-filter used to list candidates (conflict vocabulary in title + first 800 characters).
CONFLICT_RE = re.compile(
    r"غار|قصف|قذائف|قذيفة|مقذوف|هاون|تفجير|انفجار|مفخخ|انتحاري|اشتباك|معارك|مسلح|اغتيال|إعدام|اعدام"
    r"|هدنة|وقف إطلاق|وقف اطلاق|مفاوضات|محادثات|إجلاء|اجلاء|حصار|اعتقال|القبض|تظاهر|احتجاج|اعتصام"
    r"|نزوح|نازح|الحوثي|داعش|قتلى|مقتل|استشهاد|اليمن|سوري|العراق|ليبيا|سيناء"
)

# group_id -> why it is in the gold set (hand-picked after reading the candidates).
CHOSEN: dict[str, str] = {
    "snn-g0062": "hostage swap demand (call / negotiation?)",
    "snn-g0075": "ISIS cuts internet in Raqqa (no taxonomy event?)",
    "snn-g0109": "HRW accusation: Israeli force against children (report)",
    "snn-g0116": "Aden last district retaken (armed clash)",
    "snn-g0117": "Cameron statement on ISIS (hypothetical/plans)",
    "snn-g0182": "Houthi casualties in Ibb (clash)",
    "snn-g0218": "Tunisia detains 12 (arrest)",
    "snn-g0226": "Morocco ISIS cell (arrest)",
    "snn-g0365": "Amnesty: Iran executions (killing, report)",
    "snn-g0368": "Lahj: resistance tightens the noose (siege/clash)",
    "snn-g0405": "Tehran teachers arrested at a protest (arrest + protest)",
    "snn-g0414": "Jubeir/Egypt support coalition (statement, no event)",
    "snn-g0527": "Saleh surrender initiative (hard)",
    "snn-g0533": "Turkey detains 251 (arrest)",
    "snn-g0536": "projectile from Yemen, al-Harth (shelling)",
    "snn-g0551": "projectiles on a shop in Najran (shelling)",
    "snn-g0571": "Sinai: 12 militants killed (clash)",
    "snn-g0697": "Abdulkhaleq al-Houthi captured? (arrest, possibly denied)",
    "snn-g0731": "Egypt extends emergency in North Sinai (no event?)",
    "snn-g0738": "Egypt arrests 44 Brotherhood members (arrest)",
    "snn-g0765": "Turkey detains 851 (arrest)",
    "snn-g0775": "Yemeni president: respect the humanitarian truce (ceasefire, call)",
    "snn-g0816": "projectile on Najran, girl and two children injured (shelling)",
    "snn-g0835": "attack on a police station in India (clash)",
    "snn-g0838": "Kurds take Sarrin from ISIS (clash)",
    "snn-g0850": "28 ISIS members killed west Iraq (clash/airstrike)",
    "snn-g0852": "Davutoglu: no plan for ground troops (hypothetical)",
    "snn-g0874": "Kuwait busts an ISIS network (arrest)",
    "snn-g0906": "PKK attack kills three Turkish soldiers (clash)",
    "snn-g0944": "shell injures two in Najran (shelling)",
    "snn-g0976": "call for an inquiry into Houthi crimes (condemnation)",
    "snn-g0983": "Qatif patrol shot at (killing)",
    "snn-g1020": "southern border: 4 security men killed (shelling/clash)",
    "snn-g1022": "al-Tuwal sector: one killed (shelling)",
    "snn-g1040": "coalition: 41 airstrikes against ISIS (airstrike)",
    "snn-g1049": "Palestinian child burned to death (killing + condemnation)",
    "snn-g1105": "Egypt foils 130 crossing into Libya (arrest?)",
    "snn-g1113": "military plan to besiege Sanaa (hypothetical siege)",
    "snn-g1171": "civilian killed in Najran by a projectile (shelling)",
    "snn-g1316": "coalition troops deployed in Aden (no event?)",
    "snn-g1377": "Russia: US strikes on Assad would hurt (hypothetical airstrike)",
    "snn-g1402": "Kuwait trial for the Imam Sadiq mosque bombing (past bombing)",
    "snn-g1462": "1500 schools destroyed in Anbar (cumulative toll, no event)",
    "snn-g1459": "DMZ explosion injures two soldiers (bombing)",
    "snn-g1525": "soldier killed by a projectile in Jazan (shelling)",
    "snn-g1569": "Turkey: comprehensive battle soon (hypothetical)",
    "snn-g1573": "first US airstrike in Syria from Turkey (airstrike)",
    "snn-g1642": "Tunisia dismantles a cell (arrest)",
    "snn-g1745": "Asir mosque bombing (bombing)",
    "snn-g1786": "Gaza leftover rocket explodes (bombing)",
    "snn-g1803": "US condemns the Asir bombing (condemnation + act)",
    "snn-g1826": "ISIS abducts 230 civilians (abduction)",
    "snn-g1859": "ISIS executed 2000 in Mosul (killing)",
    "snn-g1879": "Iraqi protests against corruption (protest)",
    "snn-g1904": "new diplomacy to end the Syrian war (negotiation)",
    "snn-g1940": "new round of Libyan talks on Monday (negotiation, scheduled)",
    "snn-g1965": "UAE soldiers killed in Yemen",
    "snn-g1985": "22 ISIS members killed in Iraq",
    "snn-g2042": "repatriation flights of Yemeni refugees from Djibouti (evacuation)",
    "snn-g2097": "US consulate in Istanbul shot at (armed attack)",
    "snn-g2098": "attack on a police station in Istanbul (bombing/clash)",
    "snn-g2125": "sit-in in Latakia (protest)",
    "snn-g2273": "Assad relative arrested after protests (arrest + protest)",
    "snn-g2288": "Lebanon detains four (arrest)",
    "snn-g2318": "humanitarian warnings on Yemen (displacement?)",
    "snn-g2327": "GCC meets the UN envoy for Yemen (talks?)",
}


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def pool(corpus: Path) -> dict[str, list[dict]]:
    """group_id -> member articles not in the 5k file, sorted centre first then by id."""
    ids5k = {a["id"] for a in load_jsonl(corpus / "saudinewsnet-5k.jsonl")}
    groups: dict[str, list[dict]] = collections.defaultdict(list)
    for art in load_jsonl(corpus / "saudinewsnet-neardup.jsonl"):
        if art["id"] not in ids5k:
            groups[art["group_id"]].append(art)
    for members in groups.values():
        members.sort(key=lambda a: (not a.get("is_center"), a["id"]))
    return groups


def candidates(groups: dict[str, list[dict]], min_score: int = 3) -> list[tuple[str, str, int, str]]:
    rows = []
    for gid, members in sorted(groups.items()):
        score = max(len(CONFLICT_RE.findall(a["title"] + " " + a["text"][:800])) for a in members)
        if score >= min_score:
            rows.append((gid, members[0]["id"], score, members[0]["title"]))
    return rows


def chosen_ids(corpus: Path = DEFAULT_CORPUS) -> list[str]:
    groups = pool(corpus)
    return [groups[gid][0]["id"] for gid in sorted(CHOSEN)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--candidates", action="store_true", help="list the keyword pre-filter instead")
    args = ap.parse_args()
    if args.candidates:
        for row in candidates(pool(args.corpus)):
            print("\t".join(map(str, row)))
        return
    for aid in chosen_ids(args.corpus):
        print(aid)


if __name__ == "__main__":
    main()
