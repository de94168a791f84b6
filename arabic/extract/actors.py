"""Actors: curated list ``data/actors.tsv`` (canonical name, aliases, kind, country).

To add an actor, add a line to the TSV: ``canonical<TAB>alias|alias|...<TAB>kind<TAB>country``
(the TSV header documents the columns). Aliases are written in normal spelling; they are folded
(alef/ya/teh marbuta) and matched with clitics allowed in front (و ف ب ل ك, and "لل" for "ال"),
longest alias first.

Generic rows (0.11: security forces, armies, gunmen, cells) have the country ``nat`` / ``nat+``:
a nationality adjective of ``data/nationalities.tsv`` that follows is part of the mention and
gives the country ("قوات الأمن التونسي" -> "قوات الأمن (TN)"); ``nat+`` rows ("القوات") are
actors only with it.

:func:`find_actors` returns mentions; roles relative to a trigger are decided in
:mod:`arabic.extract.assemble` with :func:`role_for` (rules in its docstring and in README.md,
"Added in extract-0.11.0 (actors)"). :func:`find_protesters` finds the counted crowd of a protest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .sentences import fold, fold_pattern

__all__ = ["Actor", "ActorMention", "load_actors", "load_nationalities", "find_actors", "find_protesters", "role_for", "KINDS"]

KINDS = ("state", "army", "armed_group", "organisation", "media", "security", "other")
_DATA = Path(__file__).with_name("data") / "actors.tsv"
_NAT_DATA = Path(__file__).with_name("data") / "nationalities.tsv"


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str
    country: str | None
    nat: str = ""  # generic row (0.11): "nat" = a nationality adjective may follow, "nat+" = must follow
    generic: str = ""  # (0.11) with a nationality: the row's own name ("قوات الأمن" of "قوات الأمن (TN)")

    @property
    def identity(self) -> str:
        """The actor an event lists once: a generic actor with and without its nationality
        ("السلطات السورية ... السلطات") is one."""
        return self.generic or self.name


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    actor: Actor
    alias: str  # folded alias that matched
    lam: bool = False  # matched as "لل..." : the first "ل" stands for "ال"

    def display(self, base: str) -> str:
        """The mention as written, clitic removed ("للمرصد السوري" -> "المرصد السوري")."""
        return ("ا" if self.lam else "") + base[self.start : self.end]


def load_actors(path: Path = _DATA) -> dict[str, Actor]:
    """folded alias -> Actor."""
    table: dict[str, Actor] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 4 or parts[2] not in KINDS:
            raise ValueError(f"{path}:{n}: bad actor row {line!r}")
        cc = parts[3].strip()
        if cc in ("nat", "nat+"):
            actor = Actor(parts[0].strip(), parts[2], None, cc)
        else:
            actor = Actor(parts[0].strip(), parts[2], None if cc in ("", "-") else cc)
        for alias in [parts[0], *parts[1].split("|")]:
            a = fold(alias.strip())
            if a:
                table.setdefault(a, actor)
    return table


def _alias_rx(alias: str) -> str:
    """Regex source of a folded alias: literal, any run of whitespace between its words."""
    return re.escape(alias).replace(r"\ ", r"\s+")


def _trie_alternation(aliases: list[str]) -> str:
    """(0.11) Alternation of the literal ``aliases`` as a trie that prefers the longest alias.

    ``["ab", "abc", "ad"]`` becomes ``"a(?:b(?:c)?|d)"``: at each letter ``re`` tests one branch
    per next letter instead of every alias sharing the prefix ("ال..."); the optional tail is
    greedy, so with the ``(?!\\w)`` that follows, the longest alias ending at a word end wins,
    as with a plain longest-first alternation. A space is any run of whitespace.
    """
    tree: dict = {}
    for alias in aliases:
        node = tree
        for ch in alias:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = "|".join(alts)
        if "" in node:
            return "(?:" + body + ")?"
        return "(?:" + body + ")" if len(alts) > 1 else body

    return emit(tree)


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern, dict[str, Actor]]:
    table = load_actors()
    longest_first = sorted(table, key=len, reverse=True)
    # clitics: و/ف, then ب/ك/ل; "لل" stands for "ل" + "ال" (handled by allowing "ل" before "ل...")
    aliases = longest_first + ["ل" + a[2:] for a in longest_first if a.startswith("ال")]
    rx = re.compile(r"(?<!\w)(?:[وف]?[بكل]?)(" + _trie_alternation(aliases) + r")(?!\w)")
    return rx, table


def load_nationalities(path: Path = _NAT_DATA) -> dict[str, str]:
    """folded adjective stem -> ISO2 (``data/nationalities.tsv``)."""
    table: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or not re.fullmatch(r"[A-Z]{2}", parts[0].strip()):
            raise ValueError(f"{path}:{n}: bad nationality row {line!r}")
        for stem in parts[1].split("|"):
            if stem.strip():
                table.setdefault(fold(stem.strip()), parts[0].strip())
    return table


@lru_cache(maxsize=1)
def _nat_compiled() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    """Nationality adjective right after a generic actor, definite and indefinite; and a
    modifier ("مجهولين"، "مشتركة") that may close the phrase."""
    table = load_nationalities()
    stems = "|".join(re.escape(s) for s in sorted(table, key=len, reverse=True))
    nat = re.compile(r"\s+(ال)?(" + stems + r")(?:ه|ين|ون|ا)?(?!\w)")
    mod = re.compile(r"\s+(ال)?(?:مجهول|مشترك)(?:ه|ين|ون|ا)?(?!\w)")
    return nat, mod, table


def _extend_generic(folded: str, end: int, actor: Actor, key: str) -> tuple[int, Actor] | None:
    """(0.11) A generic actor ("قوات الامن"، "مسلحين"، "القوات") takes a following nationality
    adjective ("التونسي"، "عراقية") and one modifier ("مجهولين"، "المشتركة"): the mention grows,
    the adjective gives the country. Definiteness agrees with the head's last word ("قوات الامن
    التركية" but "قوات عراقية"). A "nat+" row ("القوات") is no actor without an adjective."""
    nat_rx, mod_rx, table = _nat_compiled()
    definite = key.split(" ")[-1].startswith("ال")
    cc = None
    m = nat_rx.match(folded, end)
    if m and bool(m.group(1)) == definite:
        cc, end = table[m.group(2)], m.end()
    elif actor.nat == "nat+":
        return None
    m = mod_rx.match(folded, end)
    if m and bool(m.group(1)) == definite:
        end = m.end()
    if cc is None:
        return end, actor
    return end, Actor(f"{actor.name} ({cc})", actor.kind, cc, actor.nat, generic=actor.name)


