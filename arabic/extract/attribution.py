"""Who reports it: "بحسب المرصد السوري لحقوق الانسان", "وفق المرصد", "قال مصدر عسكري",
"افادت وكالة الانباء ...".

A cue (بحسب/حسب/وفق/وفقا ل/نقلا عن/طبقا ل/استنادا الى, or a reporting verb قال/افاد/ذكر/
اعلن/اكد/اوضح/اشار/كشف) is followed, within a few words ("بحسب حصيلة جديدة للمرصد"), by the
source: a curated media/organisation actor, or a head noun (مصدر، مصادر، ناشطون، شهود، مسؤول،
المتحدث، وكالة، صحيفة، قناة، التلفزيون، وزارة، المرصد ...) and the words that qualify it, up
to a stop word (ان، في، الذي، لـ ...) or punctuation. After بحسب/وفق a bare name is accepted
("بحسب علوان"). Short references are resolved to the longest earlier source that starts or
ends with them: "المرصد" -> "المرصد السوري لحقوق الانسان", "علوان" -> "... وائل علوان".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .actors import ActorMention
from .sentences import fold, fold_pattern

__all__ = ["Attribution", "find_attributions", "clean_phrase"]


@dataclass(frozen=True)
class Attribution:
    start: int
    end: int
    text: str  # resolved source name, as written in the article


_STRONG_CUE = re.compile(
    fold_pattern(r"(?<!\w)[وف]?(?:بحسب|حسب|وفق|وفقا ل|وفقاً ل|طبقا ل|نقلا عن|نقلت عن|نقلاً عن|استنادا الى|استنادا إلى|على ما افاد|على ما ذكر|كما افاد)(?!\w)\s*")
)
_VERB_CUE = re.compile(
    fold_pattern(
        r"(?<!\w)[وف]?(?:قال|قالت|افاد|افادت|أفاد|أفادت|ذكر|ذكرت|اعلن|اعلنت|أعلن|أعلنت|اكد|اكدت|أكد|أكدت|اوضح|اوضحت|أوضح|أوضحت"
        r"|اشار|اشارت|أشار|أشارت|كشف|كشفت|صرح|صرحت|افادت|اضاف|اضافت|أضاف|أضافت|نقلت|نقل|اعتبر|رجح|رجحت|وثق|وثقت|احصى|أحصى)(?!\w)\s*"
    )
)
_HEADS = re.compile(
    fold_pattern(
        r"(?:[وف]?(?:[بل]?ال|لل|[بل])?)(?:مصدر|مصادر|ناشطون|ناشطين|ناشط|ناشطو|شهود|شاهد|مسؤول|مسؤولون|مسؤولين|متحدث|ناطق|وكالة|صحيفة|قناة|تلفزيون"
        r"|اذاعة|إذاعة|وزارة|مراسل|مراسلو|سكان|مرصد|هيئة|منظمة|مكتب|شرطة|دفاع المدني|قيادة|قائد|مدير|رئيس|وزير|محافظ|بيان|مستشفى|مستشفيات|طبيب|اطباء|أطباء"
        r"|تنسيقية|لجان|مجلس|حكومة|جيش|قوات|مديرية|الجيش|القيادة|المقاومة)(?!\w)"
    )
)
_STOP = frozenset(
    fold_pattern(w)
    for w in "ان أن إن انه أنه إنه انها أنها في الذي التي الذين على عن الى إلى من امس أمس اليوم مساء صباح ليل الخميس الجمعة السبت الأحد الاثنين الثلاثاء الأربعاء خلال بعد قبل حيث كما ما لم لا و قد ايضا أيضا عدد مقتل اصابة إصابة".split()
)
_FILLER = frozenset(fold_pattern(w) for w in "حصيلة جديدة اخيرة أخيرة احصائية إحصائية تقرير بيان معلومات ارقام أرقام ما اعلنه افاد به ذكره".split())
_WORD = re.compile(r"[^\s،,.:;؛!?؟()\"«»]+")
_MAX_WORDS = 6
_B_WORD = re.compile(r"^ب(?!اسم)\w{3,}")  # "بسقوط", "بمقتل", "بان": the report starts, the source ended


def clean_phrase(text: str) -> str:
    """Drop a clitic from the first word ("للمرصد" -> "المرصد", "والمرصد" -> "المرصد")."""
    if text.startswith("لل") and len(text) > 4:
        return "ال" + text[2:]
    if text.startswith(("وكال", "وكالة", "ولاية", "بلاد")):
        return text
    m = re.match(r"^(?:[وف][بلك]?|[بلك])(?=ال)", text)
    if m:
        return text[m.end():]
    return text


def find_attributions(base: str, folded: str, lo: int, hi: int, actors: list[ActorMention], known: list[str]) -> list[Attribution]:
    """Attributions in [lo, hi). ``known`` accumulates source names seen so far in the article
    (earlier sentences), used to resolve short references; it is extended in place."""
    out: list[Attribution] = []
    media = [a for a in actors if lo <= a.start < hi and a.actor.kind in ("media", "organisation", "army", "state", "armed_group", "security")]
    for cue_rx, strong in ((_STRONG_CUE, True), (_VERB_CUE, False)):
        for m in cue_rx.finditer(folded, lo, hi):
            src = _source_after(base, folded, m.end(), hi, media, strong)
            if src:
                s, e, text = src
                if not strong and text == "":
                    continue
                out.append(Attribution(s, e, _resolve(text, known)))
    out.sort(key=lambda a: a.start)
    # dedupe same span
    seen, res = set(), []
    for a in out:
        if (a.start, a.end) not in seen:
            seen.add((a.start, a.end))
            res.append(a)
    for a in res:
        if a.text not in known:
            known.append(a.text)
    return res


def _source_after(base, folded, pos, hi, media, strong):
    words = list(_WORD.finditer(folded, pos, min(hi, pos + 120)))
    # skip fillers ("حصيلة جديدة ل...")
    i = 0
    while i < len(words) and i < 3 and (clean_phrase(words[i].group()) in _FILLER or words[i].group() in _FILLER):
        i += 1
    if i >= len(words):
        return None
    w0 = words[i]
    # punctuation between cue and source ends it
    if re.search(r"[،,.:;؛!?؟]", folded[pos : w0.start()]):
        return None
    for a in media:
        if a.start >= w0.start() - 2 and a.start <= w0.end():
            # extend with a person name after an actor ("المتحدث باسم X NAME") is not attempted
            return a.start, a.end, a.display(base)
    if _HEADS.fullmatch(w0.group()):
        j = i + 1
        while j < len(words) and j - i < _MAX_WORDS and words[j].group() not in _STOP and not _B_WORD.match(words[j].group()):
            if re.search(r"[،,.:;؛!?؟\"«»()]", folded[words[j - 1].end() : words[j].start()]):
                break
            j += 1
        s, e = w0.start(), words[j - 1].end()
        # an actor mention inside the phrase may end beyond the last word
        for a in media:
            if s <= a.start < e and a.end > e:
                e = a.end
        return s, e, clean_phrase(base[s:e])
    if strong and w0.group() not in _STOP:
        j = i + 1
        while j < len(words) and j - i < 3 and words[j].group() not in _STOP:
            if re.search(r"[،,.:;؛!?؟\"«»()]", folded[words[j - 1].end() : words[j].start()]):
                break
            j += 1
        s, e = w0.start(), words[j - 1].end()
        return s, e, clean_phrase(base[s:e])
    return None


def _resolve(text: str, known: list[str]) -> str:
    """Short reference -> the longest earlier source beginning or ending with it."""
    best = text
    ft = fold(text)
    for k in known:
        fk = fold(k)
        if len(k) > len(best) and (fk.startswith(ft + " ") or fk.endswith(" " + ft)):
            best = k
    return best
