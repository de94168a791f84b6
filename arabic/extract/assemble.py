"""From an article to events: triggers + context + modality -> events with actors, places,
date, casualties and source, merged within the article.

Pipeline for one article (see README.md for the rules and their reasons):

1. ``clean_article`` (the fields of ``normalize_article`` needed here) or the precomputed
   ``normalized``, diacritics stripped -> ``base``;
   ``fold(base)`` -> ``folded`` (same length: spans are shared).
2. Whole-text scans, once each: triggers, dates; numbers per candidate sentence.
3. Per sentence (the dateline is not part of the first sentence): keep the triggers whose
   context fits (weak triggers need conflict context) and that are reported as events
   (:mod:`modality`), and find casualty counts. With neither in any sentence the article has
   no event: actors, places and sources are not scanned. Otherwise actors and places
   (gazetteer) are scanned once; each sentence with kept triggers is split into clauses;
   one event per (clause, type).
4. Clause attachments: places, casualties and dates of a clause go to its events; a clause
   without a trigger continues the previous event of the sentence, except a clause that
   names its own place AND its own casualties ("بينها بلدة زملكا حيث قتل 25 مدنيا"), which
   becomes a sub-event of the same type there.
5. Merge within the article: same type and (overlapping places or both without places) and
   compatible dates (equal or one missing); an event with neither place nor date ("واسفر
   القصف عن ...") is an anaphoric mention of the latest event of its type and merges into it.
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice

from arabic.dates import DateMatch, find_dates
from arabic.normalize import clean_article
from arabic.numbers import NumberMatch, find_numbers
from arabic.places.gazetteer import Gazetteer

from . import modality
from .actors import ANNOUNCE_VERBS, ActorMention, find_actors, find_protesters, role_for
from .attribution import clean_phrase, find_attributions
from .casualties import CasualtyFact, find_casualties
from .casualties import _group_of as casualties_group
from .sentences import Sentence, fold, split_clauses, split_sentences, strip_marks
from .triggers import AIR_CUE_RE, CONFLICT_CUE_RE, OFFTOPIC_CUE_RE, PROTEST_CUE_RE, Trigger, find_triggers

__all__ = ["extract_article", "parse_published", "render"]

_BOMBARD = ("airstrike", "shelling")
_BARE_QASF = re.compile(r"^(?:قصف|يقصف|تقصف|قصفت|قصفوا)")
_LOCATIVE = frozenset(fold(w) for w in (
    "في الى إلى من داخل شمال جنوب شرق غرب شمالي جنوبي شرقي غربي قرب بالقرب انحاء أنحاء اراضي أراضي حدود مدن "
    "مناطق محافظات عاصمة العاصمة ارجاء أرجاء عبر باتجاه نحو اتجاه اجواء أجواء سماء وسط"
).split())
_MUNDH = re.compile(r"^[وف]?منذ\s+")
_CONFLICT_ARTICLE_MIN = 4
_NOT_EVENT_BEFORE = re.compile(r"(?:شديده|شديد|قابله|قابل|سريعه|سريع)\s+(?:ال|لل)?$")
# a date inside a name is not a date: "شارع 26 سبتمبر", "ثورة 14 اكتوبر"
_NAME_BEFORE_DATE = re.compile(r"(?:شارع|ثوره|جامعه|مستشفي|ميدان|ساحه|جسر|حركه|مدرسه|ذكري|جبهه|عين|صحيفه|جريده|موقع)\s*[«\"]?$")
# (0.8) "عين اليوم – تبوك": "اليوم" in a newspaper name ("عين اليوم"، "صحيفة اليوم") is not a date
_MAX_AGE_DAYS = 366
_CAS_HINT = re.compile(r"قتل|قتيل|مقتل|مصرع|حتف|استشهد|استشهاد|شهيد|اصيب|اصاب|مصاب|جرح|جريح")
_AIRCRAFT_OBJECT = re.compile(
    r"(?<!\w)[وفبل]?(?:ال)?(?:صنع|صنعت|يصنع|تصنيع|صناعه|بناء|تطوير|طور|شراء|اشترت|اشتري|صفقه|بيع|باعت|تسليم|تسلم|تسلمت|امتلاك|تمتلك|يمتلك"
    r"|نشر|نشرت|ينشر|ارسال|ارسلت|نقل|عرض|معرض|تجربه|اختبار|رصد|رصدت|مشاهده|اسقاط|اسقطت|اسقطوا|استهداف|تدمير|دمرت|فيديو|صور|صوره|شريط|مقطع)"
    r"(?:\s+\S+)?\s+(?:ل|ال|لل)?$"
)
_CRASH_BEFORE = re.compile(r"(?:حادث(?:ه)?|حوادث|هبوط(?:ا)? اضطراري(?:ا)?|تحطم(?:ت)?|سقوط|سقطت|اسقاط|اسقطت)\s+(?:ل|ال)?$")


# site tags at the end of an article ("سمات الحوثيين الشرعية اليمن حصار صنعاء"): keywords,
# not sentences
_TAGS_RE = re.compile(r"(?:^|(?<=[.!?؟\n»\"]))\s*سمات\s+[^.!?؟\n]{0,400}$")
# generic attack words: "الهجوم/الهجمات" in a sentence that names a more specific attack
# ("نفذوا 41 ضربة جوية ... وان الهجمات ركزت على") refer to that act
_GENERIC_ATTACK = re.compile(r"^(?:هجوم|هجمات|هجمه|هاجم|يهاجم|تهاجم|هجومها|هجومه|هجومهم|هجوما|هجومين)$")
_DEMONSTRATIVE_BEFORE = re.compile(r"(?<!\w)(?:هذا|ذلك|هذه|تلك)\s+$")
_SPECIFIC_ATTACK = frozenset({"airstrike", "shelling", "bombing", "killing"})
# 0.7: "مباحثات" is the word of bilateral diplomatic meetings: a negotiation only with a conflict
# cue in its own sentence; talks about a government coalition, a nuclear file, trade, debt, wages
# or a player's contract are not conflict negotiations
_DIPLO_TALKS = re.compile(r"^(?:مباحثات)$")
# bilateral diplomacy: "محادثات مع نظيره الكيني"، "مباحثات ثنائية ... بين البلدين الشقيقين"
_BILATERAL = re.compile(r"(?<!\w)[وفبل]?(?:ال)?(?:نظير(?:ه|ها|يه|تها|هم)|ثنائي(?:ه)?|البلدين|الشقيقين|الصديقين|التعاون)(?!\w)")
_TALKS_PARTY = re.compile(
    r"(?<!\w)[وفبل]?(?:ال|لل)?(?:سلام|هدنه|اطلاق النار|تسويه|حوثي\w*|طالبان|المعارضه|متمرد\w*|انفصالي\w*|الاكراد|حماس"
    r"|انقلابي\w*|مسلح\w*|فصائل|النزاع|الصراع|المتحاربه|المتنازعه|الاسرى|الرهائن|المختطفين|الاطراف|الفرقاء|جنيف)(?!\w)"
)
_OFFTOPIC_TALKS = re.compile(
    r"\s+(?:\S+\s+)?(?:ال)?(?:ائتلاف|ايتلاف|تشكيل|الحكومه الجديده|التعديل|الوزاري|نووي|النووي|النوويه|نوويه|تجاري|تجاريه|التجاره|التجاريه"
    r"|الانقاذ|انقاذ|مالي|ماليه|جماعيه|العقد|عقد|التجديد|الانضمام|المناخ|انضمام)(?!\w)"
)
_ADJ_FOLLOW = re.compile(r"\s*(?:$|[.,،؛:)(«»\"]|(?:في|منذ|داخل|قرب|شمال\S*|جنوب\S*|شرق\S*|غرب\S*|و\S+ه)(?!\w)|[بل](?!\S*(?:مدين|بلد|قري|منطق)))")
# an indefinite plural noun (+ adjective) right before: "اربع بلدات (شيعيه) محاصره"
_ADJ_NOUN_BEFORE = re.compile(r"(?<!\w)(?!(?:ال|مازالت|لازالت|كانت|باتت|اصبحت|ظلت|بقيت))\S+ات(?:\s+\S+)?\s+$")
_RAIDS = re.compile(r"^(?:\S+ )?(?:ال)?مداهم")
# 0.7: "في عملية أمنية ... ايقاف/القبض على": the security operation IS the arrest, not a clash
_SECURITY_OP = re.compile(r"(?:عمليه|عمليات|حمله|حملات) (?:ال)?امني")
_KILL_HINT = re.compile(r"(?<!\w)[وف]?(?:قتل|مقتل|قتلى|قتيل|مصرع|اشتباك|اشتباكات|تبادل|مواجهات|اصابه|اصيب)\w*")


def _has_matches(rx: re.Pattern, text: str, n: int) -> bool:
    """True when ``rx.finditer(text)`` yields at least ``n`` matches (stops at the n-th)."""
    return sum(1 for _ in islice(rx.finditer(text), n)) >= n


def _cut_tags(body: str) -> str:
    m = _TAGS_RE.search(body[-450:]) if body else None
    if m is None:
        return body
    return body[: len(body) - 450 + m.start()] if len(body) > 450 else body[: m.start()]


@dataclass
class _Event:
    type: str
    trig: Trigger
    sent_start: int
    sent_end: int
    places: list = field(default_factory=list)  # PlaceMatch
    actors: list = field(default_factory=list)  # (ActorMention, role)
    casualties: list = field(default_factory=list)  # CasualtyFact
    date: _dt.date | None = None
    date_text: str | None = None
    reported_by: str | None = None
    core: set = field(default_factory=set)  # starts of places close to the trigger in its own clause (0.9)


def parse_published(value) -> _dt.datetime | None:
    """ISO string, "YYYY-MM-DD HH:MM:SS", date or datetime -> datetime (None if unreadable)."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value
    if isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day)
    s = str(value).strip()
    if s.endswith("Z"):
        s = s[:-1] + "+00:00"
    try:
        return _dt.datetime.fromisoformat(s)
    except ValueError:
        pass
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%a, %d %b %Y %H:%M:%S %z"):
        try:
            return _dt.datetime.strptime(s, fmt)
        except ValueError:
            continue
    return None


def _get(obj, name):
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def _dateline_end(base: str, dateline: str | None) -> int:
    """End of the dateline prefix ("بيروت - ") when the article starts with it, else 0."""
    if not dateline:
        return 0
    m = re.match(r"\s*" + re.escape(dateline) + r"[^\n]{0,40}?\s[-–—:]\s*", base)
    if m:
        return m.end()
    m = re.match(r"\s*" + re.escape(dateline) + r"\s*[-–—:]\s*", base)
    if m:
        return m.end()
    return 0