_OF_GROUP = re.compile(r"\s+من\s+(?:عناصر\s+|مقاتلي\s+|مسلحي\s+)?(?:[وفبلك]|لل)?")
_INSTRUMENT = re.compile(fold_pattern(r"(?:طيران|طائرات|طائرة|مقاتلات|مروحيات)\s+(?=\w)"))
_ADJ_LIKE = frozenset(("مسلح", "مسلحا"))
_ADJ_NOUN_BEFORE = re.compile(
    r"(?<!\w)[وفبل]?(?:هجوم|هجوما|اعتداء|اعتداءا|سطو|نزاع|صراع|عمل|تمرد|كفاح|عنف|اشتباك|رد|هجومه|حادث)\s+$")


def find_actors(folded: str) -> list[ActorMention]:
    rx, table = _compiled()
    out = []
    last_end = -1
    for m in rx.finditer(folded):
        if m.start(1) < last_end:  # inside an extended generic mention ("مسلحين مجهولين")
            continue
        key = re.sub(r"\s+", " ", m.group(1))
        actor = table.get(key)
        lam = False
        if actor is None:  # "للمرصد" matched as "لمرصد" -> "المرصد"
            actor, lam = table.get("ا" + key), True
        if actor is None:
            continue
        end = m.end(1)
        if key in _ADJ_LIKE and _ADJ_NOUN_BEFORE.search(folded, max(0, m.start() - 12), m.start()):
            continue  # "هجوم مسلح" = an armed attack: an adjective, not "a gunman"
        if actor.nat:
            ext = _extend_generic(folded, end, actor, ("ا" + key) if lam else key)
            if ext is None:
                continue
            end, actor = ext
        last_end = end
        start = m.start(1)
        inst = _INSTRUMENT.match(folded, start)
        if inst and not lam:
            start = inst.end()  # (0.11) "طيران التحالف": the aircraft are the instrument, the actor is "التحالف"
        out.append(ActorMention(start, end, actor, key, lam))
    # (0.11) "22 مسلحا من تنظيم داعش"، "عناصر من حزب الله": the named group is the actor, the generic
    # word before it only counts its members
    return [a for i, a in enumerate(out) if not (
        a.actor.nat and i + 1 < len(out) and not out[i + 1].actor.nat
        and _OF_GROUP.fullmatch(folded, a.end, out[i + 1].start))]


