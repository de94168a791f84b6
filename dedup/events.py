"""Event deduplication: mentions of the same real event, from different articles, merge
into one canonical event.

Pure Python, no Kafka or Faust import. :class:`EventMerger` keeps everything it knows in
one ``key -> value`` mapping (a ``dict`` offline and in tests, a Faust table in the
worker); every value is a small JSON-serialisable dict/list of str / int / float, written
by re-assignment (a Faust table only writes its changelog on ``table[key] = value``).

A *mention* is one extracted event in one article (:class:`Mention`, built by
:func:`mention_from_event`). ``EventMerger.assign(mention)`` returns the canonical
``event_id``: the ``mention_id`` of the first mention of that event. The rules (full
text and examples in docs/events-dedup.md):

* same ``type``;
* dates: both known and ``|d1 - d2| <= date_window_days`` (against every known date of the
  event), or one unknown and the publication times within ``date_window_days + 1`` days;
  mentions of the same story cluster (article dedup) with compatible places merge even
  when dates are missing;
* places: same place, one side without a place, or one inside the other (country/
  province/region containing a city/district, a city containing a district or
  neighbourhood within 30 km). Two sides that both name specific places (city/district/
  neighbourhood) that differ never merge: two airstrikes on two towns the same day stay
  two events;
* actors: no conflict between known initiators (both sides know initiators and share none);
* same sentence: a copy of a sentence held by exactly one event of the same story cluster
  joins that event whatever the extracted dates (a republication resolves "أمس" to
  another day), places still compatible; not when one sentence of an article states
  several events;
* several matching events: the best one (same cluster, most specific place match,
  nearest date, then the oldest event) wins.

State keys (all strings):

``e|<event_id>``        event record (dict: type, dates, places, actors, clusters,
                        first/last publication, and ``s``: up to 4 sentence samples, each
                        ``[[article ids], [word hashes]]``)
``m|<mention_id>``      ``event_id`` given to that mention (replays get the same answer)
``x|<type>|<cc>|<day>`` ``[event_id, ...]`` candidate bucket; ``cc`` is an ISO country or
                        ``-`` (event without a country); ``day`` is ``D<date>`` (a date of
                        the event) or ``P<date>`` (a publication day of one of its mentions)
``k|<type>|<day>``      ``[cc, ...]`` countries present in the buckets of that type/day
                        (for mentions without a place)
``c|<cluster>|<type>``  ``[event_id, ...]`` events of a story cluster
``t|<hour index>``      ``[[kind, id], ...]`` what to expire when that publication hour
                        leaves the horizon (``kind`` ``m`` mention, ``e`` event)
``_meta``               ``{"watermark": ts, "expired_below": hour index}``

Expiry: the watermark is the largest publication time seen; whole publication hours older
than ``watermark - horizon`` are dropped (mentions; events whose last mention is older,
with their bucket entries). Memory is bounded by the mentions of one horizon.
"""

from __future__ import annotations

from typing import Callable

import math
import zlib
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass
from datetime import date as _date
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

__all__ = [
    "Mention",
    "EventMerger",
    "mention_from_event",
    "place_key",
    "places_compatible",
    "actors_compatible",
    "parse_ts",
    "SPECIFIC_KINDS",
    "BROAD_KINDS",
]