def extract_article(article: dict) -> tuple[str, list[_Event]]:
    """(text the spans index, events) of one article; render each event with :func:`render`."""
    text = article.get("text") or ""
    title = article.get("title") or ""
    norm = article.get("normalized")
    if norm is None:
        if not text.strip():
            return "", []
        norm = clean_article(title, text)  # the fields of normalize_article used here
    if _get(norm, "language") != "ar":
        return "", []
    clean = _get(norm, "clean_text") or ""
    if not clean.strip():
        return "", []
    published = parse_published(article.get("published"))
    # the title is part of the input (its counts belong to the main event): it is the first
    # "sentence", followed by the body; spans index title + "\n" + body
    ctitle = strip_marks((_get(norm, "clean_title") or "").replace("\n", " ")).strip()
    body = _cut_tags(strip_marks(clean))
    head = ctitle + "\n" if ctitle else ""
    base = head + body
    folded = fold(base)
    dl_end = len(head) + _dateline_end(body, _get(norm, "dateline"))

    # ---- whole-text scans
    triggers = find_triggers(folded)
    if not triggers and not _CAS_HINT.search(folded):
        return base, []
    conflict_article = _has_matches(CONFLICT_CUE_RE, folded, _CONFLICT_ARTICLE_MIN)
    article_dates = _ArticleDates(base, published)
    pub_year = published.year if published else None
    sentences = ([Sentence(0, len(ctitle), ctitle)] if ctitle else []) + split_sentences(base, dl_end)
    trig_starts = [t.start for t in triggers]

    # ---- per sentence: accepted triggers and casualty counts (no actors, places or sources
    # needed); with neither anywhere the article has no event and the rest is skipped
    analysed = [
        _analyse_sentence(base, folded, sent, triggers[bisect_left(trig_starts, sent.start) : bisect_left(trig_starts, sent.end)],
                          conflict_article, article_dates, pub_year)
        for sent in sentences
    ]
    if not any(a is not None and (a[0] or a[1]) for a in analysed) and not _KILL_VERB.search(folded):
        return base, []

    actors = find_actors(folded)
    gaz_found = Gazetteer.default().find(base)
    places = _places(base, folded, len(head), dl_end, actors, gaz_found)
    actors = [a for a in actors if not any(p.start <= a.start < p.end for p in places)
              and not (a.actor.kind == "state" and _state_in_place_phrase(folded, a))]
    dates = [d for d in article_dates.all if d.date is not None and d.kind in ("absolute", "relative", "weekday", "since")
             and not _NAME_BEFORE_DATE.search(folded[max(0, d.start - 12) : d.start])]
    # a date in the dateline ("المنامة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس") dates the
    # dispatch, not an act (0.8)
    dates = [d for d in dates if not (len(head) <= d.start < dl_end)]
    place_starts = [p.start for p in places]
    actor_starts = [a.start for a in actors]
    known_sources: list[str] = []
    events: list[_Event] = []
    orphans: list[tuple[int, list[CasualtyFact], int, int]] = []  # counts in sentences without a trigger
    first_orphan = None  # (sentence, counts, attributions, actors) of the first count before any event
    kill_cands = []  # (0.10) sentences with a killing verb and no violent act: (sentence, counts, attributions, actors, index)

    for sent, sa in zip(sentences, analysed):
        lo, hi = sent.start, sent.end
        s_actors = actors[bisect_left(actor_starts, lo) : bisect_left(actor_starts, hi)]
        # every sentence, in order: known_sources resolves short references of later ones
        attributions = find_attributions(base, folded, lo, hi, s_actors, known_sources)
        if sa is None:
            continue
        cas, kept = sa
        if not any(et in _VIOLENT for _, et in kept) and _KILL_VERB.search(folded, lo, hi):
            kill_cands.append((sent, cas, attributions, s_actors, len(events)))
        if not kept:
            if cas:
                orphans.append((len(events), cas, lo, hi))
                if not events and first_orphan is None:
                    first_orphan = (sent, cas, attributions, s_actors)
            continue
        s_places = places[bisect_left(place_starts, lo) : bisect_left(place_starts, hi)]
        s_dates = [d for d in dates if lo <= d.start < hi]
        attr_spans = [(a.start, a.end) for a in attributions]
        s_actors = [a for a in s_actors if a.actor.kind != "media" and (
            not any(s <= a.start < e for s, e in attr_spans) or _announces_own_act(folded, a, kept))]
        reported_by = attributions[0].text if attributions else None
        events.extend(_sentence_events(folded, sent, kept, s_places, s_actors, cas, s_dates, reported_by))
    # an article that only reports fighters/soldiers killed ("مقتل 12 مسلحا في ... بسيناء"),
    # with no act named: the count states an armed clash (gold/GUIDELINES.md)
    if not events and first_orphan is not None:
        ev = _casualty_event(folded, first_orphan, places, place_starts, dates, pub_year)
        if ev is not None:
            events.append(ev)
            orphans = [(1, c, a, b) for _, c, a, b in orphans if c is not first_orphan[1]]
    # (0.10) an article whose only violent news is a killing verb ("قتلت مجموعة من القرويين خمس
    # نساء"، "مقتل شاب برصاص"، "لقي حتفه"): the first such reported killing is an event
    if kill_cands and not any(e.type in _VIOLENT for e in events):
        for sent, cas, attributions, s_actors, idx in kill_cands:
            ev = _kill_event(folded, sent, cas, attributions, s_actors, places, place_starts, dates, pub_year)
            if ev is None:
                continue
            ids = {id(c) for c in ev.casualties}
            for other in events:
                other.casualties = [c for c in other.casualties if id(c) not in ids]
            events.insert(idx, ev)
            orphans = [(i + (i >= idx), c, a, b) for i, c, a, b in orphans if not (a == sent.start)]
            break
    # a count reported in a sentence of its own ("وقتل 3 جنود") belongs to the act reported
    # just before it (else just after it); with no event in the article it is dropped
    # (0.8) only a violent act takes a toll: an arrest, talks or a protest reported next to an
    # accident's deaths ("ضبطت قائد الصندل" after "لقي 21 شخصا مصرعهم") does not
    for idx, cas, o_lo, o_hi in orphans:
        order = list(range(idx - 1, -1, -1)) + list(range(max(idx, 0), len(events)))
        target = next((events[i] for i in order if events[i].type in _VIOLENT), None)
        if target is not None:
            target.casualties.extend(cas)
            # (0.9) the sentence that reports the toll of that act also names where it was
            # ("نفذت ... عملية استهدفت تجمعات التنظيم في منطقة الحامضية ... مما أسفر عن مقتل 22"):
            # its towns join the act when they are in the act's country
            ccs = {p.place.country for p in target.places}
            names = {p.place.name for p in target.places}
            for p in places[bisect_left(place_starts, o_lo) : bisect_left(place_starts, o_hi)]:
                if p.place.kind in ("city", "district") and ccs and p.place.country in ccs and p.place.name not in names:
                    target.places.append(p)
                    names.add(p.place.name)
    _share_sentence_places(events)
    _title_from_lead(events, sentences, len(ctitle) if ctitle else 0, len(head), places, place_starts)
    merged = _merge(_drop_anaphoric_attacks(folded, _age_filter(events, published)))
    if ctitle and analysed and analysed[0] is not None and not analysed[0][1]:
        _title_places(merged, [t for t in triggers if t.end <= len(ctitle)], places[: bisect_left(place_starts, len(ctitle))])
    _fill_country(merged, gaz_found, len(head), dl_end)
    _carry_lead_date(merged, base, folded, len(ctitle) if ctitle else 0, article_dates.all, dates, published)
    return base, merged


def _drop_anaphoric_attacks(folded: str, events: list[_Event]) -> list[_Event]:
    """A definite generic attack word ("الهجوم الإرهابي الغادر"، "هذا الهجوم") after a specific
    act of the article (a bombing, an airstrike ...) refers back to it, as inside one sentence
    (0.3): it is no separate armed clash; its places and counts go to that act (0.8)."""
    out: list[_Event] = []
    for e in events:
        if e.type == "armed_clash" and _GENERIC_ATTACK.match(folded[e.trig.start:e.trig.end]) \
                and (folded[e.trig.start - 2 : e.trig.start] == "ال" or _DEMONSTRATIVE_BEFORE.search(folded, max(0, e.trig.start - 8), e.trig.start)):
            prev = next((x for x in reversed(out) if x.type in _SPECIFIC_ATTACK), None)
            same = prev is not None and (e.date is None or prev.date is None or e.date == prev.date) \
                and (all(p.place.name in {q.place.name for q in prev.places} or p.place.kind == "country" for p in e.places)
                     or all(q.place.kind == "country" for q in prev.places)
                     and {p.place.country for p in e.places} <= {q.place.country for q in prev.places})
            if same:  # another date or country ("الهجوم الذي وقع في سوروتش في 20 يوليو") is another attack
                names = {p.place.name for p in prev.places}
                prev.places.extend(p for p in e.places if p.place.name not in names)
                prev.casualties.extend(e.casualties)
                if prev.date is None and e.date is not None:
                    prev.date, prev.date_text = e.date, e.date_text
                continue
        out.append(e)
    return out


def _share_sentence_places(events) -> None:
    """An act whose clause names no place happened where the other act of its sentence did
    ("هاجمت محطة ... في مدينة معبر بمحافظة ذمار، جنوب صنعاء، بعبوة ناسفة") — unless an act of
    its type was reported before: then it is an anaphor ("كما جاء قرار وقف النار") and merges."""
    seen: set[str] = set()
    for e in events:
        if not e.places and e.type not in seen:
            placed = [x for x in events if x.places and x.sent_start == e.sent_start]
            if placed:
                e.places.extend(min(placed, key=lambda x: abs(x.trig.start - e.trig.start)).places)
        seen.add(e.type)


def _title_from_lead(events, sentences, title_end: int, body_start: int, places, place_starts) -> None:
    """The title summarises the lead: a title event naming no town (nothing, a country, or a
    region the lead names again) also takes the places of the first body sentence when that
    sentence gave no event of its own ("مقتل 12 مسلحا ... بسيناء" / "قتل 12
    مسلحا في حملة مداهمات ... بمدينة الشيخ زويد التابعة لمحافظة شمال سيناء")."""
    if not title_end or not events:
        return
    lead = next((x for x in sentences if x.start >= body_start and len(x.text.split()) >= 6), None)
    if lead is None or any(lead.start <= e.trig.start < lead.end for e in events):
        return
    l_places = places[bisect_left(place_starts, lead.start) : bisect_left(place_starts, lead.end)]
    if not l_places:
        return
    l_texts = " ".join(fold(p.text) for p in l_places)
    for e in events:
        if e.sent_end <= title_end:
            # only for a title without a specific place, or one the lead names again ("بسيناء" /
            # "شمال سيناء"): a lead about another place reports another act
            own = [p for p in e.places if p.place.kind != "country"]
            if any(p.place.kind not in ("region", "province") for p in own):
                continue  # the title already names the town of the act
            if own and not any(fold(_bare(p.text)) in l_texts for p in own):
                continue
            names = {p.place.name for p in e.places}
            e.places.extend(p for p in l_places if p.place.name not in names)


def _title_places(events, title_trigs, t_places) -> None:
    """(0.9) A title whose trigger is not itself reported as an act ("مجلس الوزراء البحريني يدين
    التفجير الإرهابي بمسجد الطوارئ بعسير") still names the place of the act the body reports:
    its towns/regions go to the article's first event of that type when that event names no town
    (nothing or only a country) and they are in that country."""
    spec = [p for p in t_places if p.place.kind != "country"]
    if not spec or not title_trigs:
        return
    for ttype in dict.fromkeys(t.type for t in title_trigs):
        ev = next((e for e in events if e.type == ttype), None)
        if ev is None or any(p.place.kind != "country" for p in ev.places):
            continue  # the body names the act's own town: the title's region adds nothing
        ccs = {p.place.country for p in ev.places}
        names = {p.place.name for p in ev.places}
        for p in spec:
            if p.place.name not in names and (not ccs or p.place.country in ccs):
                ev.places.append(p)
                names.add(p.place.name)


def _fill_country(events: list[_Event], gaz_found: list, dl_start: int, dl_end: int) -> None:
    """An event whose sentence names no place happened in the article's country: the country
    named most often (states in actor position included: "تركيا تعتقل 251"), outside the
    dateline; its first mention is the location (gold: a country when nothing more specific)."""
    if not events or all(e.places for e in events):
        return
    found = [p for p in gaz_found if not (dl_start <= p.start < dl_end)]
    by_cc: dict[str, list] = {}
    for p in found:
        if p.place.country:
            by_cc.setdefault(p.place.country, []).append(p)
    if not by_cc:
        return
    best = max(by_cc.values(), key=len)
    if len(by_cc) > 1 and sorted((len(v) for v in by_cc.values()), reverse=True)[1] == len(best):
        return  # no dominant country
    country = next((p for p in best if p.place.kind == "country"), None)
    if country is None:
        return
    # (0.9) in an article whose located acts all share one place set (a single main place), the
    # unlocated act happened there, not just somewhere in the country ("تم القبض على شخصين" in a story of a shooting "ببلدة الجش بمحافظة القطيف")
    cc = country.place.country
    first = next((e for e in events if any(p.place.kind != "country" and p.place.country == cc for p in e.places)), None)
    main = [p for p in first.places if p.place.kind != "country" and p.place.country == cc] if first is not None else []
    main_names = {p.place.name for p in main}
    if any(p.place.kind != "country" and p.place.name not in main_names for e in events for p in e.places):
        main = []  # several located acts: no single main place to fall back on
    for e in events:
        if not e.places:
            e.places.extend(main or [country])