# (0.11) a counted crowd: "آلاف العراقيين"، "مئات السوريين"، "ألفي مدرس"، "نحو ألف سوري"، "200 مدرس"
_CROWD = re.compile(
    r"(?<!\w)[وب]?(?:الاف|الالاف|مئات|المئات|عشرات|العشرات|الف|الفي|الفين|[0-9]+)\s+(?:من\s+)?((?:ال)?[\u0621-\u064a]{3,})(?!\w)")
_NOT_CROWD = frozenset(fold_pattern(w) for w in (
    "شخص شخصا أشخاص اشخاص الأشخاص الاشخاص عام أعوام سنة سنوات شهر أشهر يوم أيام ساعة دولار ريال جنيه كيلومتر متر "
    "متظاهر متظاهرا المتظاهرين متظاهرين محتج محتجا المحتجين طن وسط قتيل قتيلا قتلى جريح جريحا جرحى مصاب مصابا "
    "اصابة إصابة منذ حتى نحو حوالي اكثر أكثر"
).split())


def find_protesters(folded: str, lo: int, hi: int, trig_start: int, trig_end: int) -> ActorMention | None:
    """(0.11) The crowd of a protest: a count + people noun within 12 words before the protest
    trigger or 10 after it, in its sentence ("آلاف العراقيين يتظاهرون"، "وشارك مئات السوريين في
    احتجاج"). Generic nouns (أشخاص), units and the protest nouns themselves are not a crowd."""
    best = None
    for m in _CROWD.finditer(folded, lo, hi):
        noun = m.group(1)
        if noun in _NOT_CROWD or noun in ("من", "في", "على", "الى") or re.fullmatch(r"(?:19|20)[0-9]{2}", folded[m.start():m.end()].split()[0].lstrip("وب")):
            continue  # a year is no count ("في بداية 2012 احتجاجا")
        if m.end() <= trig_start:
            dist = len(_words(folded[m.end() : trig_start]))
            ok = dist <= 12
        elif m.start() >= trig_end:
            dist = len(_words(folded[trig_end : m.start()]))
            ok = dist <= 10
        else:
            continue
        if ok and (best is None or dist < best[0]):
            start = m.start() + (1 if folded[m.start()] in "وب" else 0)
            best = (dist, start, m.end())
    if best is None:
        return None
    _, s, e = best
    return ActorMention(s, e, Actor(folded[s:e], "other", None), folded[s:e])


# --------------------------------------------------------------------------- roles
def _words(s: str) -> list[str]:
    return re.findall(r"\w+", s)


_TARGET_BEFORE = frozenset(fold_pattern(w) for w in (
    "على ضد استهدف استهدفت تستهدف يستهدف استهدافا استهداف مواقع معاقل تجمعات تجمع عناصر مقرات مقر "
    "مسلحي مقاتلي ضد مخازن آليات اليات مواقعا تحصينات اهدافا أهداف اهداف لـ صفوف كتيبة دورية ثكنة حاجز مركز مركزا قافلة موكب نقطة"
).split())
_INITIATOR_AFTER_TRIGGER = frozenset(fold_pattern(w) for w in "شنها شنته نفذها نفذته قبل بواسطة يد شنتها نفذتها".split())
_PARTICIPANT_BEFORE = frozenset(fold_pattern(w) for w in "مع بين وبين".split())
_CONTROL = re.compile(fold_pattern(r"(?:سيطرة|لسيطرة|تسيطر عليها|يسيطر عليها|تسيطر عليه|يسيطر عليه|الخاضعة|خاضعة|الخاضع|خاضع|باسم|المتحدث|متحدث)\s*$"))