DAY = 86400.0
SLOT_SECONDS = 3600.0  # expiry granularity (timeline slots)
SPECIFIC_KINDS = frozenset({"city", "district", "neighbourhood"})
BROAD_KINDS = frozenset({"country", "province", "region"})
# containment radii (km) of broad places, from their approximate centroid
BROAD_RADIUS_KM = {"province": 150.0, "region": 100.0}
CITY_RADIUS_KM = 30.0  # a city contains a district/neighbourhood within this distance
SAME_PLACE_KM = 2.0  # two spellings of one place resolved to different entries
BUCKET_CAP = 256  # event ids kept per bucket (most recent)
MAX_PLACES = 12  # places kept per event record
MAX_ACTORS = 8
MAX_CLUSTERS = 16
MAX_DAYS = 8  # index days kept per event (dates + publication days)
SENTENCE_SAMPLE = 16  # word hashes kept per event sentence (bottom-k)
MAX_SENTENCES = 4  # sentence samples kept per event
MAX_SENTENCE_SOURCES = 8  # article ids kept per sentence sample
SAME_SENTENCE = 0.6  # estimated word Jaccard: two copies of one sentence (an outlet's edit)
# positive evidence a merge needs besides compatibility, unless both are in one story cluster:
# "none" (type + time only), "place" (both sides have places and they agree: same place or one
# inside the other), "specific" (the same city/district)
EVIDENCE_LEVELS = ("none", "place", "specific")


# --------------------------------------------------------------------------- mentions


@dataclass(frozen=True, slots=True)
class Mention:
    """One extracted event in one article.

    ``mention_id`` is ``f"{article_id}:{index}"`` with ``index`` the position of the event
    in the extractor's output for the article (text order, deterministic for a given
    ``extractor_version``). ``places`` are ``(place key, ISO country or None)``;
    ``actors`` the normalized initiators.
    """

    mention_id: str
    article_id: str
    source: str
    published_ts: float
    cluster_id: str | None
    type: str
    date: str | None
    places: tuple[tuple[str, str | None], ...] = ()
    actors: tuple[str, ...] = ()
    #: bottom-k sample of the folded words of the event's sentence (:func:`sentence_sample`)
    sentence: tuple[int, ...] = ()


def _fold(s: str) -> str:
    from arabic.places.gazetteer import fold

    return " ".join(fold(s).split())


@lru_cache(maxsize=8192)
def _resolve(name: str, country: str | None) -> Any:
    """Gazetteer Place for a name (preferring the given country), or None."""
    try:
        from arabic.places.gazetteer import Gazetteer

        gaz = Gazetteer.default()
    except Exception:  # pragma: no cover - gazetteer unavailable
        return None
    place = gaz.lookup(name)
    if place is None:
        return None
    if not country or place.country in (country, ""):
        return place
    # a homonym in the wanted country (طرابلس LY/LB); none: unknown place
    entry = getattr(gaz, "_entries", {}).get(gaz._key(name)) if hasattr(gaz, "_key") else None
    if entry is not None:
        same = [p for p in entry.places if p.country == country]
        if same:
            return max(same, key=lambda p: (p.kind == "country", p.population))
    return None


def place_key(text: str, country: str | None = None) -> str:
    """Normalized key of a place: the folded canonical Arabic name of its gazetteer entry
    (so that spellings and aliases agree), else the folded text as written."""
    place = _resolve(text, country)
    if place is not None:
        return _fold(place.name_ar)
    return _fold(text)


def mention_from_event(
    event: dict, *, article_id: str, source: str, published_ts: float, cluster_id: str | None, index: int
) -> Mention:
    """A :class:`Mention` from an extractor event dict (``../shared/events.md``)."""
    places: list[tuple[str, str | None]] = []
    for loc in event.get("locations") or ():
        text = loc.get("text") or loc.get("name_ar") or loc.get("name")
        if not text:
            continue
        cc = loc.get("country") or None
        key = place_key(text, cc)
        if cc is None:
            p = _resolve(key, None)
            cc = (p.country or None) if p is not None else None
        item = (key, cc)
        if item not in places:
            places.append(item)
    actors: list[str] = []
    for a in event.get("actors") or ():
        if a.get("role") != "initiator":
            continue
        name = a.get("name") or a.get("text")
        if name:
            k = _fold(name)
            if k and k not in actors:
                actors.append(k)
    return Mention(
        # the type is part of the id: a re-extraction that finds another act at the same
        # position is another mention (the old one is retired), not a stale replay
        mention_id=f"{article_id}:{index}:{event.get('type') or ''}",
        article_id=str(article_id),
        source=str(source or ""),
        published_ts=float(published_ts),
        cluster_id=cluster_id,
        type=str(event.get("type") or ""),
        date=_norm_date(event.get("date")),
        places=tuple(places),
        actors=tuple(actors),
        sentence=sentence_sample(event.get("sentence")),
    )