# a later sentence that reports earlier background ("وكانت ... قد", "يذكر أن") keeps no date
# "أصدرت وزارة الداخلية اليوم بيانا بشأن تنفيذ ..."، "أعلنت الشرطة أمس القبض على ...": a day word
# right after a statement verb (and its subject) dates the statement, not the act; so does one
# after a meeting/visit verb ("الجلسة التي عقدها المجلس اليوم"، "استقبل ... اليوم") (0.8)
_ANNOUNCE_BEFORE = re.compile(
    r"(?<!\w)[وفب]?(?:اصدر|اصدرت|اعلن|اعلنت|اعلنوا|ذكر|ذكرت|قال|قالت|صرح|صرحت|افاد|افادت|اوضح|اوضحت|اكد|اكدت|نشر|نشرت|بثت|بث"
    r"|بيان|بيانا|تصريح|تصريحات|تصريحا|مؤتمر|كلمه|جلسته|جلستها|عقد|عقدت|عقدها|عقده|ترأس|تراس|استقبل|التقي|زار|تفقد)"
    r"(?:\s+[^\s،,.؛:]+){0,3}\s+$"
)


def _announcement_date(folded: str, d, lo: int) -> bool:
    """Day-level date expression governed by a statement verb just before it."""
    return d.kind in ("relative", "weekday") and bool(_ANNOUNCE_BEFORE.search(folded, max(lo, d.start - 60), d.start))


_TRIAL_BEFORE = re.compile(r"(?<!\w)[وفبل]?(?:ال)?(?:محاكم(?:ه|ته|تهم)|يحاكم|تحاكم|المتهم(?:ين|ون)?)(?!\w)")
_BACKGROUND_START = re.compile(r"^[\s\"«]*(?:[وف]?(?:كان|كانت|كانوا|يذكر|يشار|تجدر|سبق|سبقت)|يذكر|ويذكر)(?!\w)")


def _carry_lead_date(events, base, folded, title_end, all_dates, dates, published) -> None:
    """The act of a later sentence with no date expression of its own is dated by the lead:
    the first sentence carrying a day-level date (اليوم، أمس، a weekday) near publication
    ("بدأت حملة أمنية اليوم الجمعة ... وذكر المكتب أن 251 شخصا اعتقلوا")."""
    if published is None or not events:
        return
    lead = None
    for d in dates:
        if d.kind in ("relative", "weekday") and 0 <= (published.date() - d.date).days <= 2 \
                and not _announcement_date(folded, d, max(0, d.start - 80)):
            lead = d
            break
    if lead is None:
        return
    for e in events:
        in_title = e.sent_end <= title_end
        if e.date is not None or (e.trig.start < lead.start and not in_title) or e.type == "negotiation":
            continue
        lo, hi = e.sent_start, e.sent_end
        if any(lo <= d.start < hi for d in all_dates) or _BACKGROUND_START.match(folded, lo):
            continue
        if re.search(r"(?<!\w)(?:قد|منذ)(?!\w)", folded[lo:hi]):
            continue
        if _TRIAL_BEFORE.search(folded, lo, e.trig.start):
            continue  # "تبدأ بمحاكمة المتهمين بتفجير المسجد": the trial's day is not the act's (0.8)
        e.date, e.date_text = lead.date, lead.text