# (0.11) agent markers between a trigger and the actor: passive by-phrases and instruments
# ("قتلوا برصاص قوات الامن"، "على يد مجهولين"، "هجوم شنه عليه مسلحون"، "بانفجار نفذه مسلحون")
_AGENT_MARK = frozenset(fold_pattern(w) for w in (
    "شنها شنته شنتها شنه شنوه نفذها نفذته نفذتها نفذه نفذوه ارتكبها ارتكبه ارتكبته ارتكبتها تبناه تبنته تبنتها تبناها "
    "يشنها تشنها ينفذها تنفذها يشنه تشنه ينفذه تنفذه بواسطة يد برصاص بنيران بقذائف بصواريخ بغارة بغارات بطائرة بطائرات"
).split())
# (0.11) a finite verb as trigger ("ضبطت"، "اعتقلوا"، "تعتقل"): the actor right after it is the
# subject, unless the clause already has one before the verb ("الكويت تضبط شبكة")
_VERB_WORDS = frozenset(fold_pattern(w) for w in (
    "اعتقل هاجم حاصر اعدم اغتال اقتحم اشتبك فجر اطلق القى ألقى القي استهدف اختطف احتجز اوقف أوقف سيطر حرر استعاد"
).split())
_NOT_VERB = frozenset(fold_pattern(w) for w in "تبادل تقدم تهدئة تظاهرة تفجير توقيف تهجير تشريد تنفيذ".split())
_VERB_RX = re.compile(r"^(?:\w{2,}[^ا\W]ت|\w{2,}وا|[يت]\w{2,4})$")
# (0.11) a verbal noun whose genitive is the patient: "اعتقال القيادي"، "اعدام ..."، "اجلاء مقاتلين"
_PATIENT_NOUN = re.compile(r"^(?:ال|لل|[وفبل]ال|[وفبل])?(?:اعتقال|اعدام|اغتيال|اختطاف|خطف|احتجاز|توقيف|ايقاف|ضبط|اجلاء|اخلاء|اعاده)$")


_HEAD_NOUNS = frozenset(fold_pattern(w) for w in "قوات عناصر جنود افراد أفراد قيادة مقاتلي مسلحي وحدات نقطة تابعة التابعة دوريات".split())
_FATE_AFTER = re.compile(r"(?:\s+\S+){0,5}?\s+(?:مصرعهم|مصرعه|حتفهم|حتفه|قتلوا|قتلي|جرحي|اصيبوا|جرحوا|اعتقلوا|اسروا)(?!\w)")
# (0.11) words that make a mention before the trigger someone else's subject or addressee:
# a speech/stance verb between it and the act ("واشنطن تصف مقتل طفل ... بأنه هجوم")
_STANCE_VERB = re.compile(r"(?<!\w)[وف]?(?:قال|قالت|يقول|تقول|اكد|اكدت|يؤكد|تؤكد|وصف|وصفت|يصف|تصف|ادان|ادانت|يدين|تدين|ندد|نددت|"
                          r"طالب|طالبت|يطالب|تطالب|دعا|دعت|يدعو|تدعو|ناشد|ناشدت|اتهم|اتهمت|يتهم|تتهم|نفي|نفت|ينفي|تنفي|حذر|حذرت|"
                          r"رحب|رحبت|استنكر|استنكرت|شجب|شجبت|قاطع|قاطعت|رفض|رفضت|يرفض|ترفض|اعرب|اعربت|فشلت|فشل)(?!\w)")
