"""Event triggers: the curated table ``data/triggers.tsv`` compiled to one regex per type.

Matching is done on folded text (see :mod:`arabic.extract.sentences`). Overlapping matches
are resolved longest-first, so "قصف جوي" is one airstrike trigger, not airstrike + shelling.
Context requirements (``conflict``/``protest``) are recorded on each match and checked by
:mod:`arabic.extract.assemble`, which knows the sentence and the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from arabic.prefixes import start_strings, trie_regex
from .sentences import fold_pattern

__all__ = ["EVENT_TYPES", "Trigger", "find_triggers", "load_triggers", "CONFLICT_CUE_RE", "OFFTOPIC_CUE_RE", "PROTEST_CUE_RE", "AIR_CUE_RE"]

EVENT_TYPES = (
    "airstrike", "shelling", "bombing", "armed_clash", "killing", "ceasefire",
    "negotiation", "evacuation", "siege", "arrest", "protest", "displacement",
)

_DATA = Path(__file__).with_name("data") / "triggers.tsv"
# clitics in front of a trigger: conjunction و/ف, preposition ب/ل/ك, article ال, "لل" (= ل + ال)
_PREFIX = r"(?<!\w)(?:[وف]?(?:[بك]?ال|لل|[بلك])?)"


@dataclass(frozen=True)
class Trigger:
    type: str
    start: int  # span of the trigger words, clitic prefix excluded
    end: int
    context: str  # strong | conflict | protest
    row: int  # line of the TSV row (for debugging)


@dataclass(frozen=True)
class _Row:
    type: str
    pattern: str
    context: str
    line: int


def load_triggers(path: Path = _DATA) -> list[_Row]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3 or parts[0] not in EVENT_TYPES:
            raise ValueError(f"{path}:{n}: bad trigger row {line!r}")
        ctx = parts[2].strip()
        if ctx not in ("strong", "conflict", "protest"):
            raise ValueError(f"{path}:{n}: bad context {ctx!r}")
        rows.append(_Row(parts[0], fold_pattern(parts[1].strip()), ctx, n))
    return rows


# length of the literal word starts used to find candidate positions (see _compiled)
_START_LEN = 4
_WORD_CHAR = re.compile(r"\w")


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern, re.Pattern, re.Pattern, list[_Row]]:
    """(candidates, scanner, identifier, rows) for all trigger rows.

    The identifier is one alternation of all rows, multiword patterns first, so at a given
    position the more specific reading wins ("قصف جوي" before "قصف", "هجوم انتحاري" before
    "هجوم"); row ``i`` is the named group ``r<i>``. The scanner is the same alternation
    without groups: groups change neither what ``re`` matches nor its backtracking order,
    so both match the same spans, and the scanner is several times faster (no group
    bookkeeping). Running them at every position of a text is slow (70 rows, each tried
    after every clitic reading), so the candidates regex first finds the word starts where
    a clitic prefix is followed by the literal start of some row
    (:func:`arabic.prefixes.start_strings`, at most ``_START_LEN`` letters, inside
    the first word): every match of the identifier begins at one of them.
    """
    rows = load_triggers()
    order = sorted(range(len(rows)), key=lambda i: (" " not in rows[i].pattern, i))
    named = "|".join(f"(?P<r{i}>{rows[i].pattern})" for i in order)
    plain = "|".join(f"(?:{rows[i].pattern})" for i in order)
    identifier = re.compile(_PREFIX + "(?:" + named + r")(?!\w)")
    scanner = re.compile(_PREFIX + "(?:" + plain + r")(?!\w)")
    starts: set[str] = set()
    for row in rows:
        starts |= start_strings(row.pattern, _START_LEN, allowed=_WORD_CHAR)
    candidates = re.compile(_PREFIX + "(?:" + trie_regex(starts) + ")")
    return candidates, scanner, identifier, rows


def find_triggers(folded: str) -> list[Trigger]:
    """All trigger matches in folded text, left to right, non-overlapping.

    Input: folded text (:func:`arabic.extract.sentences.fold`). Output: one
    :class:`Trigger` per match of the identifier regex, leftmost first and non-overlapping
    exactly as ``identifier.finditer(folded)`` gives them, each span without the clitic
    prefix. Only candidate positions are tried: each candidate match lies inside one word
    (prefix and start strings are word characters), so every word start where a trigger
    can begin is visited, in order. Most candidates fail; the scanner tells which, and the
    identifier reads the row of the others.
    """
    candidates, scanner, identifier, rows = _compiled()
    out = []
    end = 0  # end of the last trigger: matches do not overlap
    for cand in candidates.finditer(folded):
        pos = cand.start()
        if pos < end or scanner.match(folded, pos) is None:
            continue
        m = identifier.match(folded, pos)
        end = m.end()
        name = m.lastgroup
        if name is None:
            continue
        row = rows[int(name[1:])]
        out.append(Trigger(row.type, m.start(name), m.end(name), row.context, row.line))
    return out


def _cue_re(words: str) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:[وف]?(?:[بك]?ال|لل|[بلك])?)(?:" + fold_pattern(words) + r")(?!\w)")


# Conflict cues: any of these in a sentence makes a weak trigger acceptable.
CONFLICT_CUE_RE = _cue_re(
    "قتل(?:ى|ت|وا)?|مقتل|قتيل(?:ا|ين|ان)?|مصرع|استشهاد|استشهد(?:ت|وا)?|شهيد(?:ا|ين)?|شهداء|جرحى|جريح(?:ا)?|اصابة|اصيب(?:ت|وا)?|مصاب(?:ين|ون)"
    "|مسلح(?:ون|ين|ة|ي)?|الجيش|جيش|قوات|عسكري(?:ة|ين|ون)?|جنود|جندي(?:ا|ين)?|ضابط|ميليشي(?:ا|ات)|مليشي(?:ا|ات)|ميلشي(?:ا|ات)"
    "|داعش|تنظيم|ارهاب(?:ي|ية|يين|يون)?|متطرف(?:ين|ون)?|متمرد(?:ين|ون)?|مقاتل(?:ين|ون|ي)?|فصيل|فصائل|جهادي(?:ين|ون)?"
    "|غار(?:ة|ات)|صاروخ(?:ي|ية)?|صواريخ|قذائف|مدفعية|دبابة|دبابات|مدرعة|مدرعات|سلاح|اسلحة|ذخيرة|عبو(?:ة|ات|تين) (?:ال)?ناسف(?:ة)?|مفخخة|انتحاري"  # (0.10) bare "عبوة" is also a container
    "|معارك|اشتباكات|الحرب|حرب|جبهة|جبهات|الحوثي(?:ين|ون)?|الانقلابيين|المقاومة|التحالف|النظام السوري|الاحتلال"
    "|المعارضة المسلحة|اقتحام|رصاص|تعزيزات|المسلحة|قصفت|غارات|المتحاربة|المتنازعة|النزاع|الصراع|العنف|ارهابية"
)
# Sports / economy / culture cues: a weak trigger in a sentence with one of these is dropped
# unless the sentence also has a conflict cue.
OFFTOPIC_CUE_RE = _cue_re(
    "مباراة|مباريات|الدوري|دوري|لاعب(?:ين|و|ي)?|منتخب|نادي|النادي|الملعب|مدرب|المدرب|الشوط|بطولة|كرة|هدف|اهداف|الفريق|فريق"
    "|بورصة|البورصة|اسهم|الاسهم|مؤشر|الاسواق|اسعار|الاسعار|النفط|برميل|الدولار|ريال|تداول|تداولات|المستثمرين|الاستثمار"
    "|مهرجان|فيلم|مسلسل|الفنان|فنان|رواية|مسرح|الانتخابات|البرلمان|سياسي|سياسية|الحزب|حزب"
)
PROTEST_CUE_RE = _cue_re(
    "متظاهر(?:ين|ون)|احتجاج(?:ا|ات|ية)?|شعارات|هتف(?:وا)?|هتافات|حاشد(?:ة)?|جماهيري(?:ة)?|سلمي(?:ة)?|تنديد(?:ا)?|تضامن(?:ا)?"
    "|رافع(?:ين|ون)|لافتات|الالاف|الاف|المئات|مئات|خرج(?:ت|وا)?|نظم(?:ت|وا)?|شارك(?:ت|وا)?|ساحة|ميدان|تظاهر\\w*|مظاهر(?:ة|ات)|اعتصام|رفضا|المحتجين|محتجين"
)
AIR_CUE_RE = _cue_re("جوي(?:ة|ا)?|طائر(?:ة|ات)|طيران|مقاتلات|مروحي(?:ة|ات)|غار(?:ة|ات)")
