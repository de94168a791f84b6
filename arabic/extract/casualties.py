"""Casualty counts: "مقتل 38 مدنيا على الاقل", "1560 مدنيا بينهم 316 طفلا", "اصابة 3 آخرين".

Numbers come from :func:`arabic.numbers.find_numbers` run on the UNFOLDED clean text (so
"ثلاثة آلاف" = 3000, "٣٨" = 38); "عشرات"/"مئات"/"الآلاف" are not numbers there and never become
counts. Each number is then read in its folded context:

* kind: a casualty noun right after it (قتيلا/قتلى/شهيدا -> killed; جريحا/جرحى/مصابا -> injured),
  else the nearest killed/injured cue word before it (مقتل، قتل، لقي حتفه، مصرع، استشهاد /
  اصابة، اصيب، جرح) in the same clause with no other number in between, else a cue right
  after the noun ("لقوا حتفهم", "اصيبوا", "بجروح"); "بينهم/منهم" makes it a sub-count of the
  previous fact (same kind) -- two facts, as events.md asks;
* group: the noun after the number (مدنيا -> civilians, طفلا -> children, نساء -> women,
  مسلحا/عنصرا/مقاتلا -> fighters, جنديا/عسكريا/ضابطا -> soldiers, شرطيا/رجال الامن -> soldiers (security men count as soldiers, gold/GUIDELINES.md),
  شخصا/مواطنا -> people), or "من" + that noun ("5 من عناصر داعش"), or None;
* at_least: "اكثر من"، "ما لا يقل عن"، "ما يزيد عن" before, or "على الاقل" after.

A number without a casualty noun or group noun counts only when the cue word is right before
it ("مقتل 5 واصابة 10"). Combined tallies ("90 بين قتيل وجريح", "قتيلا وجريحا") are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .sentences import fold

__all__ = ["CasualtyFact", "find_casualties"]


@dataclass(frozen=True)
class CasualtyFact:
    start: int
    end: int  # end of the phrase (number + noun)
    kind: str  # killed | injured
    count: int
    group: str | None
    at_least: bool
    sub: bool  # a sub-count of the previous fact ("بينهم")

    def as_dict(self) -> dict:
        return {"kind": self.kind, "count": self.count, "group": self.group, "at_least": self.at_least}


def _fs(words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words.split())


_KILLED_NOUNS = _fs("قتيلا قتيل قتلى قتيلاً شهيدا شهيد شهداء ضحية قتيلين")
_INJURED_NOUNS = _fs("جريحا جريح جرحى مصابا مصاب مصابين مصابون جريحاً اصابات إصابات")
_GROUPS: dict[str, str] = {}
for _g, _ws in {  # police and security men count as "soldiers" (gold/GUIDELINES.md)
    "civilians": "مدني مدنيا مدنيين مدنيون مدنيان مدنيًا مواطن مواطنا مواطنين مواطنون مواطنان سائح سائحا سياح سكان",
    "children": "طفل طفلا أطفال اطفال الأطفال طفلين طفلان أطفالا قاصرين",
    "women": "امرأة امرأه نساء سيدات سيدة امرأتين امراتين",
    "fighters": "مسلح مسلحا مسلحين مسلحون مقاتل مقاتلا مقاتلين مقاتلون عنصر عنصرا عناصر عنصرين إرهابي ارهابي إرهابيا ارهابيا "
    "مسلحي مقاتلي متمردي عناصر إرهابيي ارهابيي ميليشيات مليشيات ميليشيا مليشيا "
    "إرهابيين ارهابيين إرهابيون ارهابيون متمرد متمردا متمردين متمردون جهادي جهاديا جهاديين جهاديون حوثي حوثيا حوثيين "
    "انقلابي انقلابيا انقلابيين داعشي داعشيا داعشيين متشدد متشددا متشددين انتحاريين مرتزقة "
    "متطرف متطرفا متطرفين متطرفون إسلاميا اسلاميا إسلاميين اسلاميين",
    "soldiers": "جندي جنديا جنود جنديين جنديان عسكري عسكريا عسكريين عسكريون ضابط ضابطا ضباط ضابطين مجند مجندا مجندين "
    "مجندان عسكريان",
    "soldiers ": "شرطي شرطيا شرطيين شرطيون شرطيان",
    "people": "شخص شخصا أشخاص اشخاص شخصين شخصان مواطن مواطنا مواطنين مواطنون مواطنان فرد أفراد افراد آخرين آخرون اخرين "
    "اخرون نسمة مصلين مصليا زائرين حجاج مدنيين عمال عاملا عاملين بالغين ناشطا ناشطين ناشطون ركاب",
}.items():
    for _w in _ws.split():
        _GROUPS.setdefault(fold(_w), _g.strip())
_CONSTRUCT = {  # "عناصر الشرطة", "رجال الامن", "افراد الجيش"
    fold("الشرطة"): "soldiers", fold("الامن"): "soldiers", fold("الأمن"): "soldiers",
    fold("الجيش"): "soldiers", fold("القوات"): "soldiers", fold("الحوثي"): "fighters",
    fold("التنظيم"): "fighters", fold("داعش"): "fighters", fold("المعارضة"): "fighters",
    fold("أمن"): "soldiers", fold("امن"): "soldiers", fold("شرطة"): "soldiers", fold("جيش"): "soldiers",
    fold("تنظيم"): "fighters", fold("قوات"): "soldiers", fold("ميليشيات"): "fighters", fold("مليشيات"): "fighters",
}
_HEADS = _fs("عناصر رجال أفراد افراد منتسبي منسوبي عنصرا فردا رجل")
_OTHERS = _fs("آخرين آخرون اخرين اخرون")

_KILLED_CUE = _fs(
    "مقتل قتل قتلت قتلوا يقتل تقتل قتلى استشهاد استشهد استشهدت استشهدوا مصرع لقي لقيت لقوا حتفه حتفهم مصرعهم مصرعه "
    "وفاة توفي توفيت حصد حصدت أودى أودت اودى اودت بحياة ارتقى قضى قضوا إعدام اعدام أعدم اعدم أعدمت اعدمت ذبح "
    "يعدم تعدم أعدموا اعدموا "
    "ضحيته ضحيتها ضحيتهم قتلا قتلتا"
)
# a death SENTENCE is not a death: "حكم محكمة في طرابلس بإعدام سيف الإسلام ... وعلى ثمانية آخرين" (0.8)
_EXECUTION_CUE = _fs("إعدام اعدام بإعدام باعدام بالإعدام بالاعدام")
_JUDICIAL_BEFORE = _fs("حكم حكمت الحكم بالحكم وحكم محكمة المحكمة محكمه المحكمه أحكام احكام قضت تقضي يقضي أصدرت اصدرت")
_INJURED_CUE = _fs("إصابة اصابة أصيب اصيب أصيبت اصيبت أصيبوا اصيبوا أصاب اصاب أصابت اصابت جرح جرحت يصاب إصابات اصابات جروح بجروح وإصابة")
# capture words: "أسر 10 آخرون" is not a casualty even when "قتل" comes later
_CAPTURE_CUE = _fs("أسر اسر أسرت اسرت أسروا اسروا اعتقل اعتقال اعتقلت اختطاف اختطف خطف القبض توقيف احتجاز اسير أسير اسرى أسرى")
# a group noun with a possessive suffix after "من": "ثلاثة من جنودها"، "5 من مقاتليه"
_POSSESSIVE = re.compile(r"^(\w{3,}?)(?:ها|هم|ه|نا)$")
# joining a second count to the first: "عشرة من منسوبي القوات إضافة إلى ثلاثة من العاملين"
_JOIN = re.compile(fold(r"\s*(?:و|وكذلك|إضافة إلى|اضافة الى|بالإضافة إلى|بالاضافة الى|فضلا عن)\s*"))
_SUB_CUE = _fs("بينهم منهم بينهن منهن بينها منها")
# plural verbs agreeing with a counted noun a few words before ("8 أشخاص يحملون أحزمة ناسفة
# قتلوا"، "7 عناصر من تنظيم داعش قتلوا"): the cue may stand up to 6 words after the noun
_AGREE_KILLED = _fs("قتلوا لقوا استشهدوا قضوا")
_AGREE_INJURED = _fs("أصيبوا اصيبوا جرحوا")
# a toll reaching a number: "ارتفاع حصيلة القتلى إلى 21"، "حصيلة القتلى ... بلغت ألفا"
_TOLL_REACH = _fs("الى إلى بلغ بلغت وصل وصلت ليبلغ لتبلغ ليصل لتصل")
_TOLL_KILLED = _fs("قتلى القتلى ضحايا الضحايا شهداء الشهداء الوفيات وفيات")
_TOLL_INJURED = _fs("جرحى الجرحى المصابين مصابين الاصابات إصابات الإصابات اصابات")
# verbal nouns that form one combined tally when joined: "مقتل وإصابة 70"، "قتلى وجرحى"
_COMBINABLE = _fs("مقتل قتل قتلى استشهاد مصرع إصابة اصابة إصابات اصابات جرح جرحى")
_TIME_UNITS = _fs("عاما عام أعوام اعوام سنة سنوات سنين شهرا شهر أشهر اشهر شهور يوما يوم أيام ايام ساعة ساعات دقيقة دقائق أسبوعا اسبوعا أسابيع اسابيع موسما مواسم")
# "(37) مابين رجال أمن ومواطنين": a mixed group
_MIXED = _fs("مابين")
_AT_LEAST_BEFORE = re.compile(
    fold(r"(?:اكثر من|أكثر من|ما لا يقل عن|لا يقل عن|ما يزيد عن|ما يزيد على|يزيد عن|يزيد على|ازيد من|أزيد من|ما يربو على|يربو على|ما لا يقل)\s*$")
)
_AT_LEAST_AFTER = re.compile(fold(r"^\s*(?:\S+\s+){0,2}?(?:على الاقل|على الأقل)(?!\w)"))
_FILLERS = _fs("أكثر اكثر من ما لا يقل عن يزيد على نحو حوالي قرابة زهاء ازيد أزيد يربو الى إلى اليوم أمس امس الخميس الجمعة السبت الأحد الاحد الاثنين الثلاثاء الأربعاء الاربعاء")
_WORD = re.compile(r"[^\s،,.:;؛!?؟()\"«»]+")
_STOP_LEFT = re.compile(r"[،,.;؛:!?؟()]")
_CLITIC = re.compile(r"^(?:[وف]?(?:[بلك]?ال|لل|[بلك])?)")


def _strip_clitic(w: str, table) -> str | None:
    """w itself or w without a clitic prefix, if that is in table."""
    if w in table:
        return w
    for n in (1, 2, 3, 4):
        if len(w) > n + 2 and w[n:] in table and _CLITIC.match(w[:n]) and _CLITIC.match(w[:n]).end() == n:
            return w[n:]
    return None


def _in(w: str, table) -> bool:
    return _strip_clitic(w, table) is not None


def _kind_from_words(words: Iterable[str], killed: frozenset, injured: frozenset,
                     stop: frozenset = frozenset()) -> str | None:
    """``"killed"`` or ``"injured"`` for the first of ``words`` in ``killed`` / ``injured``
    (checked in that order per word); None when none is, or when a word of ``stop`` comes
    first."""
    for w in words:
        if stop and _in(w, stop):
            return None
        if _in(w, killed):
            return "killed"
        if _in(w, injured):
            return "injured"
    return None


def _group_of(words: list[str]) -> tuple[str | None, int]:
    """Group named by the words after the number, and how many words that took."""
    if not words:
        return None, 0
    w = words[0]
    base = _strip_clitic(w, _GROUPS)
    if base is not None:
        if base in _HEADS and len(words) > 1 and words[1] in _CONSTRUCT:
            return _CONSTRUCT[words[1]], 2
        if base in _HEADS and len(words) > 2 and words[1] == "من" and words[2] in _CONSTRUCT:
            return _CONSTRUCT[words[2]], 3  # "ثلاثة عناصر من الجيش"
        if base in _OTHERS:
            return "people", 1
        return _GROUPS[base], 1
    if _in(w, _HEADS) and len(words) > 1:
        if words[1] == "من" and len(words) > 2 and words[2] in _CONSTRUCT:
            return _CONSTRUCT[words[2]], 3  # "عناصر من الجيش"
        return _CONSTRUCT.get(words[1], "people"), 2
    if w == "من" and len(words) > 1:
        m = _POSSESSIVE.match(words[1])
        if m and m.group(1) in _GROUPS:
            return _GROUPS[m.group(1)], 2  # "3 من جنودها"، "5 من عناصره"
        if words[1] in _CONSTRUCT:
            return _CONSTRUCT[words[1]], 2  # "11 من داعش"
        g, n = _group_of(words[1:])
        if n:
            return g, n + 1
        if _in(words[1], _HEADS):
            return (_CONSTRUCT.get(words[2], "fighters") if len(words) > 2 else "people"), 2
    return None, 0


def find_casualties(folded: str, numbers, lo: int, hi: int, skip_spans=()) -> list[CasualtyFact]:
    """Casualty facts among ``numbers`` (NumberMatch list, spans into the text) within [lo, hi)."""
    out: list[CasualtyFact] = []
    nums = [n for n in numbers if lo <= n.start and n.end <= hi]
    for idx, num in enumerate(nums):
        if any(s <= num.start < e for s, e in skip_spans):
            continue
        value = int(num.value)
        if value <= 0 or value > 200000 or num.value != value:
            continue
        # ---- right context
        right_txt = folded[num.end : min(hi, num.end + 80)]
        roff = 0
        if right_txt.startswith(")") and folded[max(lo, num.start - 2) : num.start].strip().endswith("("):
            roff = 1  # a number in parentheses: "مقتل (20) شخصا"
            right_txt = right_txt[1:]
        cut = _STOP_LEFT.search(right_txt)
        right_clause = right_txt[: cut.start()] if cut else right_txt
        rwords = _WORD.findall(right_clause)[:6]
        if rwords and _in(rwords[0], _TIME_UNITS):
            continue  # a duration or an age: "قضى 13 عاما"، "(22 عاما)"
        kind = None
        noun_words = 0
        group = None
        out_sub = False
        if rwords and _in(rwords[0], _KILLED_NOUNS | _INJURED_NOUNS):
            kind = "killed" if _in(rwords[0], _KILLED_NOUNS) else "injured"
            # combined tally "قتيلا وجريحا" / "بين قتيل وجريح"
            if len(rwords) > 1 and _in(rwords[1], _INJURED_NOUNS if kind == "killed" else _KILLED_NOUNS):
                continue
            noun_words = 1
            if len(rwords) > 2 and rwords[1] == "من":
                g, n = _group_of(rwords[2:])
                if n:
                    group, noun_words = g, 2 + n
        elif len(rwords) > 1 and rwords[0] == "من" and _in(rwords[1], _TOLL_KILLED | _TOLL_INJURED) and rwords[1].startswith(("ال", "وال")):
            # "أربعة من المصابين كانوا ..."، "ثلاثة من القتلى": a sub-count of a toll (0.8)
            kind = "killed" if _in(rwords[1], _TOLL_KILLED) else "injured"
            group, noun_words = "people", 2
            out_sub = True
        else:
            if rwords and rwords[0] in ("بين",) and len(rwords) > 2 and _in(rwords[1], _KILLED_NOUNS):
                continue
            group, noun_words = _group_of(rwords)
            if not noun_words and rwords and (rwords[0] in _MIXED or rwords[:2] == ["ما", "بين"]):
                group, noun_words = "people", 0
        # ---- left context (same clause, no other number in between)
        prev_end = nums[idx - 1].end if idx > 0 else lo
        left_lo = max(lo, prev_end, num.start - 70)
        left_txt = folded[left_lo : num.start]
        if roff:
            left_txt = left_txt.rstrip()[:-1]
        cut = None
        for cut in _STOP_LEFT.finditer(left_txt):
            pass
        if cut is not None:
            left_txt = left_txt[cut.end() :]
        lwords = _WORD.findall(left_txt)
        sub = False
        if kind is None and lwords and (lwords[-1] in _SUB_CUE or lwords[-2:] == ["من", "بينهم"]) and out and out[-1].end >= left_lo - 40:
            kind, sub = out[-1].kind, True
        if kind is None:
            adjacent = True
            window = lwords[-7:]
            combined = False
            for j in range(len(window) - 1, -1, -1):
                w = window[j]
                if _in(w, _CAPTURE_CUE):
                    break
                if _in(w, _KILLED_CUE):
                    kind = "killed"
                elif _in(w, _INJURED_CUE):
                    kind = "injured"
                else:
                    if w not in _FILLERS:
                        adjacent = False
                    continue
                if kind == "killed" and _in(w, _EXECUTION_CUE) and any(_in(x, _JUDICIAL_BEFORE) for x in lwords[max(0, len(lwords) - len(window) + j - 5) : len(lwords) - len(window) + j]):
                    combined = True  # a death sentence: no count (0.8)
                    break
                # "مقتل وإصابة 70"، "إصابة ومقتل": one combined tally, no count of one kind
                other = _INJURED_CUE if kind == "killed" else _KILLED_CUE
                if j > 0 and w.startswith("و") and _in(window[j - 1], other) \
                        and _in(w, _COMBINABLE) and _in(window[j - 1], _COMBINABLE):
                    combined = True
                break
            if combined:
                continue
            if kind is not None and not adjacent and noun_words == 0:
                kind = None  # "قتل ... في هجوم على 3 مواقع": a cue far away needs a group noun
            if kind is None and lwords and _in(lwords[-1], _TOLL_REACH):
                wide = folded[max(lo, prev_end, num.start - 140) : num.start]
                wide = _STOP_LEFT.split(wide.rstrip()[:-1] if roff else wide)[-1]
                kind = _kind_from_words(reversed(_WORD.findall(wide)[-14:-1]), _TOLL_KILLED, _TOLL_INJURED)
            if kind is None and noun_words and out and not any(_in(w, _CAPTURE_CUE) for w in lwords[-3:]) \
                    and _JOIN.fullmatch(folded, out[-1].end, num.start - roff):
                kind = out[-1].kind  # "6 جنود و4 شرطيين", "15 رجل أمن و3 عمال"
            if kind is None and noun_words:
                after = _WORD.findall(right_clause)[noun_words : noun_words + 5]
                far = _WORD.findall(right_clause)[noun_words : noun_words + 6]
                if len(after) > 2 and after[0] in _SUB_CUE:
                    after = after[:2] + after[3:]  # "9 أشخاص بينهم 5 مدنيين لقوا حتفهم"
                else:
                    after = after[:3]
                for w in far[3:]:
                    if any(c.isdigit() for c in w) or _in(w, _CAPTURE_CUE | _KILLED_CUE | _INJURED_CUE) and not _in(w, _AGREE_KILLED | _AGREE_INJURED):
                        break
                    if _in(w, _AGREE_KILLED | _AGREE_INJURED):
                        after = after + [w]
                        break
                kind = _kind_from_words(after, _KILLED_CUE, _INJURED_CUE, stop=_CAPTURE_CUE)
        if kind is None:
            continue
        if noun_words == 0 and not lwords:
            continue
        at_least = bool(_AT_LEAST_BEFORE.search(folded[max(lo, num.start - 25) : num.start]))
        if not at_least:
            # "على الاقل" right after the number phrase
            at_least = bool(_AT_LEAST_AFTER.match(right_clause))
        end = num.end
        if noun_words:
            ws = list(_WORD.finditer(right_clause))
            end = num.end + roff + ws[min(noun_words, len(ws)) - 1].end()
        out.append(CasualtyFact(num.start, end, kind, value, group, at_least, sub or out_sub))
    return out