# a call verb before the mention: the mention is addressed, not acting ("طالب هادي المليشيات الحوثية باحترام الهدنة")
_CALL_BEFORE = re.compile(r"(?<!\w)[وف]?(?:طالب|طالبت|يطالب|تطالب|دعا|دعت|يدعو|تدعو|ناشد|ناشدت|حث|حثت)(?!\w)")
# the mention is inside a relative clause before the act ("... والتى تستهدف قوات الجيش ... عن ضبط")
_RELATIVE_BEFORE = re.compile(r"(?<!\w)[و]?(?:الذي|التي|الذين|اللذين|اللتين)\s+\S+\s+(?:\S+\s+)?$")
# liberation / expulsion verbs: "من X" is the side driven out ("حررت ... بلدة صرين من تنظيم داعش")
_FROM_TARGET_VERB = re.compile(r"^(?:[وف]?(?:حرر|حررت|حرروا|يحرر|يحررون|تحرر|تحرير|طرد|طردت|طردوا|استعاد|استعادت|استعادوا|دحر|دحرت))$")
_THAT_WORD = re.compile(r"(?<!\w)(?:ان|بان|لان)(?!\w)")
_CONJ_GAP = re.compile(r"\s*(?:،|,)?\s*$")

_MAX_SUBJECT_GAP = 12  # (0.11) words between a subject and its act, at most
_SUBJECTED = re.compile(r"(?<!\w)[وف]?(?:تعرض|تعرضت|تعرضوا|يتعرض|تتعرض|يتعرضون|تعرضا)(?!\w)")
ANNOUNCE_VERBS = r"(?:اعلن|اعلنت|يعلن|تعلن|اعلنوا|اعلنا)"  # folded; also read by assemble's own-act rule
_ANNOUNCE_VERB = re.compile(r"(?<!\w)[وف]?" + ANNOUNCE_VERBS + r"(?!\w)")

_COUNT = r"(?:[0-9]+|عشرات|مئات|الاف|عدد|عددا|واحد|اثنين|ثلاثه|اربعه|خمسه|سته|سبعه|ثمانيه|تسعه|عشره|احد|احدي)"
_VICTIM_BEFORE = re.compile(
    r"(?<!\w)[وفب]?(?:(?:ال)?(?:مقتل|اصابه|مصرع|استشهاد|اعتقال|توقيف|ايقاف|ضبط)(?:\s+" + _COUNT + r")?"
    r"|(?:قتل|قتلت|اصيب|اصيبت|اعتقل|اعتقلت|ضبط|ضبطت|اوقف|اوقفت|اعدم|اعدمت|القبض على)\s+" + _COUNT + r")"
    r"(?:\s+من)?\s*$")


_COUNTED_BEFORE = re.compile(_COUNT + r"\s+(?:\S+\s+)?(?:من\s+)?(?:تنظيم\s+|جماعه\s+|حركه\s+)?$")
_AMONG_BEFORE = re.compile(r"(?<!\w)[وف]?(?:بينهم|منهم|بينها|بينهما)\s+" + _COUNT + r"\s+(?:من\s+)?(?:\S+\s+)?$")


_NOT_SUBJECT = frozenset(fold_pattern(w) for w in (
    "و ف ثم قد لقد كما بينما فيما حيث اذ إذ ان أن إن انه انها لا لم لن ما الذي التي الذين اليوم امس أمس حين عندما بعدما "
    "قال قالت وقال وقالت ويقول وتقول كان كانت وكان وكانت"
).split())


def _word_before_is_subject(folded: str, trig_start: int, clause_start: int) -> bool:
    """The word right before a verb trigger is a noun in the verb's clause (its subject)."""
    w = _words(folded[max(clause_start, trig_start - 30) : trig_start])
    return bool(w) and w[-1] not in _NOT_SUBJECT and not w[-1].isdigit() and not _is_verb(w[-1])


def _is_verb(trigger: str) -> bool:
    """Whether the first word of a (folded) trigger is a finite verb: past 3rd person in -ت/-وا,
    imperfect ت/ي + 3-5 letters (not a تفعيل noun), or a listed bare past form."""
    w = re.sub(r"^[وف]", "", trigger.split(" ")[0]) if trigger else ""
    if w in _VERB_WORDS:
        return True
    if not w or w in _NOT_VERB or w.startswith("ال") or re.fullmatch(r"ت\w\wي\w", w):
        return False
    return bool(_VERB_RX.match(w))