def sentence_sample(sentence: Any, k: int = SENTENCE_SAMPLE) -> tuple[int, ...]:
    """The ``k`` smallest 32-bit hashes (CRC-32, stable across processes) of the distinct
    folded words of a sentence: enough to tell two copies of one sentence (an outlet's
    edit) from two different sentences."""
    if not sentence or not isinstance(sentence, str):
        return ()
    from dedup.shingles import fold_for_matching, tokens

    words = {zlib.crc32(w.encode("utf-8")) for w in tokens(fold_for_matching(sentence))}
    return tuple(sorted(words)[:k])


def sentence_similarity(a: Sequence[int], b: Sequence[int], k: int = SENTENCE_SAMPLE) -> float:
    """Estimated word Jaccard of two sentences from their bottom-k samples."""
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    union = sorted(sa | sb)[:k]
    return sum(1 for h in union if h in sa and h in sb) / len(union)


def parse_ts(value: Any) -> float:
    """Epoch seconds from a number or an ISO-like string (naive = UTC)."""
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, datetime):
        dt = value
    else:
        dt = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.timestamp()


def _norm_date(value: Any) -> str | None:
    if not value:
        return None
    try:
        return _date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None


def _day_index(d: str) -> int:
    return _date.fromisoformat(d).toordinal()


def _day_of_ts(ts: float) -> int:
    return datetime.fromtimestamp(ts, tz=timezone.utc).date().toordinal()