class _ArticleDates:
    """Date expressions of an article text (:func:`arabic.dates.find_dates` against
    ``published``; none without it), found on first use: articles without counts or
    accepted triggers never need them."""

    def __init__(self, base: str, published: _dt.datetime | None) -> None:
        self._base, self._published = base, published

    @cached_property
    def all(self) -> list[DateMatch]:
        """All date matches of the text, in text order."""
        return find_dates(self._base, self._published) if self._published else []

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of every date match."""
        return [(d.start, d.end) for d in self.all]


def _analyse_sentence(
    base: str,
    folded: str,
    sent: Sentence,
    ts: list[Trigger],
    conflict_article: bool,
    article_dates: _ArticleDates,
    pub_year: int | None,
) -> tuple[list[CasualtyFact], list[tuple[Trigger, str]]] | None:
    """Casualty counts and accepted (trigger, event type) pairs of one sentence.

    ``ts`` are the triggers inside the sentence; numbers inside the article's dates are not
    counts (the dates are only looked up when the sentence has numbers). Returns None for a sentence with neither
    a trigger nor a casualty word (nothing to report), else ``(counts, kept)``: a generic
    definite attack word ("الهجمات") is dropped when the sentence names a specific attack.
    """
    lo, hi = sent.start, sent.end
    if not ts and not _CAS_HINT.search(folded, lo, hi):
        return None
    numbers = [NumberMatch(n.start + lo, n.end + lo, n.value, n.text) for n in find_numbers(base[lo:hi])]
    cas = find_casualties(folded, numbers, lo, hi, article_dates.spans if numbers else ())
    kept: list[tuple[Trigger, str]] = []
    why: dict = {}
    list_from = None  # end of a trigger rejected as relative/generic: its coordinated list follows
    for t in ts:
        why.clear()
        if list_from is not None and _COORD_BEFORE.search(folded, max(list_from, t.start - 25), t.start) \
                and (folded[t.start - 2 : t.start] == "ال" or _LIST_NOUN.match(folded[t.start:t.end].split()[0])) \
                and not _LIST_BREAK.search(folded, list_from, t.start):
            list_from = t.end  # "التي شملت القصف العشوائي ...، والقصف المباشر ...، فضلا عن الحصار" (0.8)
            continue
        etype = _accept(t, folded, lo, hi, conflict_article, cas, pub_year, why)
        if etype:
            kept.append((t, etype))
            list_from = None
        elif why.get("reason") in ("relative", "generic"):
            list_from = t.end
    if any(et == "arrest" for _, et in kept) and not _KILL_HINT.search(folded, lo, hi):
        kept = [(t, et) for t, et in kept
                if not (et == "armed_clash" and _SECURITY_OP.match(folded, t.start))]
    if any(et in _SPECIFIC_ATTACK for _, et in kept):
        kept = [(t, et) for t, et in kept
                if not (et == "armed_clash" and _GENERIC_ATTACK.match(folded[t.start:t.end])
                        and folded[t.start - 2 : t.start] == "ال")]
    return cas, kept


# a trigger coordinated with one rejected as a relative clause / generic mention shares its fate:
# a conjunction right before it, and no full stop, colon or new clause opener in between (0.8)
_COORD_BEFORE = re.compile(r"(?:(?<!\w)و|(?<!\w)و\S+\s+|فضلا عن\s+(?:\S+\s+)?|اضافه الي\s+|بالاضافه الي\s+|علاوه علي\s+)(?:ال|لل)?$")
# only nouns continue such a list (definite "والقصف"، "الحصار"، plural "وإعدامات"), not a new verb ("وقصفت")
_LIST_NOUN = re.compile(r"(?:\S*ات|\S*ين)$")
_LIST_BREAK = re.compile(r"[.:؛!?؟]|(?<!\w)(?:كما|بينما|حيث|فيما|وقال|واضاف|واكد|واوضح|واشار|لكن|ولكن)(?!\w)")
_SHOOTING = re.compile(r"(?:ا)?طلاق (?:ال)?نار|اطلق(?:ت|وا)? (?:ال)?نار|(?:فتح(?:ت|وا|ا)?|يفتح|تفتح) (?:\S+ ){0,2}?(?:ال)?نار")
# security forces and posts, shared by _SECURITY_TARGET and _SECURITY_SIDE
_SECURITY_WORDS = r"دوري(?:ه|ات|ته)|امن(?:يه|يين)?|جيش|جنود|عسكري\w*|قوات|حاجز|نقطه|كمين|مسلح\w*|اشتباك\w*|مركز|قنصلي\w*|سفار\w*"
_SECURITY_TARGET = re.compile(rf"(?<!\w)[وفبل]?(?:ال|لل)?(?:{_SECURITY_WORDS}|شرط(?:ه|ي)|جندي)(?!\w)")
_CLASH_GROUPS = frozenset({"fighters", "soldiers"})
_VIOLENT = frozenset({"airstrike", "shelling", "bombing", "armed_clash", "killing", "siege"})
_VIOLENT_OR_ARREST = _VIOLENT | {"arrest"}  # (0.11) an organisation (UN, Amnesty, Red Cross) never initiates these
_SHOOTING = re.compile(_SHOOTING.pattern + r"|(?:طلق(?:ات|ه|تين)|اعير(?:ه)?|عيار(?:ات|ا)?) (?:ال)?ناري")
# police / crime words that make a shooting trigger acceptable without a war cue (0.8)
_CRIME_CUE = re.compile(
    r"(?<!\w)[وفبل]?(?:ال|لل)?(?:شرط(?:ه|ي|يا|يين)|الجاني|جاني|جناه|مجهول(?:ين|ون)?|مسدس|بندقي(?:ه)?|رشاش|سلاح|امن(?:يه|يا|يين)?|متهم(?:ين)?|مشتبه|مطلوب(?:ين)?)(?!\w)"
)
# _SECURITY_TARGET plus plural/dual forms of police and soldiers ("الشرطيين"، "جنديين بحرينيين")
_SECURITY_SIDE = re.compile(
    rf"(?<!\w)[وفبل]?(?:ال|لل)?(?:{_SECURITY_WORDS}|شرط(?:ه|ي|يا|يين|يان|يون)|جندي(?:ا|ين|ان)?|ضابط(?:ا|ين|ان)?|ضباط)(?!\w)"
)
_ARMED = re.compile(r"(?<!\w)[وفبل]?(?:ال|لل)?(?:اشتباك\w*|كمين|حاجز|تبادل)(?!\w)")
_FLIGHT = re.compile(r"(?<!\w)[وفبل]?(?:ال)?(?:طائر(?:ه|ات)|رحل(?:ه|ات)|جوا|جوي|الجوي|الاخلاء الطبي|اخلاء طبي|مطار)(?!\w)")
_GUNSHOT = re.compile(r"(?:طلق|اعير|عيار)")
# "أصيب بطلقات نارية"، "آثار طلقات نارية": wounds by gunshots (the clitic ب, "by", also counts)
_WOUND_BEFORE = re.compile(r"(?<!\w)[وفبل]?(?:ال)?(?:اصاب\w*|اصيب\w*|مصاب\w*|قتل\w*|مقتل\w*|اثار|وفاه\w*|توفي\w*|اردا\w*)\s+(?:ب)?$")
_POLICE_DEPT = re.compile(r"[وفبل]?شرطه")  # indefinite construct: "شرطة تبوك" = the Tabuk police department
_UNIT_BEFORE = re.compile(r"(?<!\w)(?:مركز|دوريه|رجال|عناصر|افراد|سياره|دوريات|مبني|مقر)\s+$")
# the security side named only as the one who reports ("قالت شرطة تبوك ..."): not a party (0.8)
_REPORTER_BEFORE = re.compile(
    r"(?<!\w)[وف]?(?:قال|قالت|ذكر|ذكرت|اعلن|اعلنت|افاد|افادت|اوضح|اوضحت|اكد|اكدت|صرح|صرحت|بحسب|حسب|وفق|وفقا|باسم|ناطق|الناطق|متحدث|المتحدث|بيان"
    r"|مصدر|مصادر|مسؤول|مسؤولون|مسؤولين)(?:\s+(?:في|من|ب|باسم|الرسمي|الاعلامي|لدي))?(?:\s+ل)?\s+(?:ال)?$"
)


def _security_side(folded: str, lo: int, hi: int, t) -> bool:
    """An armed or security side party to the shooting in its sentence (0.8): a clash word, or a
    security force/unit/post (gunmen alone are the shooters, not a side), other than the
    shooter named inside the trigger ("فتحت الشرطة الفرنسية النار"), a force that only reports
    the incident ("قالت الشرطة ..."، "الناطق باسم ...") and a police department named by its
    place ("شرطة تبوك"، "لشرطة محافظة ضباء")."""
    if _ARMED.search(folded, lo, t.start) or _ARMED.search(folded, t.end, hi):
        return True
    for m in _SECURITY_SIDE.finditer(folded, lo, hi):
        if t.start <= m.start() < t.end:
            continue
        if "مسلح" in m.group():
            continue  # gunmen are the shooters ("مسلحا فتح النار داخل صالة سينما"): their target decides
        if _REPORTER_BEFORE.search(folded, max(lo, m.start() - 25), m.start()):
            continue
        if _POLICE_DEPT.fullmatch(m.group()) and not _UNIT_BEFORE.search(folded, max(lo, m.start() - 12), m.start()):
            continue
        return True
    return False


def _casualty_event(folded, orphan, places, place_starts, dates, pub_year) -> _Event | None:
    sent, cas, attributions, s_actors = orphan
    killed = [c for c in cas if c.kind == "killed" and c.group in _CLASH_GROUPS and not c.sub]
    if not killed:
        return None
    c = killed[0]
    if _ACCIDENT.search(folded, sent.start, sent.end):
        return None  # (0.10) "مقتل 16 شرطيا جراء تحطم مروحية": an accident's toll
    if modality.check(folded, sent.start, sent.end, c.start, c.end, "armed_clash", pub_year, True):
        return None
    if re.search(r"(?<!\w)[وف]?منذ(?!\w)", folded[sent.start : sent.end]):
        return None  # a cumulative toll ("مقتل 223 حوثيا منذ ابريل")
    lo, hi = sent.start, sent.end
    trig = Trigger("armed_clash", c.start, c.end, "strong", 0)
    s_places = places[bisect_left(place_starts, lo) : bisect_left(place_starts, hi)]
    s_dates = [d for d in dates if lo <= d.start < hi]
    reported_by = attributions[0].text if attributions else None
    evs = _sentence_events(folded, sent, [(trig, "armed_clash")], s_places, s_actors, cas, s_dates, reported_by)
    if not evs:
        return None
    ev = evs[0]
    for other in evs[1:]:
        ev.places.extend(other.places)
        ev.casualties.extend(other.casualties)
    return ev


# (0.10) killing verbs (perfect, passive and verbal nouns; not the abstract "القتل"/"بالقتل", not the
# imperfect "يقتل" of habits and opinion): a fallback act when the article reports no violent act
_KILL_VERB = re.compile(
    r"(?<!\w)[وف]?(?:قتل|قتلت|قتلوا|قتله|قتلها|قتلهم|قتلته|قتلتها|قتلتهم|قتلوه|قتلوها|قتلوهم|[بل]?مقتل|اغتيل|اغتيلت"
    r"|(?:لقي|لقيت|لقوا|لقيا) (?:\S+ )?(?:حتف|مصرع)\w*|اردا(?:ه|ها|هم|ت|وا)? (?:\S+ )?قتيل\w*)(?!\w)")
# a killing needs a human agent, a weapon or a police/crime word in its sentence (a shark, a lightning
# strike, a disease or "قتل النفس" in a sermon is no event)
_KILL_AGENT = re.compile(
    r"(?<!\w)[وفبل]?(?:ال|لل)?(?:رصاص\w*|طلق(?:ه|ات)|اعير\w*|عيار\w*|مسلح\w*|مجهول\w*|سكين|طعن\w*|ذبح\w*|نحر\w*|حرق\w*|خنق\w*"
    r"|جريم\w*|جنائي\w*|جاني|جناه|قاتل\w*|عصاب\w*|مهاجم\w*|اعتداء|شرط(?:ه|ي|يا|يين)|متهم\w*|قبض|اعتقال|اعتقل\w*|مشتبه"
    r"|بندقي\w*|مسدس|رشاش|سلاح|عمدا|انتقام\w*|ثار|قناص\w*|اغتيال)(?!\w)")
# deaths of accidents, disasters and illness are not events ("مقتل 16 شرطيا جراء تحطم مروحية")
_ACCIDENT = re.compile(
    r"(?<!\w)[وفبل]?(?:ال|لل)?(?:(?:حادث(?:ه|ا)?|حوادث)(?! (?:ال)?(?:ارهاب\w*|اطلاق|تفجير\w*|اعتداء|قتل|طعن|اغتيال|اجرامي|الاجرامي|الاليم من اطلاق))"
    r"|تحطم\w*|غرق\w*|اصطدام\w*|تصادم\w*|انقلاب|حريق|حرائق|سيول|فيضان\w*|انهيار|صعق\w*|مروري\w*|دهس\w*"
    r"|زلزال|اختناق|غريق|عاصف\w*|وباء|فيروس|مرض|امراض|الكوليرا|الملاريا|سقوط طائر\w*)(?!\w)")
# sermons quoting scripture ("من أمن رجلا على دمه فقتله ..."، "قال رسول الله") report no killing
_SCRIPTURE = re.compile(r"(?<!\w)(?:رسول الله|النبي|صلي الله عليه وسلم|الحديث|حديث|قال تعالي|الايه|ايه|القيامه|سبحانه)(?!\w)")
# the death is the result of another act, named or not ("مما أدى إلى مقتل"، "أسفر عن مقتل"، "جراء")
_KILL_RESULT = re.compile(r"(?<!\w)(?:[وف]?(?:اسفر\w*|ادي|ادت|يودي|تودي|خلف|خلفت|تسبب\w*|جراء|اثر|بسبب|نتيجه|بعد)\s+(?:\S+\s+){0,2}$|من\s+$)")


def _victim_group(folded: str, pos: int, hi: int) -> str | None:
    words = folded[pos : min(hi, pos + 80)].split()[:6]
    for i in range(len(words)):
        g, n = casualties_group(words[i:])
        if n:
            return g
    return None


def _kill_event(folded, sent, cas, attributions, s_actors, places, place_starts, dates, pub_year) -> _Event | None:
    """(0.10) A killing (or, for soldiers/fighters killed, an armed clash: gold/GUIDELINES.md) stated
    by a killing verb in a sentence with no accepted violent trigger, or None."""
    lo, hi = sent.start, sent.end
    if _ACCIDENT.search(folded, lo, hi) or not _KILL_AGENT.search(folded, lo, hi) or _SCRIPTURE.search(folded, lo, hi):
        return None
    for m in _KILL_VERB.finditer(folded, lo, hi):
        s, e = m.start(), m.end()
        w = s + 1 if folded[s] in "وف" and not folded.startswith("قتل", s) and not folded.startswith("لقي", s) else s
        if _KILL_RESULT.search(folded, max(lo, s - 40), s):
            continue
        if folded[w:e] == "قتل" and not casualties_group(folded[e : min(hi, e + 40)].split()[:2])[1] \
                and not re.match(r" [0-9]", folded[e : e + 2]):
            continue  # bare "قتل" is a report only before its victims ("قتل شاب"، "قتل 5"); "قتل النفس"، "وقتل أنفس معصومة" are the noun
        if modality.check(folded, lo, hi, w, e, "killing", pub_year, bool(cas)):
            continue
        etype = "armed_clash" if _victim_group(folded, e, hi) in _CLASH_GROUPS else "killing"
        trig = Trigger(etype, w, e, "strong", 0)
        s_places = places[bisect_left(place_starts, lo) : bisect_left(place_starts, hi)]
        s_dates = [d for d in dates if lo <= d.start < hi]
        reported_by = attributions[0].text if attributions else None
        evs = _sentence_events(folded, sent, [(trig, etype)], s_places, s_actors, cas, s_dates, reported_by)
        if not evs:
            return None
        ev = evs[0]
        for other in evs[1:]:
            ev.places.extend(p for p in other.places if p not in ev.places)
            ev.casualties.extend(other.casualties)
        return ev
    return None


def _age_filter(events: list[_Event], published: _dt.datetime | None) -> list[_Event]:
    """Background by date: an explicit-year date more than a year before publication makes
    the event background ("هجمات 11 سبتمبر عام 2001"); a year-less date resolved more than
    180 days back is more likely a name or a misreading than the event date: dropped."""
    if published is None:
        return events
    pub = published.date()
    out = []
    for e in events:
        if e.date is not None:
            age = (pub - e.date).days
            if re.search(r"(?:1[89]|20|14)\d\d|(?:العام|السنه) (?:الماضي|الماضيه|المنصرم|السابق|الفائت)", fold(e.date_text or "")):  # 14xx: Hijri year; "العام الماضي" (0.8)
                if age > _MAX_AGE_DAYS:
                    continue
            elif age > 180:
                e.date, e.date_text = None, None
        out.append(e)
    return out


# a place the gazetteer does not know, named after a generic place word ("بلدة صرين"،
# "قرية الطوال"، "مدينة الشيخ زويد"، "حي الحامضية"): the word(s) after it are a place name
_GENERIC_PLACE_RE = re.compile(
    r"(?<!\w)[وفبل]?(?:بلده|بلدتي|مدينه|قريه|قريتي|قري|حي|احياء|منطقه|محافظه|محافظتي|مديريه|ناحيه|قضاء|مخيم|جزيره|ولايه|اقليم|وادي)"
    r"\s+[(«\"]?\s*((?:(?:الشيخ|ابو|ابي|ام|عين|تل|دير|كفر|بيت|جسر|راس|بني|ذي|سيدي|بئر|بير|خان|جبل|سلطان|باب|وادي|مرج|جزيره|سوق|حمام|قصر|تل)\s+)?[\u0621-\u064a]{3,})(?!\w)"
)
_NOT_PLACE_NAME = frozenset(fold(w) for w in (
    "الحدودية الساحلية الشمالية الجنوبية الشرقية الغربية الوسطى الصناعية السكنية المحاصرة المحتلة الخضراء الامنية "
    "العسكرية الادارية التجارية الجبلية الزراعية المستهدفة المجاورة القريبة المحيطة الحرة الاخرى نفسها ذاتها التابعة "
    "الواقعة الكبرى الصغرى القديمة الجديدة الاولى الثانية العربية الاسلامية الدولية المنكوبة المذكورة الحدود الحدودي "
    "التي الذي حيث عازلة العازلة آمنة الامنة امنة منكوبة واسعة كبيرة صغيرة بأكملها باكملها كاملة كامل وسط شمال جنوب شرق غرب "
    "شمالي جنوبي شرقي غربي داخل خارج قرب بالقرب عسكرية سكنية صناعية زراعية جبلية نائية حدودية مجاورة اخرى أخرى تابعة "
    "الشرق الغرب الخليج السكني الصناعي العسكري يرزق مدنيين المدنيين فيها فيه منها منه عليها عليه اليها اليه بها به "
    "الشام النفط بعد قبل عند منذ خلال اثناء حول ضد مع بين على الى من عن في باتجاه الدفاع المنزوعة منزوعة وما وان ان ما لا "
    "شعبي شعبية ساحلي مجاور مجاورة ذات العلم طريق الملعب العاصمة كانت كان المسؤولية المضطرب المضطربة مساء صباح مما جراء "
    "الشهر يوم شرطة يسيطر تسيطر أسفرت اسفرت الاعتداء الهجوم بلدات بصواريخ سكني حدودي نائي اليوم امس "
    "الحادث الحادثة الانفجار التفجير الجريمة الواقعة العملية الاعتداء العمليات "
    "قريبة قريبه بعيدة بعيده المكتظة مكتظة المحررة محررة الخاضعة خاضعة الواقعة واقعة تقع يقع جديدة قديمة "
    "اوسع أوسع خامسة ثالثة رابعة النازحين اللاجئين شهيد فسوف سوف تجارة اسواق أسواق شديدة اقصى أقصى "
    "مزدحمة مزدحمه استهدفت دمرت سيطرت شهدت تعرضت قصفت شنت نفذت المعنية عدة عديدة مختلفة متفرقة متعددة "
    "امن الامن الشرطه المرور الجوازات الصحه التربيه التعليم الاوقاف الزراعه "
    "المدنيين مسلحين السكان الاهالي المواطنين العمليات عمليات الاشتباكات المعارك القتال النزاع الصراع الحرب الاحتلال التحالف المقاومة المسلحين"
).split())


_GENERIC_WORD = re.compile(r"[وفبل]?(?:بلد|مدين|قري|محافظ|منطق|مديري|ناحي|ولاي|اقليم|حي$|مخيم)")
_NAME_PREFIX = frozenset("الشيخ ابو ابي ام عين تل دير كفر بيت جسر راس بني ذي سيدي بئر بير خان جبل سلطان باب وادي مرج سوق حمام قصر".split())
_NEXT_WORD = re.compile(r" ([\u0621-\u064a]{2,})(?!\w)")


def _second_name_word(folded: str, e: int, known: list) -> int:
    """End of a two-word unknown name ("منطقة دار سعد", "بلدة بئر العبد"): the next word is
    part of the name unless it is a function word, an adjective, a verb or starts a new phrase."""
    m = _NEXT_WORD.match(folded, e)
    if m is None:
        return e
    w = m.group(1)
    if w in _NOT_PLACE_NAME or w in _DIRECTION or _GENERIC_WORD.match(w) or any(p.start < m.end(1) and m.start(1) < p.end for p in known):
        return e
    if w[0] in "وفبلك" and not w.startswith(("بني", "بن", "بيت", "بير", "بئر", "بلد")):
        return e
    if w.startswith("ال"):
        if w.endswith(("ه", "ي", "ين", "ون", "يه", "ات")):
            return e  # an adjective ("الخاضعة", "الساحلي") or a plural noun
    elif w.endswith(("ت", "يه", "ين", "ون", "ا")) or w.startswith(("ي", "ت", "ن")) and len(w) >= 5:
        return e  # a verb, an indefinite adjective, an adverbial accusative
    if len(w) < 3:
        return e
    if w in _NAME_PREFIX:  # "مخلاف بني عمر"
        m2 = _NEXT_WORD.match(folded, m.end(1))
        if m2 is None or m2.group(1) in _NOT_PLACE_NAME or m2.group(1)[0] in "وفبل":
            return e
        return m2.end(1)
    return m.end(1)


def _generic_places(base: str, folded: str, known: list, country: str | None):
    from arabic.places.gazetteer import Place, PlaceMatch
    out = []
    for m in _GENERIC_PLACE_RE.finditer(folded):
        s, e = m.start(1), m.end(1)
        if folded.startswith("وادي", m.start()) and base[m.start() : m.start() + 4] != "وادي":
            continue  # "وأدى" (and led) folds like "وادي" (valley)
        words = folded[s:e].split()
        if words[-1] in _NOT_PLACE_NAME or words[0] in _NOT_PLACE_NAME or _GENERIC_WORD.match(words[0]):
            continue  # ... or a second generic word: "ولاية (محافظة) بنزرت"
        if (words[0].startswith(("و", "لل")) and not words[0].startswith("وادي")) or words[-1].endswith(("ها", "هم")):
            continue  # a conjunction or a pronoun suffix: not a name
        if words[-1].endswith("يه") and not words[-1].startswith("ال"):
            continue  # an adjective ("منطقة تركية")
        if len(words) == 1 and len(words[0]) >= 4 and words[0].endswith("ت") and not words[0].startswith("ال"):
            continue  # a verb ("المحافظة استهدفت", "منطقة دمرت")
        if any(p.start < e and s < p.end for p in known):
            continue
        if len(words) == 1 and not words[0].startswith("ال"):
            e = _second_name_word(folded, e, known)
        name = folded[s:e]
        out.append(PlaceMatch(s, e, base[s:e], Place(name, name, country or "", None, None, "district", 0)))
    return out


def _places(base: str, folded: str, dl_start: int, dl_end: int, actors: list[ActorMention], found=None):
    if found is None:
        found = Gazetteer.default().find(base)
    countries_found = [p.place.country for p in found if p.place.country and not (dl_start <= p.start < dl_end)]
    main_country = max(dict.fromkeys(countries_found), key=countries_found.count) if countries_found else None
    found = sorted(found + _generic_places(base, folded, found, main_country), key=lambda p: p.start)
    dateline_place = None
    out = []
    for p in found:
        if dl_start <= p.start < dl_end:
            dateline_place = p.place
            continue
        # a curated actor (not a state) covering the place wins: "حزب الله", "الجيش السوري"
        clash = [a for a in actors if a.start < p.end and p.start < a.end]
        if clash:
            if any(a.actor.kind != "state" for a in clash):
                continue
            prev = re.findall(r"\w+", folded[max(0, p.start - 20) : p.start])
            if not (prev and prev[-1] in _LOCATIVE) and not re.match(r"[بل]", folded[p.start - 1 : p.start] if p.start else ""):
                continue  # a state in actor position ("مفاوضات مع روسيا")
        if _reference_place(folded, p, found):
            continue
        out.append(p)
    if dateline_place is not None:
        countries = [p.place.country for p in out if p.place.name != dateline_place.name]
        main = max(dict.fromkeys(countries), key=countries.count) if countries else None
        if main and main != dateline_place.country:
            out = [p for p in out if p.place.name != dateline_place.name]
    return out


# a place named in a title or an institution ("أمير منطقة نجران", "مدير شرطة محافظة العاصمة
# المنامة", "جامعة الأنبار", "مستشفى الحويجة") is not where an act happened
_TITLE_WORDS = frozenset(fold(w) for w in (
    "امير أمير امارة إمارة محافظ مدير شرطة وزير سفير سفارة قنصل قنصلية جامعة امانة أمانة رئيس والي مجلس بلدية "
    "مستشفى مستشفيات مشفى صحيفة وكالة اذاعة إذاعة تلفزيون قناة نادي منتخب مطران اسقف أسقف مفتي شيخ قائد قيادة "
    "سجن محكمة نيابة غرفة هيئة ميناء مطار"
).split())
_PLACE_FILLERS = frozenset(fold(w) for w in (
    "منطقة محافظة مدينة العاصمة عاصمة ولاية اقليم إقليم مديرية ناحية قضاء عام العام بلدة شرق غرب شمال جنوب"
).split())
_DIRECTION = frozenset(fold(w) for w in (
    "شمال جنوب شرق غرب شمالي جنوبي شرقي غربي شمالا جنوبا شرقا غربا الشمال الجنوب الشرق الغرب"
).split())
_RELATIVE = re.compile(r"(?<!\w)(?:التي|الذي|الواقعه|الواقع|التابعه|التابع)(?!\w)")
_REL_LOCATIVE = re.compile(r"(?<!\w)(?:تقع|يقع|تبعد|يبعد|تضم|يضم|تحد|يحد|مشارف|قرب|بالقرب|شمال|جنوب|شرق|غرب|وسط|الشمال|الجنوب|الشرق|الغرب|بين)")
_PROVINCE_BEFORE = re.compile(r"(?<!\w)[وبل]?(?:ال|لل)?(?:محافظه|محافظتي|ولايه|ولايتي|قضاء|مديريه|اقليم)\s+$")  # containment: kept
_REL_GAP = re.compile(r"[\s،,(]*(?:ال\w+[\s،,(]*)?")
_NEAR_WORDS = frozenset(("قرب", "بقرب"))
_DIST_WORDS = frozenset(fold(w) for w in "كم كلم كيلومتر كيلومترا كيلومترات كيلو ميل اميال أميال مترا متر بعد".split())
_WORD_RE = re.compile(r"[\u0621-\u064a0-9]+")


_DATELINE_AFTER = re.compile(r"\s*(?:[-–—]\s*[«\"(]|:\s)")
_DATELINE_LINE = re.compile(r"[^\n.،,]{0,25}[-–—]\s*$")  # "عين اليوم – " before the place
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")
_DATELINE_TAIL = re.compile(r"\s*[-–—][^\n.،,]{0,25}(?:\n|$)")  # " – عين اليوم" after the place


def _prev_words(folded: str, pos: int, n: int = 6) -> list[str]:
    """Up to n words before pos, nearest last; stops at sentence/clause punctuation."""
    seg = folded[max(0, pos - 60) : pos]
    cut = max(seg.rfind(c) for c in ".،,؛;:!?؟()\n-–")
    if cut >= 0:
        seg = seg[cut + 1 :]
    return _WORD_RE.findall(seg)[-n:]


def _bare(w: str) -> str:
    for pre in ("وبال", "وال", "بال", "لل", "ال", "وب", "ول", "و", "ب", "ل"):
        if w.startswith(pre) and len(w) - len(pre) >= 3:
            return w[len(pre):]
    return w


# (0.9) institutions named by a chain of definite words before the place: "المتحدث الرسمي
# لمديرية الدفاع المدني بمنطقة جازان", "مصدر في قيادة عمليات الأنبار"
_ORG_HEADS = _TITLE_WORDS | frozenset(fold(w) for w in "مديرية إدارة ادارة دائرة فرع مكتب وزارة هيئة مركز قسم شؤون".split())
_MOVE_WORD = re.compile(r"(?:متجه|قادم|عائد|المتجه|القادم|العائد)")


_SPEAKER = re.compile(r"(?<!\w)[وف]?(?:ال)?(?:متحدث|ناطق|مصدر|مصادر|مسؤول|بيان|قال|قالت|اعلن|اعلنت|افاد|افادت|اوضح|اوضحت|صرح|ذكر|ذكرت|تصريح)(?!\w)")


def _speaker_before(folded: str, pos: int) -> bool:
    """An attribution word in the words before pos: the institution is the speaker's, not
    the act's site ("المتحدث الرسمي لمديرية الدفاع المدني بمنطقة جازان"); an institution that
    is hit keeps its place ("استهداف دورية أمام مبنى إدارة الأمن بمديرية الخوخة")."""
    return any(_SPEAKER.fullmatch(w) for w in _prev_words(folded, pos, 9))


def _org_chain(words: list[str], i: int) -> bool:
    if words[i] == "عمليات" and i > 0 and _bare(words[i - 1]) in ("قياده", "غرفه"):
        return True  # "قيادة عمليات الأنبار"
    j, k = i, 0
    while j >= 0 and k < 2 and words[j].startswith("ال") and words[j] not in _DIRECTION:
        j -= 1
        k += 1
    return bool(k) and j >= 0 and (words[j] in _ORG_HEADS or _bare(words[j]) in _ORG_HEADS)


def _reference_place(folded: str, p, found) -> bool:
    """A place that only locates something else: a title/institution, a direction or distance
    reference after another place ("الحويجة غربي كركوك", "57 كم شمال شرقي بغداد")."""
    after = folded[p.end : p.end + 12]
    if p.place.name == "Middle East" and ("«" in folded[max(0, p.start - 2) : p.start] or after.startswith("»")):
        return True  # the newspaper "«الشرق الأوسط»"
    if after.startswith(" راس"):
        return True  # "مسقط رأس" (birthplace)
    line_start = folded.rfind("\n", 0, p.start) + 1
    if p.start - line_start <= 40 and _DATELINE_AFTER.match(folded, p.end):
        return True  # a dateline inside the text ("البنجاب - «الشرق الأوسط»:", "رويترز- بنغازي:")
    if p.start - line_start <= 30 and (
        (_DATELINE_LINE.match(folded, line_start, p.start) and _LINE_END.match(folded, p.end))
        or (not folded[line_start : p.start].strip() and _DATELINE_TAIL.match(folded, p.end))
    ):
        return True  # a dateline line of its own: "عين اليوم – بيروت", "الرياض – عين اليوم"
    words = _prev_words(folded, p.start)
    if not words:
        return False
    # title / institution, skipping generic place words ("امير منطقة نجران")
    i = len(words) - 1
    while i >= 0 and _bare(words[i]) in _PLACE_FILLERS and words[i] not in _DIRECTION:
        i -= 1
    if i >= 0 and (words[i] in _TITLE_WORDS or _bare(words[i]) in _TITLE_WORDS):
        return True
    if i >= 0 and (words[i] in ("قسم", "شوون") or _org_chain(words, i) and _speaker_before(folded, p.start)):
        return True
    # (0.9) the goal or source of a movement locates the moving force, not the act:
    # "كمائن لتعزيزات ... كانت متجهة إلى محافظة تعز", "عناصر قادمة من سوريا"
    if i >= 1 and words[i] in ("الي", "نحو", "من") and _MOVE_WORD.match(_bare(words[i - 1])):
        return True
    # (0.9) a border is a reference line: "قرب الحدود غير المستقرة مع باكستان"
    if words[-1] == "مع" and any(_bare(w) in ("حدود", "الحدود") for w in words[-4:-1]):
        return True
    # a city or country inside a relative clause describing another place only locates it:
    # "محافظة مأرب التي تقع في الشمال الشرقي من العاصمة صنعاء", "الغوطة الشرقية، التي تضم مدنا
    # وبلدات ... على مشارف دمشق" (a governorate there is kept: "الشيخ زويد التابعة لمحافظة شمال سيناء")
    if p.place.kind in ("city", "country"):
        seg_start = max(0, p.start - 120)
        rel = None
        for m in _RELATIVE.finditer(folded, seg_start, p.start):
            rel = m
        inner = folded[rel.end() : p.start] if rel is not None else ""
        if (rel is not None and not re.search(r"[.؟!?;؛\n،,]", inner) and len(inner.split()) <= 10
                and _REL_LOCATIVE.search(inner) and not _PROVINCE_BEFORE.search(inner)):
            for q in found:
                if q is not p and q.end <= rel.start() and _REL_GAP.fullmatch(folded, q.end, rel.start()):
                    return True
    # proximity reference after another place, one adjective allowed between: "الغوطة الشرقية
    # المحاصرة قرب دمشق", "بلدة X بالقرب من حلب" (a city as the reference point)
    if p.place.kind == "city" and (words[-1] in _NEAR_WORDS or words[-2:] == ["بالقرب", "من"]):
        j = len(words) - (1 if words[-1] in _NEAR_WORDS else 2)
        near_start = folded.rfind(words[j], 0, p.start)
        before = folded[max(0, near_start - 40) : near_start]
        q_end = max((q.end for q in found if q is not p and q.end <= near_start and q.place.kind != "country"), default=-1)
        if q_end >= 0 and re.fullmatch(r"\s*(?:ال\w+\s+)?", folded[q_end:near_start]) and before:
            return True
    # direction reference
    i = len(words) - 1
    nd = 0
    while i >= 0 and words[i] in _DIRECTION and nd < 2:
        i -= 1
        nd += 1
    if nd == 0:
        if words[-1] == "من" and len(words) >= 3 and words[-2] == "بعد" and words[-3] == "علي":
            return True  # "على بعد ... من X"
        return False
    if i < 0:
        return False
    w = words[i]
    if w in ("الي", "نحو") and i > 0 and (words[i - 1] in _DIST_WORDS or words[i - 1].isdigit()):
        w = words[i - 1]
    if w in _DIST_WORDS or w.isdigit():
        return True  # "57 كم شمال شرقي بغداد"
    # the direction word follows another place name directly: "قرية X شمال حلب" (a city as a
    # reference point; a region/province containing the place is kept: "رفح جنوب قطاع غزة")
    if p.place.kind != "city":
        return False
    d_start = folded.rfind(w, 0, p.start)
    if any(q.end <= p.start and d_start <= q.end - 1 < d_start + len(w) + 1 and q is not p for q in found):
        return True
    return False


# (0.10) an aircraft trigger needs an attack word in its sentence
_AIR_ACT = re.compile(
    r"(?<!\w)[وفبل]?(?:ال|لل)?(?:قصف\w*|يقصف|تقصف|غار(?:ه|ات)|استهدف\w*|يستهدف|تستهدف|ضرب(?:ه|ات|ت|وا)?|شن(?:ت|وا)?|تشن|يشن|قتل\w*|مقتل|قتلي|قتيل\w*"
    r"|دمر\w*|تدمير|القت|تلقي|يلقي|اطلق\w*|صاروخ\w*|صواريخ|قذائف|قنابل|قنبل\w*|هاجم\w*|هجوم\w*|هجمات|غارات|جرحي|اصاب\w*|اصيب\w*|مصاب\w*"
    r"|براميل|برميل|حمم|استهداف|ضحايا|شهداء|قصفها|القصف)(?!\w)")
_ARMS = re.compile(r"(?<!\w)[وفبل]?(?:ال)?(?:صفق(?:ه|ات)|بيع|شراء|تزويد|تسليم|امتلاك|تصنيع|صناع(?:ه|ات)|تطوير|منظوم(?:ه|ات)|مخزون|ترسان(?:ه|ات)|شحن(?:ه|ات)|تهريب)(?:\s+\S+)?\s+(?:ال|لل|ل)?$")
_CALM_OBJECT = re.compile(r"\s+(?:ال)?(?:مخاوف\w*|قلق\w*|الاسواق|اسواق|النفوس|الخواطر|روع\w*|مشاعر|الراي العام)(?!\w)")
_FINANCE_TALKS = re.compile(r"(?<!\w)[وفبل]?(?:ال)?(?:الانقاذ المالي|انقاذ مالي|صندوق النقد|الدائنين|دائني\w*|الديون|ديون|قرض|القرض|حزم(?:ه)? انقاذ|خطه الانقاذ|خطه انقاذ|برنامج الانقاذ|برنامج انقاذ)(?!\w)")
_EMERGENCY = re.compile(r"(?<!\w)[وفبل]?(?:ال|لل)?(?:حريق|حرائق|انقاذ|الدفاع المدني|اطفاء|الاطفاء|تسرب|ماس كهربائي|غرق|سيول|فيضان\w*|انهيار|هلع)(?!\w)")
_ARMED_CUE = re.compile(r"(?<!\w)[وفبل]?(?:ال|لل)?(?:مسلح\w*|قصف\w*|غار\w*|قذائف|قذيف\w*|صاروخ\w*|صواريخ|اشتباك\w*|هجوم\w*|معارك|حرب|الحوثي\w*|داعش|ارهاب\w*|جيش|الجيش|قوات|عسكري\w*|ميليشي\w*|مليشي\w*|رصاص)(?!\w)")
# evacuation words naming a unit, a vehicle or a plan ("خلية الإجلاء"، "طائرة الإخلاء"، "خطة إخلاء"),
# the adjective "الأجلاء" (venerable: "علماؤنا الأجلاء"), a list of a relief body's services
_EVAC_NAME_BEFORE = re.compile(r"(?<!\w)[وفبل]?(?:ال)?(?:خلي(?:ه|ات)|طائر(?:ه|ات)|سيار(?:ه|ات)|خط(?:ه|ط)|فريق|فرق|لجن(?:ه|ات)|مركز|غرف(?:ه|ات)|اداره|قسم|وحد(?:ه|ات)|برنامج|برامج|مكتب)\s+(?:ال)?$")


def _evacuation_act(folded: str, lo: int, hi: int, t, word: str) -> bool:
    before = folded[max(lo, t.start - 20) : t.start]
    if folded[t.start - 2 : t.start] == "ال" and word.startswith("اجلاء") and re.search(r"(?:^|\s)(?:ال\S+|\S+(?:نا|هم|كم))\s+ال$", before):
        return False  # "علمائنا الأجلاء"، "المشايخ الأجلاء": the adjective
    if word.startswith(("اجلاء", "اخلاء")) and _EVAC_NAME_BEFORE.search(before.removesuffix("ال") if before.endswith("ال") else before):
        return False
    if word.startswith("اخلاء") and re.match(r"(?:\s+\S+){0,4}?\s+من\s+(?:ال)?(?:سلاح|اسلح\w*|الغام|الالغام|النووي)", folded[t.end : min(hi, t.end + 60)]):
        return False  # "إخلاء الشرق الأوسط من السلاح النووي"
    if word.startswith(("اعاده", "اعادة")) and not re.search(r"[0-9]", folded[t.start : min(hi, t.end + 25)]):
        return False  # repatriation as a service in a list ("وإعادة العالقين والنازحين"): a report gives a count
    if _EMERGENCY.search(folded, lo, hi) and not _ARMED_CUE.search(folded, lo, hi):
        return False  # "إخلاء سكان المبنى" after a fire
    return True


_STRONG_PROTEST = re.compile(r"(?<!\w)[وفبل]?(?:ال)?(?:متظاهر\w*|محتج\w*|احتجاج\w*|شعارات|هتف\w*|هتافات|لافتات|تنديد\w*|رفضا|حاشد\w*|غاضب\w*|الغضب|اعتصام\w*)(?!\w)")
_NOT_MARCH_AFTER = re.compile(r"\s+(?:ال)?(?:علمي\w*|ثقافي\w*|رياضي\w*|فني\w*|سياحي\w*|تراثي\w*|اقتصادي\w*|ترفيهي\w*|تسويقي\w*|دعوي\w*|شبابي\w*|اعلامي\w*|تعليمي\w*)(?!\w)")


def _protest_sense_off(folded: str, lo: int, hi: int, t) -> bool:
    """(0.10) "تظاهرة علمية ضخمة" (an exhibition); "مسيرة الوزارة التطويرية"، "دعم مسيرة الانتخابات" (a
    course, a career): an adjective of another kind, or a definite genitive without a strong protest cue."""
    if _NOT_MARCH_AFTER.match(folded, t.end):
        return True
    word = folded[t.start : t.end]
    if word.startswith("مسير") and re.match(r"\s+ال", folded[t.end : t.end + 4]) and not _STRONG_PROTEST.search(folded, lo, hi):
        return True
    return False


# (0.10) control of a place: taking/retaking/liberating needs a place as its object
_CONTROL = re.compile(r"(?:سيطر|بسط|استعاد|استول|تحررت|دحر|حرر|يحرر|تم)")
_AFTER_BEFORE = re.compile(r"(?<!\w)(?:بعد|عقب|اثر|منذ|قبل)(?:\s+ان)?\s+(?:\S+\s+)?$")
_PLACE_OBJECT = re.compile(
    r"(?:\s+(?:علي|علي كامل|كامل|من|بشكل كامل علي))?(?:\s+\S+){0,4}?\s+[وبل]?(?:ال)?(?:حي|احياء|مدين(?:ه|تي)|مدن|بلد(?:ه|ات)|قري(?:ه|تي)|قرى|"
    r"منطق(?:ه|تي)|مناطق|محافظ(?:ه|ات|تي)|مديري(?:ه|ات)|قاعد(?:ه|تي)|معسكر(?:ات)?|مطار|ميناء|جبل|جبال|تل(?:ه|ال)?|موقع|مواقع|مبني|مباني|"
    r"مقر(?:ات)?|مرتفع(?:ات)?|ساحل|جزير(?:ه)?|منفذ|معبر|ناحي(?:ه)?|قضاء|اقليم|ولاي(?:ه)?|ريف|شوارع|شارع|الطريق|طريق)(?!\w)")


def _place_follows(folded: str, end: int, hi: int) -> bool:
    """A place named right after a control word (a subject may stand between, VSO): a place noun
    within five words, or a gazetteer place in the next six words ("حررت وحدات حماية الشعب الكردية
    بلدة صرين"، "تم تحرير عدن")."""
    window = folded[end : min(hi, end + 60)]
    if _PLACE_OBJECT.match(window):
        return True
    w = " ".join(window.split()[:6])
    return bool(Gazetteer.default().find(w))


def _accept(t: Trigger, folded: str, lo: int, hi: int, conflict_article: bool, cas, pub_year, why=None) -> str | None:
    """Event type for an accepted trigger, or None."""
    sent = folded[lo:hi]
    rel_s, rel_e = t.start - lo, t.end - lo
    if t.context == "conflict":
        cue = any(not (m.start() < rel_e and rel_s < m.end()) for m in CONFLICT_CUE_RE.finditer(sent))
        if not cue and _SHOOTING.match(folded, t.start) and _CRIME_CUE.search(sent):
            cue = True  # shooting in a police/crime story: "فتحت الشرطة الفرنسية النار" (0.8)
        if not cue and not (conflict_article and not OFFTOPIC_CUE_RE.search(sent)):
            return None
        if OFFTOPIC_CUE_RE.search(sent) and not cue:
            return None
    elif t.context == "protest":
        if not any(not (m.start() < rel_e and rel_s < m.end()) for m in PROTEST_CUE_RE.finditer(sent)):
            return None
        if re.search(r"(?:طائر|طائرات)\s*$", sent[:rel_s]):
            return None
    etype = t.type
    word = folded[t.start : t.end]
    if etype == "shelling" and _BARE_QASF.match(word):
        window = folded[max(lo, t.start - 50) : min(hi, t.end + 50)]
        if AIR_CUE_RE.search(window):
            etype = "airstrike"  # unspecified "القصف" stays shelling unless said to be aerial
    if _GUNSHOT.match(word) and not (folded[t.start - 1 : t.start] == "ب" or _WOUND_BEFORE.search(folded, max(lo, t.start - 30), t.start)):
        return None  # "تهريب 21 ألف طلقة نارية"، "إطلاق أعيرة نارية للتعبير": ammunition or volleys, not a shooting (0.8)
    if etype == "armed_clash" and _SHOOTING.match(word) and not _security_side(folded, lo, hi, t):
        etype = "killing"  # shooting with no armed/security side named: people were shot
    elif etype == "killing" and re.match(r"(?:اطلاق|اطلق)", word) and word.endswith("علي") \
            and _SECURITY_TARGET.search(" ".join(folded[t.end : min(hi, t.end + 40)].split()[:3])):
        etype = "armed_clash"  # "اطلاق نار على القنصلية/دورية امنية": attack on a guarded target (0.7)
    if etype == "evacuation" and word.startswith("نقل") and not _FLIGHT.search(folded, lo, hi):
        return None  # "لنقل الجرحى إلى مستشفى قريب": an ambulance, not an evacuation (0.8)
    if _NOT_EVENT_BEFORE.search(folded[max(lo, t.start - 12) : t.start]):
        return None  # "مواد شديدة الانفجار", "قابلة للانفجار"
    if etype == "airstrike" and re.match(r"(?:طا[ئي]ر|مروحي|مقاتل)", word) and _CRASH_BEFORE.search(folded[max(lo, t.start - 25) : t.start]):
        return None  # "هبوط اضطراري لطائرة أباتشي", "تحطم مروحية عسكرية": not a strike
    if etype == "airstrike" and re.match(r"(?:طا[ئي]ر|مروحي|مقاتل|طيران)", word) and _AIRCRAFT_OBJECT.search(folded, max(lo, t.start - 30), t.start):
        return None  # "صنع طائرة دون طيار"، "صفقة مقاتلات"، "نشر طائرات": the aircraft, not a strike (0.8)
    if etype == "siege" and folded[t.start - 2 : t.start] == "ال" and folded.startswith("محاصر", t.start):
        return None  # adjective "الغوطة المحاصرة": a state, not a reported siege
    if etype == "siege" and word == "محاصره" and folded[t.start - 1 : t.start].isspace() \
            and _ADJ_FOLLOW.match(folded, t.end) and _ADJ_NOUN_BEFORE.search(folded, max(lo, t.start - 30), t.start):
        return None  # indefinite adjective "اربع بلدات شيعية محاصرة في شمال سورية" (0.7)
    if etype == "airstrike" and re.match(r"(?:طا[ئي]ر|مروحي|مقاتل|طيران)", word) and not _AIR_ACT.search(sent):
        return None  # (0.10) aircraft seen, landing or flying a display ("طائرة عسكرية تحمل مساعدات") strike nothing
    if etype == "shelling" and _ARMS.search(folded, max(lo, t.start - 25), t.start):
        return None  # (0.10) "صفقة صواريخ"، "منظومة صواريخ": weapons traded or held, not fired
    if etype == "bombing" and word.startswith(("عبو", "العبو")) and "ناسف" not in word and re.search(r"[0-9]\s*$", folded[max(lo, t.start - 12) : t.start]):
        return None  # (0.10) "بلغت 204.732 عبوة": containers counted, not explosive devices
    if etype == "armed_clash" and word == "قتال" and folded[t.start - 2 : t.start] != "ال" \
            and not re.match(r"\s+(?:عنيف|ضار|شرس|دام|مستمر|بين)", folded[t.end : t.end + 10]):
        return None  # (0.10) indefinite "قتال التنظيم"، "مناطق قتال"، "قتال المسلم كفر": the activity, not a report
    if etype == "evacuation" and not _evacuation_act(folded, lo, hi, t, word):
        return None
    if etype == "protest" and word.startswith(("مسير", "تظاهر")) and _protest_sense_off(folded, lo, hi, t):
        return None
    if etype == "ceasefire" and word.startswith("تهدي") and _CALM_OBJECT.match(folded, t.end):
        return None  # (0.10) "لتهدئة مخاوفهم": calming fears, not a truce
    if etype == "negotiation" and _FINANCE_TALKS.search(sent):
        return None  # (0.10) "محادثات برنامج الإنقاذ المالي" with creditors and the IMF
    if etype == "armed_clash" and word.startswith("اقتحام") and _EMERGENCY.search(sent) and not _ARMED_CUE.search(sent):
        return None  # (0.10) "اقتحام المبنى من قبل وحدات الإنقاذ": a rescue
    if etype == "armed_clash" and _CONTROL.match(word) and (not _place_follows(folded, t.end, hi)
                                                           or _AFTER_BEFORE.search(folded, max(lo, t.start - 25), t.start)):
        return None  # (0.10) "السيطرة على الحرائق"، "تحرير الأسعار"، "حرر مفتشو البلدية إشعارات": no place taken
    if etype == "arrest" and _RAIDS.match(word) and _KILL_HINT.search(sent):
        etype = "armed_clash"  # "قتل 12 مسلحا في حملة مداهمات": raids that kill are a clash (0.7)
    if etype == "negotiation":
        if (_DIPLO_TALKS.match(word) or _BILATERAL.search(sent)) and not _TALKS_PARTY.search(sent):
            return None  # "المباحثات تناولت ..." between allies: a diplomatic meeting (0.7)
        if _OFFTOPIC_TALKS.match(folded, t.end):
            return None  # "مفاوضات الائتلاف الحكومي"، "المحادثات النووية"، "مفاوضات جماعية" (0.7)
    reason = modality.check(folded, lo, hi, t.start, t.end, etype, pub_year, bool(cas))
    if reason:
        if why is not None:
            why["reason"] = reason
        return None
    return etype


def _nearest(items, pos, key_s=lambda x: x.start, key_e=lambda x: x.end):
    best, bd = None, None
    for it in items:
        d = key_s(it) - pos if key_s(it) >= pos else pos - key_e(it)
        if bd is None or d < bd:
            best, bd = it, d
    return best


_BORDER_WITH = re.compile(r"(?<!\w)(?:ال)?(?:حدود|حدوديه|الحدودي|حدوديا)\s+(?:\S+\s+)?مع\s+$")


def _state_in_place_phrase(folded: str, a: ActorMention) -> bool:
    """(0.11) A state after a locative preposition ("في سوريا"، "بالعراق") or in "الحدود مع" is a
    place, not an actor, even when the place itself is not kept as the event's location."""
    prev = re.findall(r"\w+", folded[max(0, a.start - 20) : a.start])
    if prev and prev[-1] in _LOCATIVE:
        return True
    if a.start and folded[a.start - 1] in "بل":
        return True
    return bool(_BORDER_WITH.search(folded, max(0, a.start - 30), a.start))


_OWN_ACT_ANNOUNCE = re.compile(r"(?<!\w)[وف]?" + ANNOUNCE_VERBS + r"\s+(?:\w+\s+)?$")
_THAT = frozenset(("ان", "انه", "انها", "انهم", "عن", "بان", "بانه", "بانها", "الذي", "التي", "ما"))
_THAT_SELF = frozenset(("انه", "انها", "انهم", "بانه", "بانها", "بانهم"))  # "that it/they": the announcer acts


def _announces_own_act(folded: str, a: ActorMention, kept) -> bool:
    """(0.11) A source that announces its own act is its initiator: "أعلنت السلطات المغربية اليوم
    القبض على خلية" (the act is the object of أعلن, at most 3 words later, no "أن"/"عن" between);
    "أعلنت السلطات أن ..." stays a source only."""
    if a.actor.kind not in ("security", "army", "armed_group", "state", "organisation"):
        return False
    if not _OWN_ACT_ANNOUNCE.search(folded, max(0, a.start - 20), a.start):
        return False
    after = [t.start for t, _ in kept if t.start >= a.end]
    if not after:
        return False
    gap = folded[a.end : min(after)]
    words = re.findall(r"\w+", gap)
    if words and words[0] in _THAT_SELF and len(words) <= 4 and not re.search(r"[:«\"]", gap):
        return True  # "أعلنت الأمم المتحدة، أنها ستعقد جولة جديدة من محادثات سلام"
    return len(words) <= 3 and not any(w in _THAT for w in words) and not re.search(r"[،,:«\"]", gap)


def _allowed(a: ActorMention, role: str | None, etype: str) -> bool:
    """(0.11) Kind checks on a role: an organisation (UN, Amnesty, Red Cross) never initiates a
    violent act or an arrest; security forces and armies do not initiate protests (they disperse them)."""
    if role != "initiator":
        return bool(role)
    if a.actor.kind == "organisation" and etype in _VIOLENT_OR_ARREST:
        return False
    return not (etype == "protest" and a.actor.kind in ("security", "army"))


def _sentence_events(folded, sent, kept, places, actors, cas, dates, reported_by) -> list[_Event]:
    clauses = split_clauses(folded, sent)

    def clause_of(pos: int) -> int:
        for i, c in enumerate(clauses):
            if c.start <= pos < c.end:
                return i
        return len(clauses) - 1

    by_clause: dict[int, list[_Event]] = {}
    for t, etype in kept:
        ci = clause_of(t.start)
        evs = by_clause.setdefault(ci, [])
        if any(e.type == etype for e in evs):
            continue
        evs.append(_Event(etype, t, sent.start, sent.end, reported_by=reported_by))
    out: list[_Event] = []
    first_trig = min(t.start for t, _ in kept)
    last_events: list[_Event] = []
    pending_places, pending_cas = [], []  # before the first event clause
    for ci, c in enumerate(clauses):
        c_places = [p for p in places if c.start <= p.start < c.end]
        c_cas = [x for x in cas if c.start <= x.start < c.end]
        c_dates = [d for d in dates if c.start <= d.start < c.end]
        evs = by_clause.get(ci)
        if evs:
            for e in evs:
                e.places.extend(pending_places + c_places)
                e.core.update(p.start for p in c_places
                              if 0 <= p.start - e.trig.end <= 60 or 0 <= e.trig.start - p.end <= 15)
            for x in pending_cas:
                evs[0].casualties.append(x)
            for x in c_cas:
                _nearest_event(evs, x.start).casualties.append(x)
            for e in evs:
                own = [d for d in dates if not (d.end <= e.trig.start and (_announcement_date(folded, d, sent.start)
                                                                         or _TRIAL_BEFORE.search(folded, d.end, e.trig.start)))]
                d = _nearest([d for d in c_dates if d in own], e.trig.start)
                if d is None:
                    # once the statement's date is set aside, a later clause's date ("هجمات 11
                    # سبتمبر عام 2001") is not the act's: only an earlier one is (0.8)
                    d = _nearest(own if len(own) == len(dates) else [x for x in own if x.end <= e.trig.start], e.trig.start)
                if d is not None:
                    e.date, e.date_text = d.date, _MUNDH.sub("", d.text)
            pending_places, pending_cas = [], []
            out.extend(evs)
            last_events = evs
        elif last_events:
            if _CONTRAST_START.match(folded, c.start):
                # (0.9) a contrastive clause without a trigger says something else about
                # another place: "تشن بريطانيا ضربات ... في العراق، ولكن ... اقتصرت مشاركتها في سوريا على ..."
                last_events[-1].casualties.extend(c_cas)
                continue
            if c_places and c_cas and not any(p.place.name in {q.place.name for q in last_events[0].places} for p in c_places):
                parent = last_events[-1]
                sub = _Event(parent.type, parent.trig, sent.start, sent.end, places=list(c_places), casualties=list(c_cas),
                             date=parent.date, date_text=parent.date_text, reported_by=reported_by)
                out.append(sub)
            else:
                last_events[-1].places.extend(c_places)
                last_events[-1].casualties.extend(c_cas)
        else:
            pending_places.extend(c_places)
            pending_cas.extend(c_cas)
    for e in out:
        _drop_origins(folded, e)
        _drop_speaker_places(folded, e)
    # actors: subjects before the first trigger go to every event; others to the nearest
    # preceding event trigger of the sentence
    triggers = sorted(((e.trig.start, e.trig.end, e) for e in out if e.places is not None), key=lambda x: x[0])
    for a in actors:
        if a.end <= first_trig:
            for e in out:
                if e.trig.start > first_trig and _SUBORDINATE.search(folded, first_trig, e.trig.start):
                    continue  # (0.11) "تعتقل أحد اقارب الرئيس بعد احتجاجات": the subject is not the later act's
                role = role_for(folded, a, e.trig.start, e.trig.end, sent.start, actors)
                if _allowed(a, role, e.type):
                    e.actors.append((a, role))
        else:
            prev = [x for x in triggers if x[0] <= a.start]
            if not prev:
                continue
            ts, te, _ = prev[-1]
            for ev in [x[2] for x in prev if x[0] == ts]:
                role = role_for(folded, a, ts, te, clauses[clause_of(a.start)].start, actors)
                if _allowed(a, role, ev.type):
                    ev.actors.append((a, role))
    # (0.11) protesters: a counted crowd near a protest trigger initiates it ("آلاف العراقيين يتظاهرون")
    for e in out:
        if e.type == "protest" and not any(r == "initiator" for _, r in e.actors):
            crowd = find_protesters(folded, sent.start, sent.end, e.trig.start, e.trig.end)
            if crowd is not None:
                e.actors.append((crowd, "initiator"))
    return out


_SUBORDINATE = re.compile(r"(?<!\w)[وف]?(?:بعد|قبل|اثر|عقب|اعقاب|خلال|اثناء|جراء|بسبب|احتجاجا)(?!\w)")
_CONTRAST_START = re.compile(r"\s*[«\"(]?\s*(?:[وف]?لكن|[وف]?لكنه|[وف]?لكنها|غير ان|الا ان|بيد ان)(?!\w)")
_ORIGIN_BEFORE = re.compile(r"(?<!\w)(?:من|انطلاقا من|من داخل|من جهه|من اراضي|من الاراضي|من قاعده|من مطار)\s+$")


def _drop_origins(folded: str, ev: _Event) -> None:
    """Shelling/airstrike: a place after "من" ("مقذوف أطلق من اليمن", "انطلاقا من قاعدة
    انجرليك") is the launch origin, not the event place, when another place is left."""
    if ev.type not in _BOMBARD or len(ev.places) < 2:
        return
    keep = [p for p in ev.places if not _ORIGIN_BEFORE.search(folded[max(0, p.start - 20) : p.start])]
    if keep:
        ev.places[:] = keep


# (0.9) a place inside the subject of a speech/condemnation verb that introduces the act is the
# speaker's: "رئيس الجامعة الإسلامية العالمية في باكستان يدين العمل الإرهابي في عسير"
_SPEECH_AFTER = re.compile(
    r"(?:\s+[\w\u0621-\u064a]+){0,3}?\s+[وف]?(?:يدين|ادان|دان|تدين|يستنكر|استنكر|استنكرت|ندد|نددت|شجب|شجبت|قال|قالت|يقول|"
    r"اعلن|اعلنت|يعلن|اكد|اكدت|يوكد|اوضح|اوضحت|افاد|افادت|ذكر|ذكرت|صرح|اعرب|اعربت|يعرب)(?!\w)")


def _drop_speaker_places(folded: str, ev: _Event) -> None:
    if len(ev.places) < 2:
        return
    keep = []
    for p in ev.places:
        m = _SPEECH_AFTER.match(folded, p.end) if p.end <= ev.trig.start else None
        if m is None or m.end() > ev.trig.start or re.search(r"[.،,؛;:\n]", folded[p.end : m.end()]):
            keep.append(p)
    if keep and len(keep) < len(ev.places):
        ev.places[:] = keep


def _nearest_event(evs: list[_Event], pos: int) -> _Event:
    before = [e for e in evs if e.trig.start <= pos]
    return before[-1] if before else evs[0]


def _overlap(a: _Event, b: _Event) -> bool:
    na = {p.place.name for p in a.places}
    if any(p.place.name in na for p in b.places):
        return True
    # a country-only mention ("... في عمليات أمنية غرب العراق") is the same act as one located
    # in a town of that country ("في محيط حي التأميم")
    for x, y in ((a, b), (b, a)):
        if x.places and all(p.place.kind == "country" for p in x.places):
            ccs = {p.place.country for p in x.places}
            if any(p.place.kind != "country" and p.place.country in ccs for p in y.places):
                return True
    return False


def _merge(events: list[_Event]) -> list[_Event]:
    out: list[_Event] = []
    for e in events:
        target = None
        if not e.places and e.date is None:
            target = next((p for p in reversed(out) if p.type == e.type), None)
        if target is None:
            for p in reversed(out):
                if p.type != e.type:
                    continue
                same_place = _overlap(p, e) or not p.places or not e.places
                dates_ok = p.date is None or e.date is None or p.date == e.date
                if same_place and dates_ok:
                    target = p
                    break
        if target is None:
            out.append(e)
            continue
        names = {p.place.name for p in target.places}
        for p in e.places:
            if p.place.name not in names:
                target.places.append(p)
                names.add(p.place.name)
        target.core |= e.core
        target.actors.extend(e.actors)
        target.casualties.extend(e.casualties)
        if target.date is None and e.date is not None:
            target.date, target.date_text = e.date, e.date_text
        if target.reported_by is None:
            target.reported_by = e.reported_by
    return out


# --------------------------------------------------------------------------- rendering
def _place_text(p) -> str:
    """The place name as written without a clitic, unless the "clitic" belongs to the name
    the gazetteer matched ("كاليفورنيا" is not ك + "اليفورنيا") (0.8)."""
    t = clean_phrase(p.text)
    if t != p.text and fold(p.text) != fold(t):
        gaz = Gazetteer.default()
        whole, part = gaz.lookup(p.text), gaz.lookup(t)
        if whole is not None and whole.name == p.place.name and (part is None or part.name != p.place.name):
            return p.text
    return t


_LOCATIVE_BEFORE = re.compile(r"(?:^|\s)[وف]?(?:في|داخل)\s+(?:\S+\s+و)?$")  # also "في سوريا والعراق"


_RESIDENCE_BEFORE = re.compile(r"(?<!\w)(?:اللاجي|اللاجيء|اللاجئ|الموجود|الموجوده|المقيم|المقيمين|المقيمه|يقيم|يقيمون|يسكن|يسكنون|يعيش|يعيشون|المنفي|منفاه)(?!\w)")


_TOPIC_BEFORE = re.compile(r"(?<!\w)[وبل]?(?:لل|ال)?(?:ازمه|حرب|نزاع|صراع|وضع|اوضاع|سلام|تسويه|حل|عمليه|تنظيم|فرع|ملف|ملفي)(?:\s+ال\w+){0,2}\s+في\s+$")


def _locative_country(base: str, p) -> bool:
    """A country governed by في/ب ("وفي العراق نفذت", "بالعراق"), not an origin or an actor."""
    if _RESIDENCE_BEFORE.search(fold(base[max(0, p.start - 30) : p.start])):
        return False  # where someone lives: "هادي الموجود في المنفى في السعودية", "يسكنون في دمشق"
    if _TOPIC_BEFORE.search(fold(base[max(0, p.start - 30) : p.start])):
        return False  # the topic of talks or a call: "حل سلمي للأزمة في اليمن", "الحرب في سوريا"
    return bool(p.place.country) and (fold(p.text[:2]) in ("با", "بم") or fold(p.text[:3]) in ("وبا", "وبم")
                                      or bool(_LOCATIVE_BEFORE.search(fold(base[max(0, p.start - 24) : p.start]))))


def render(e: _Event, base: str, article_id, version: str) -> dict:
    locs, seen = [], set()
    # a country stands only when no more specific place OF THAT COUNTRY is given (0.9):
    # "17 ضربة قرب دير الزور ... وفي العراق نفذت 17 ضربة" keeps العراق next to دير الزور
    spec_cc = {p.place.country for p in e.places if p.place.kind != "country"}
    loc_cc = {p.place.name for p in e.places if p.place.kind == "country" and spec_cc and p.start in e.core
              and _locative_country(base, p)}
    for p in e.places:
        if p.place.kind == "country" and (p.place.country in spec_cc or spec_cc and p.place.name not in loc_cc):
            continue
        if p.place.name in seen:
            continue
        seen.add(p.place.name)
        locs.append({"text": _place_text(p), "name": p.place.name, "country": p.place.country,
                     "lat": p.place.lat, "lon": p.place.lon})
    acts, seen_a = [], {}
    for a, role in e.actors:
        key = a.actor.identity
        if key in seen_a:
            if seen_a[key]["role"] != "initiator" and role == "initiator":
                seen_a[key]["role"] = role
            continue
        d = {"text": a.display(base), "name": a.actor.name, "kind": a.actor.kind, "role": "target" if role == "participant" else role}
        seen_a[key] = d
        acts.append(d)
    cas, seen_c = [], {}
    for c in e.casualties:
        key = (c.kind, c.count, c.group)
        if key in seen_c:
            seen_c[key]["at_least"] = seen_c[key]["at_least"] or c.at_least
            continue
        d = c.as_dict()
        seen_c[key] = d
        cas.append(d)
    return {
        "article_id": article_id,
        "type": e.type,
        "trigger": base[e.trig.start : e.trig.end],
        "sentence": base[e.sent_start : e.sent_end],
        "actors": acts,
        "locations": locs,
        "date": e.date.isoformat() if e.date else None,
        "date_text": e.date_text,
        "casualties": cas,
        "reported_by": e.reported_by,
        "extractor_version": version,
    }