def _bare_start(folded: str, mention: ActorMention) -> int:
    """Start of the mention's word including an attached clitic (و ف ب ك ل): "كمين للمقاومة" is
    "كمين" + mention, not "كمين" + a word "ل" (0.11; a separate "لـ" stays a word)."""
    i = mention.start
    while i > 0 and folded[i - 1] in "وفبكل" and i > mention.start - 3:
        i -= 1
    return i if i == 0 or not folded[i - 1].isalnum() else mention.start


def _marked_before(folded: str, mention: ActorMention, clause_start: int) -> str | None:
    """Role given by the words right before a mention: target after على/ضد/استهدف/مواقع...,
    participant after مع/بين, "none" when it qualifies a place or a speaker (سيطرة، المتحدث باسم)."""
    pre = folded[max(clause_start, mention.start - 40) : _bare_start(folded, mention)]
    if _CONTROL.search(pre):
        return "none"
    pw = _words(pre)
    last = pw[-1] if pw else ""
    last2 = pw[-2] if len(pw) > 1 else ""
    if last in _TARGET_BEFORE or last2 in ("على", "ضد") and last in _TARGET_BEFORE | {"مواقع", "مقر"}:
        return "target"
    if last2 in _TARGET_BEFORE and last in _HEAD_NOUNS:
        return "target"  # (0.11) "تستهدف قوات الجيش"، "على نقطة تابعة لـ"
    if _VICTIM_BEFORE.search(pre) or _AMONG_BEFORE.search(pre):
        return "target"  # (0.11) the counted victims: "مقتل 12 مسلحا"، "اعتقال 5 من عناصر داعش"
    if _COUNTED_BEFORE.search(pre) and _FATE_AFTER.match(folded, mention.end):
        return "target"  # (0.11) "لقي 22 مسلحا من تنظيم داعش مصرعهم"
    if last in _PARTICIPANT_BEFORE or last2 in _PARTICIPANT_BEFORE and last in ("وفد", "ممثلي", "ممثلين"):
        return "participant"
    return None


def role_for(folded: str, mention: ActorMention, trig_start: int, trig_end: int, clause_start: int,
             others: list[ActorMention] | tuple = ()) -> str | None:
    """Role of an actor mention relative to a trigger in the same sentence.

    before the trigger: preceded by على/ضد/استهدف/مواقع... -> target; by مع/بين -> participant;
    otherwise the subject -> initiator. After the trigger: right after it (construct state,
    "غارات التحالف", "هجوم الجيش السوري") or after شنها/نفذها/من قبل -> initiator; after
    على/ضد/استهدف/مواقع -> target; after مع/بين -> participant; else None.
    Mentions governed by "سيطرة"/"تسيطر عليها"/"المتحدث باسم" get None (they qualify a place
    or a speaker, not the event).

    0.11, with ``others`` (the other actor mentions of the sentence): an agent marker in the gap
    ("برصاص"، "على يد"، "شنه عليه") -> initiator; after a finite-verb trigger, the actor right after
    it is its object (target) when the clause has a subject before the verb, and an actor right
    after the verb's subject is its object ("ضبطت الاجهزة الامنية الكويتية شبكة ارهابية"); a
    verbal noun of arrest/execution/evacuation takes its patient as genitive ("اعتقال القيادي").
    """
    if others:
        # (0.11) a conjunct takes the role of the actor it is joined to ("ضد تنظيمي داعش وحزب العمال
        # الكردستاني"، "تستهدف قوات الجيش والشرطة")
        prev = [o for o in others if o is not mention and o.end <= mention.start and o.start >= clause_start]
        if prev:
            o = max(prev, key=lambda x: x.end)
            gap = folded[o.end : mention.start]
            if folded[mention.start - 1 : mention.start] == "و" and _CONJ_GAP.fullmatch(gap[:-1]) \
                    or gap.strip() in ("،", ","):
                return role_for(folded, o, trig_start, trig_end, clause_start, others)
    return _own_role(folded, mention, trig_start, trig_end, clause_start, others)