def _slot(ts: float) -> int:
    """Expiry time slot (hour index) of a publication time."""
    return int(ts // SLOT_SECONDS)


def _iso(ordinal: int) -> str:
    return _date.fromordinal(ordinal).isoformat()


# --------------------------------------------------------------------------- places


@dataclass(frozen=True, slots=True)
class _PlaceInfo:
    key: str
    country: str | None
    kind: str  # country/province/region/city/district/neighbourhood; "city" when unknown
    lat: float | None
    lon: float | None


@lru_cache(maxsize=8192)
def _info(key: str, country: str | None) -> _PlaceInfo:
    p = _resolve(key, country)
    if p is None:
        return _PlaceInfo(key, country, "city", None, None)  # unknown: treated as specific
    return _PlaceInfo(key, country or p.country or None, p.kind, p.lat, p.lon)


def _km(a: _PlaceInfo, b: _PlaceInfo) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _same(a: _PlaceInfo, b: _PlaceInfo) -> bool:
    if a.key == b.key:
        return a.country is None or b.country is None or a.country == b.country
    if a.kind != b.kind or a.country != b.country:
        return False
    d = _km(a, b)
    return d is not None and d <= SAME_PLACE_KM


def _contains(outer: _PlaceInfo, inner: _PlaceInfo) -> bool:
    """``inner`` lies inside ``outer`` (strictly broader kind)."""
    if outer.kind == "country":
        return inner.kind != "country" and bool(outer.country) and outer.country == inner.country
    if outer.kind in BROAD_RADIUS_KM:
        if inner.kind == "country":
            return False
        if outer.kind == "region" and inner.kind == "province":
            return False
        if not outer.country:  # multi-country region (الشرق الأوسط): vague, contains anything
            return True
        if outer.country != inner.country:
            return False
        d = _km(outer, inner)
        return d is None or d <= BROAD_RADIUS_KM[outer.kind]
    if outer.kind == "city" and inner.kind in ("district", "neighbourhood"):
        if outer.country and inner.country and outer.country != inner.country:
            return False
        d = _km(outer, inner)
        return d is not None and d <= CITY_RADIUS_KM
    if outer.kind == "district" and inner.kind == "neighbourhood":
        d = _km(outer, inner)
        return d is not None and d <= CITY_RADIUS_KM / 3
    return False


def _related(a: _PlaceInfo, b: _PlaceInfo) -> int:
    """2 same place, 1 one inside the other, 0 unrelated."""
    if _same(a, b):
        return 2
    if _contains(a, b) or _contains(b, a):
        return 1
    return 0


def _covered(xs: Sequence[_PlaceInfo], ys: Sequence[_PlaceInfo]) -> bool:
    return all(any(_related(x, y) for y in ys) for x in xs)


def _place_score(a: Sequence[_PlaceInfo], b: Sequence[_PlaceInfo]) -> int:
    """-1 incompatible; else how specific the agreement is (3 same specific place,
    2 one inside the other / same broad place, 1 one side has no place)."""
    if not a or not b:
        return 1
    a_spec = [p for p in a if p.kind in SPECIFIC_KINDS]
    b_spec = [p for p in b if p.kind in SPECIFIC_KINDS]
    a_broad = [p for p in a if p.kind not in SPECIFIC_KINDS]
    b_broad = [p for p in b if p.kind not in SPECIFIC_KINDS]
    if a_spec and b_spec:
        # the most specific level both sides know decides: one side's specific places must
        # all be the same as (or contain / lie inside) the other side's specific places
        if not (_covered(a_spec, b_spec) or _covered(b_spec, a_spec)):
            return -1
        same = any(_same(x, y) for x in a_spec for y in b_spec)
        return 3 if same else 2
    if a_spec or b_spec:
        spec, broad = (a_spec, b_broad) if a_spec else (b_spec, a_broad)
        # every specific place inside one of the other side's broad places
        return 2 if all(any(_contains(o, s) for o in broad) for s in spec) else -1
    # both only broad places
    if _covered(a_broad, b_broad) or _covered(b_broad, a_broad):
        return 2
    return -1


def places_compatible(a: Sequence[tuple[str, str | None]], b: Sequence[tuple[str, str | None]]) -> bool:
    """Whether two place lists ``[(key, country), ...]`` can describe the same event."""
    return _place_score([_info(k, c) for k, c in a], [_info(k, c) for k, c in b]) >= 0


def actors_compatible(a: Sequence[str], b: Sequence[str]) -> bool:
    """No two different known initiators: compatible unless both sides know initiators
    and share none."""
    return not a or not b or bool(set(a) & set(b))


# --------------------------------------------------------------------------- merger


class EventMerger:
    """Assigns each mention the canonical event it belongs to (see module docstring)."""

    META = "_meta"

    def __init__(
        self,
        state: MutableMapping[str, Any] | None = None,
        *,
        date_window_days: int = 1,
        horizon_days: float = 7.0,
        evidence: str = "place",
    ) -> None:
        if evidence not in EVIDENCE_LEVELS:
            raise ValueError(f"evidence must be one of {EVIDENCE_LEVELS}")
        self.state: MutableMapping[str, Any] = state if state is not None else {}
        self.window = int(date_window_days)
        self.evidence = evidence
        #: optional ``ts -> event time`` for the expiry watermark (see
        #: agents.dedup_state.PartitionWatermark)
        self.event_time: Callable[[float], float] | None = None
        self.horizon_seconds = float(horizon_days) * DAY
        self.stats: dict[str, int] = {}

    @property
    def _min_score(self) -> int:
        return {"none": 1, "place": 2, "specific": 3}[self.evidence]

    def _count(self, what: str, n: int = 1) -> None:
        self.stats[what] = self.stats.get(what, 0) + n

    # -- public ---------------------------------------------------------------------------

    def assign(self, m: Mention) -> str:
        """The canonical event_id of ``m`` (deterministic given the stream order;
        idempotent: a replayed mention gets its first answer while still in the state)."""
        st = self.state
        known = st.get("m|" + m.mention_id)
        if known is not None:
            self._count("replayed")
            return known
        ts = float(m.published_ts)
        meta = dict(st.get(self.META) or {})
        watermark = meta.get("watermark")
        advance = ts if self.event_time is None else self.event_time(ts)
        if watermark is None or advance > watermark:
            meta["watermark"] = watermark = advance
            st[self.META] = meta
            self._expire(advance)
        storable = ts >= watermark - self.horizon_seconds

        best = self._best(m)
        if best is None:
            event_id = m.mention_id
            self._count("new")
            if storable:
                self._create(m)
        else:
            event_id, record = best
            self._count("merged")
            if storable:
                self._update(event_id, record, m)
        if storable:
            st["m|" + m.mention_id] = event_id
            self._timeline_add(ts, "m", m.mention_id)
        return event_id

    def event(self, event_id: str) -> dict | None:
        """The stored record of an event (None once expired)."""
        return self.state.get("e|" + event_id)

    # -- matching -------------------------------------------------------------------------

    def _candidate_ids(self, m: Mention) -> list[str]:
        st = self.state
        w = self.window
        pday = _day_of_ts(m.published_ts)
        days: list[str] = []
        if m.date:
            d = _day_index(m.date)
            days += [f"D{_iso(d + i)}" for i in range(-w, w + 1)]
        days += [f"P{_iso(pday + i)}" for i in range(-(w + 1), w + 2)]
        if m.places:
            ccs = sorted({c or "-" for _, c in m.places} | {"-"})
        else:
            ccs = None
        seen: dict[str, None] = {}
        for day in days:
            countries = ccs if ccs is not None else (st.get(f"k|{m.type}|{day}") or [])
            for cc in countries:
                for eid in st.get(f"x|{m.type}|{cc}|{day}") or ():
                    seen.setdefault(eid, None)
        if m.cluster_id:
            for eid in st.get(f"c|{m.cluster_id}|{m.type}") or ():
                seen.setdefault(eid, None)
        return list(seen)

    def _dates_ok(self, m: Mention, rec: dict, same_cluster: bool) -> tuple[bool, int]:
        """(compatible, distance in days for ranking)."""
        w = self.window
        dates = rec.get("d")  # [min, max] of the event's known dates, or None
        if m.date and dates:
            d = _day_index(m.date)
            lo, hi = _day_index(dates[0]), _day_index(dates[1])
            dist = max(abs(d - lo), abs(d - hi))
            return dist <= w, dist
        if same_cluster:
            return True, w + 1
        # one side unknown: publication times within window + 1 days
        ts = m.published_ts
        f, l = rec["f"], rec["l"]
        gap = max(0.0, f - ts, ts - l)
        if gap > (w + 1) * DAY:
            return False, 99
        # a known date and the other side's publication day must be consistent: reports
        # come after the event (1 day of slack for time zones), within window + 1 days
        if m.date:
            d = _day_index(m.date)
            pdays = [_day_of_ts(f), _day_of_ts(l)]
            if any(p < d - 1 for p in pdays) or min(pdays) > d + w + 1:
                return False, 99
        elif dates:
            p = _day_of_ts(ts)
            lo, hi = _day_index(dates[0]), _day_index(dates[1])
            if p < hi - 1 or p > lo + w + 1:
                return False, 99
        return True, w + 1

    def _best(self, m: Mention) -> tuple[str, dict] | None:
        st = self.state
        m_places = [_info(k, c) for k, c in m.places]
        best: tuple[tuple, str, dict] | None = None
        # events of the same story holding a copy of the mention's sentence
        same_sentence: list[tuple[str, dict]] = []
        ambiguous = False
        for eid in self._candidate_ids(m):
            rec = st.get("e|" + eid)
            if rec is None or rec.get("t") != m.type:
                continue
            if not actors_compatible(m.actors, rec.get("a") or ()):
                continue
            same_cluster = bool(m.cluster_id) and m.cluster_id in (rec.get("c") or ())
            if same_cluster and m.sentence:
                for sources, sample in rec.get("s") or ():
                    if sentence_similarity(m.sentence, sample) >= SAME_SENTENCE:
                        if m.article_id in sources:
                            ambiguous = True  # one sentence of this article states two events
                        else:
                            same_sentence.append((eid, rec))
                        break
            score = _place_score(m_places, [_info(k, c) for k, c in rec.get("p") or ()])
            if score < 0:
                continue
            if not same_cluster and score < self._min_score:
                continue  # compatible, but no positive evidence of identity
            ok, dist = self._dates_ok(m, rec, same_cluster)
            if not ok:
                continue
            # rank: same story cluster, place specificity, date distance, oldest event, id
            rank = (0 if same_cluster else 1, -score, dist, rec["f"], eid)
            if best is None or rank < best[0]:
                best = (rank, eid, rec)
        if len(same_sentence) == 1 and not ambiguous:
            # the same sentence in another copy of the same story, and only one event of the
            # story has it: the same event, even when the extractor resolved its date
            # differently in the edited copy ("أمس" a day later). Places must still agree.
            # (Several events with that sentence: it states several events, and places and
            # dates decide as usual.)
            eid, rec = same_sentence[0]
            if _place_score(m_places, [_info(k, c) for k, c in rec.get("p") or ()]) >= 0:
                return eid, rec
        return None if best is None else (best[1], best[2])

    # -- storing --------------------------------------------------------------------------

    def _index_keys(self, rec: dict) -> list[str]:
        days = [f"D{d}" for d in rec.get("dd") or ()] + [f"P{_iso(p)}" for p in rec.get("pd") or ()]
        ccs = sorted({c or "-" for _, c in rec.get("p") or ()}) or ["-"]
        return [f"x|{rec['t']}|{cc}|{day}" for day in days for cc in ccs]

    def _add_to_index(self, eid: str, rec: dict, keys: list[str]) -> None:
        st = self.state
        for key in keys:
            ids = st.get(key) or []
            if eid not in ids:
                ids = [*ids, eid][-BUCKET_CAP:]
                st[key] = ids
            _, typ, cc, day = key.split("|", 3)
            kkey = f"k|{typ}|{day}"
            ccs = st.get(kkey) or []
            if cc not in ccs:
                st[kkey] = sorted([*ccs, cc])
        if rec.get("c"):
            for cl in rec["c"]:
                ckey = f"c|{cl}|{rec['t']}"
                ids = st.get(ckey) or []
                if eid not in ids:
                    st[ckey] = [*ids, eid][-BUCKET_CAP:]

    def _create(self, m: Mention) -> None:
        pday = _day_of_ts(m.published_ts)
        rec = {
            "t": m.type,
            "d": [m.date, m.date] if m.date else None,
            "dd": [m.date] if m.date else [],
            "pd": [pday],
            "p": [[k, c] for k, c in m.places][:MAX_PLACES],
            "a": list(m.actors)[:MAX_ACTORS],
            "c": [m.cluster_id] if m.cluster_id else [],
            "f": float(m.published_ts),
            "l": float(m.published_ts),
            "n": 1,
            "x": [],
            "s": [[[m.article_id], list(m.sentence)]] if m.sentence else [],
        }
        keys = self._index_keys(rec)
        rec["x"] = keys
        self.state["e|" + m.mention_id] = rec
        self._add_to_index(m.mention_id, rec, keys)
        self._timeline_add(m.published_ts, "e", m.mention_id)

    def _update(self, eid: str, rec: dict, m: Mention) -> None:
        rec = dict(rec)
        if m.date:
            if rec.get("d"):
                rec["d"] = [min(rec["d"][0], m.date), max(rec["d"][1], m.date)]
            else:
                rec["d"] = [m.date, m.date]
            if m.date not in rec["dd"] and len(rec["dd"]) + len(rec["pd"]) < MAX_DAYS:
                rec["dd"] = sorted([*rec["dd"], m.date])
        pday = _day_of_ts(m.published_ts)
        if pday not in rec["pd"] and len(rec["dd"]) + len(rec["pd"]) < MAX_DAYS:
            rec["pd"] = sorted([*rec["pd"], pday])
        places = [list(p) for p in rec.get("p") or ()]
        for k, c in m.places:
            if [k, c] not in places and len(places) < MAX_PLACES:
                places.append([k, c])
        rec["p"] = places
        actors = list(rec.get("a") or ())
        for a in m.actors:
            if a not in actors and len(actors) < MAX_ACTORS:
                actors.append(a)
        rec["a"] = actors
        # sentence samples with the articles that stated them
        sentences = [[list(x[0]), list(x[1])] for x in rec.get("s") or ()]
        if m.sentence:
            same = next((x for x in sentences if sentence_similarity(m.sentence, x[1]) >= SAME_SENTENCE), None)
            if same is not None:
                if m.article_id not in same[0] and len(same[0]) < MAX_SENTENCE_SOURCES:
                    same[0].append(m.article_id)
            elif len(sentences) < MAX_SENTENCES:
                sentences.append([[m.article_id], list(m.sentence)])
        rec["s"] = sentences
        if m.cluster_id and m.cluster_id not in rec["c"] and len(rec["c"]) < MAX_CLUSTERS:
            rec["c"] = [*rec["c"], m.cluster_id]
        rec["f"] = min(rec["f"], float(m.published_ts))
        old_last = rec["l"]
        rec["l"] = max(rec["l"], float(m.published_ts))
        rec["n"] = int(rec.get("n", 1)) + 1
        keys = self._index_keys(rec)
        new_keys = [k for k in keys if k not in rec["x"]]
        rec["x"] = [*rec["x"], *new_keys]
        self.state["e|" + eid] = rec
        self._add_to_index(eid, rec, new_keys)
        if _slot(rec["l"]) != _slot(old_last):
            # expiry checks the event again in the hour of its latest mention
            self._timeline_add(rec["l"], "e", eid)

    def _timeline_add(self, ts: float, kind: str, ident: str) -> None:
        key = f"t|{_slot(ts)}"
        items = self.state.get(key) or []
        self.state[key] = [*items, [kind, ident]]

    # -- expiry ---------------------------------------------------------------------------

    def _expire(self, watermark: float) -> None:
        st = self.state
        meta = dict(st.get(self.META) or {})
        cutoff = watermark - self.horizon_seconds
        # an hour slot expires once it lies entirely before the cutoff
        last_expired = _slot(cutoff) - 1
        start = meta.get("expired_below")
        if start is None:
            # first call: nothing older can be stored than the first day seen
            meta["expired_below"] = last_expired + 1
            st[self.META] = meta
            return
        for slot in range(int(start), last_expired + 1):
            items = st.get(f"t|{slot}")
            if items is None:
                continue
            for kind, ident in items:
                if kind == "m":
                    if st.get("m|" + ident) is not None:
                        del st["m|" + ident]
                        self._count("expired_mentions")
                else:
                    rec = st.get("e|" + ident)
                    if rec is None:
                        continue
                    if rec["l"] >= cutoff or _slot(rec["l"]) > last_expired:
                        continue  # still alive: it is also listed under its latest hour
                    self._drop_event(ident, rec)
            del st[f"t|{slot}"]
        meta["expired_below"] = max(int(start), last_expired + 1)
        st[self.META] = meta

    def _drop_event(self, eid: str, rec: dict) -> None:
        st = self.state
        for key in rec.get("x") or ():
            ids = st.get(key)
            if ids is None:
                continue
            ids = [i for i in ids if i != eid]
            if ids:
                st[key] = ids
            else:
                del st[key]
                _, typ, cc, day = key.split("|", 3)
                kkey = f"k|{typ}|{day}"
                ccs = [c for c in st.get(kkey) or () if c != cc]
                if ccs:
                    st[kkey] = ccs
                elif kkey in st:
                    del st[kkey]
        for cl in rec.get("c") or ():
            ckey = f"c|{cl}|{rec['t']}"
            ids = [i for i in st.get(ckey) or () if i != eid]
            if ids:
                st[ckey] = ids
            elif ckey in st:
                del st[ckey]
        del st["e|" + eid]
        self._count("expired_events")