def _own_role(folded: str, mention: ActorMention, trig_start: int, trig_end: int, clause_start: int,
              others) -> str | None:
    marked = _marked_before(folded, mention, clause_start)
    if marked == "none":
        return None
    if mention.end <= trig_start:
        gap = folded[mention.end : trig_start]
        if ":" in gap:
            return None  # (0.11) a speaker / headline label ("السعودية: سقوط مقذوف")
        if len(_words(gap)) > _MAX_SUBJECT_GAP:
            return None  # (0.11) too far before the act to be its subject
        if _SUBJECTED.search(gap) or _SUBJECTED.search(folded, max(clause_start, mention.start - 12), mention.start):
            return "target"  # (0.11) "تعرضت دورية الامن لاطلاق نار"، "القنصلية ... تتعرض لاطلاق نار"
        m_ann = _ANNOUNCE_VERB.search(gap)
        if m_ann and len(_words(folded[mention.end + m_ann.end() : trig_start])) > 2:
            return None  # (0.11) "القوات المسلحة الاماراتية تعلن استشهاد 3 من جنودها ...": the announcer
        if _STANCE_VERB.search(gap) or _THAT_WORD.search(gap):
            # (0.11) "واشنطن تصف مقتل ..."؛ the subject of the main clause when the act is in its
            # "أن" clause ("قالت حركة المقاومة ... إن القوى الانفصالية اعتقلت")
            return None
        if _STANCE_VERB.search(folded, max(clause_start, mention.start - 12), mention.start):
            return None  # (0.11) subject of a speech/stance verb: "نددت الولايات المتحدة ... بالهجوم"
        head = folded[clause_start : mention.start]
        if _CALL_BEFORE.search(head) and not re.search(r"(?<!\w)(?:ان|بان)(?!\w)", folded[clause_start:trig_start]):
            return None  # (0.11) addressee of a call
        if _RELATIVE_BEFORE.search(head[-40:]):
            return None  # (0.11) inside a relative clause before the act
    if marked:
        return marked
    bare = _bare_start(folded, mention)
    between = _words(folded[trig_end:bare])
    if folded[bare : mention.start].endswith("ل") and not (mention.start >= trig_end and not between):
        return "target"  # "ل" + actor away from the trigger: "مواقع للحوثيين"، "عنصرا من القيادات الوسطى للإخوان"
    if mention.end <= trig_start:
        return "initiator"
    trig = folded[trig_start:trig_end]
    between_actor = [o for o in others if o is not mention and trig_end <= o.start and o.end <= mention.start]
    if not between_actor and len(between) <= 4 and any(w in _AGENT_MARK for w in between):
        return "initiator"
    if len(between) <= 1 and not (between and between[0] in _TARGET_BEFORE):
        if others and _is_verb(trig) and any(
                o is not mention and clause_start <= o.start and o.end <= trig_start and trig_start - o.end <= 40
                and _marked_before(folded, o, clause_start) is None for o in others):
            return "target"  # SVO: "الكويت تضبط شبكة"
        if not between and _is_verb(trig) and re.match(r"^[وف]?[تي]", trig) and _word_before_is_subject(folded, trig_start, clause_start):
            return "target"  # (0.11) "الكويت تضبط شبكة ارهابية": an imperfect verb after its subject takes an object
        if not between and _PATIENT_NOUN.match(trig.split(" ")[0]):
            return "target"  # "اعتقال القيادي"
        return "initiator"
    if between and (between[-1] in _INITIATOR_AFTER_TRIGGER or (len(between) > 1 and between[-2] == "من" and between[-1] == "قبل")):
        return "initiator"
    if between_actor and _is_verb(trig):
        subj = between_actor[0]
        if len(_words(folded[trig_end : subj.start])) <= 1 and len(_words(folded[between_actor[-1].end : mention.start])) <= 1:
            return "target"  # VSO: verb, subject, object
    pw = _words(folded[max(clause_start, mention.start - 40) : mention.start])
    last2 = pw[-2] if len(pw) > 1 else ""
    if last2 in _TARGET_BEFORE:
        return "target"
    if pw and pw[-1] == "من" and _FROM_TARGET_VERB.match(trig.split(" ")[0]) and len(between) <= 12:
        return "target"  # (0.11) "حررت وحدات حماية الشعب بلدة صرين من تنظيم داعش"
    return None
