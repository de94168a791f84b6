"""Article near-duplicate detection: every article gets a story cluster.

``ArticleDeduplicator.add(DedupInput) -> DedupResult`` is the whole stage. It is pure
Python over a :class:`~dedup.store.DedupState` (five key -> value mappings), with no
Kafka or Faust import, so the same code runs offline (``marsad cluster``), in tests and
inside a Faust agent whose tables back the state.

Matching, in order (see docs/dedup.md for the measurements behind the numbers):

1. ``url``: the same canonical URL as an article still in the state.
2. ``hash``: the same content hash (of the folded token sequence).
3. ``minhash``: candidates from MinHash LSH over word 3-gram shingles, then verified on
   a bottom-k shingle sample: Jaccard, or containment of the shorter text in the longer
   (a short report inside a round-up, a trimmed version), and no conflict of the
   distinctive numbers / words that tell two templated stories apart.

``cluster_id`` is the cluster of the best verified match (the first-seen article of the
story), else the article itself. Results never change once given: the stage does not
merge clusters later (a stream's output is immutable).
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import unquote, urlsplit

from dedup.minhash import NUM_PERM, SEED, band_keys, signature
from dedup.shingles import hash_shingles, matching_text, tokens, word_shingles
from dedup.specifics import conflict as specifics_conflict
from dedup.specifics import specifics
from dedup.store import (
    R_BANDS,
    R_CLUSTER,
    R_DUP_OF,
    R_EXACT,
    R_METHOD,
    R_NSHINGLES,
    R_SPECIFICS,
    R_SAMPLE,
    R_SIM,
    R_TS,
    DedupState,
    InMemoryState,
    add_posting,
    expire,
)

__all__ = [
    "DedupInput",
    "DedupResult",
    "DedupConfig",
    "ArticleDeduplicator",
    "canonical_url",
    "content_hash",
    "input_from_article",
    "parse_published",
]

_LITTLE = sys.byteorder == "little"


@dataclass(frozen=True, slots=True)
class DedupInput:
    article_id: str
    published_ts: float
    url: str | None
    content_hash: str
    normalized_text: str


@dataclass(frozen=True, slots=True)
class DedupResult:
    article_id: str
    cluster_id: str
    duplicate_of: str | None
    similarity: float
    method: str  # "new" | "url" | "hash" | "minhash"


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """Tunable parameters (defaults are the measured choice, docs/dedup.md)."""

    shingle_size: int = 3  # word n-grams
    bands: int = 32  # LSH bands ...
    rows: int = 1  # ... of this many MinHash values (num_perm = bands * rows)
    min_band_hits: int = 2  # candidate when it shares at least this many bands
    posting_cap: int = 64  # postings kept per band key (most recent)
    max_candidates: int = 24  # candidates verified per article (most band hits first)
    sample_size: int = 128  # bottom-k shingle sample stored per article
    jaccard_threshold: float = 0.45  # accept on (estimated) Jaccard alone ...
    containment_threshold: float = 0.70  # ... or on containment of the shorter text
    min_containment_shingles: int = 25  # containment needs this many shingles in the shorter text
    min_tokens: int = 8  # shorter texts only match exactly (url / hash)
    bucket_seconds: float = 3600.0  # expiry granularity
    specifics_check: bool = True  # reject pairs whose leads state different numbers / names


# --- inputs --------------------------------------------------------------------------------

_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|ref$|source$|share$|from$|amp$)", re.I)


def canonical_url(url: str | None) -> str | None:
    """Scheme-less, lower-case host without ``www.``/``m.``, decoded path without trailing
    slash, query without tracking parameters (sorted), no fragment."""
    if not url:
        return None
    url = url.strip()
    if not url:
        return None
    try:
        parts = urlsplit(url if "//" in url else f"//{url}")
    except ValueError:
        return url
    host = (parts.hostname or "").lower()
    for prefix in ("www.", "m.", "amp."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    path = unquote(parts.path or "").rstrip("/")
    if path.endswith("/amp"):
        path = path[: -len("/amp")]
    query = "&".join(
        sorted(q for q in (parts.query or "").split("&") if q and not _TRACKING.match(q.split("=", 1)[0]))
    )
    return f"{host}{path}" + (f"?{query}" if query else "")


def content_hash(normalized_text: str) -> str:
    """Hash of the folded token sequence (insensitive to spacing and punctuation)."""
    return hashlib.blake2b(" ".join(tokens(normalized_text)).encode("utf-8"), digest_size=16).hexdigest()


def parse_published(value: Any) -> float:
    """Epoch seconds from a number or an ISO-like date string (naive = UTC)."""
    if isinstance(value, (int, float)):
        return float(value)
    if not value:
        raise ValueError("missing publication time")
    text = str(value).strip().replace("Z", "+00:00")
    dt = datetime.fromisoformat(text)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.timestamp()


def input_from_article(article: Mapping[str, Any]) -> DedupInput:
    """A :class:`DedupInput` from a corpus/raw article dict (``id``, ``published``,
    ``url``, ``title``, ``text``); ``normalized_text`` is folded ``title + "\\n" + text``."""
    article_id = article.get("id") or article.get("article_id")
    if not article_id:
        raise ValueError("article has no id")
    normalized = article.get("normalized_text")
    if normalized is None:
        normalized = matching_text(article.get("title"), article.get("text"))
    published = article.get("published_ts", article.get("published"))
    return DedupInput(
        article_id=str(article_id),
        published_ts=parse_published(published),
        url=article.get("url") or None,
        content_hash=article.get("content_hash") or content_hash(normalized),
        normalized_text=normalized,
    )


# --- the deduplicator -----------------------------------------------------------------------


def _pack(values: list[int]) -> str:
    arr = array("I", values)
    if not _LITTLE:  # pragma: no cover
        arr.byteswap()
    return base64.b64encode(arr.tobytes()).decode("ascii")


def _unpack(text: str) -> array:
    arr = array("I")
    arr.frombytes(base64.b64decode(text))
    if not _LITTLE:  # pragma: no cover
        arr.byteswap()
    return arr


class _Features:
    """Per-article values computed once and reused for every candidate."""

    __slots__ = ("toks", "n", "full32", "sorted_full", "sample", "bands", "specifics")

    def __init__(self, toks, n, full32, sorted_full, bands, spec, sample_size):
        self.toks = toks
        self.n = n
        self.full32 = full32
        self.sorted_full = sorted_full
        self.sample = sorted_full[:sample_size]
        self.bands = bands
        self.specifics = spec


class ArticleDeduplicator:
    """Assigns each article a story cluster; state expires past ``horizon_days``."""

    def __init__(
        self,
        state: DedupState | None = None,
        *,
        horizon_days: float = 7.0,
        threshold: float | None = None,
        containment_threshold: float | None = None,
        config: DedupConfig | None = None,
    ) -> None:
        cfg = config or DedupConfig()
        if threshold is not None or containment_threshold is not None:
            from dataclasses import replace

            cfg = replace(
                cfg,
                jaccard_threshold=cfg.jaccard_threshold if threshold is None else threshold,
                containment_threshold=(
                    cfg.containment_threshold if containment_threshold is None else containment_threshold
                ),
            )
        self.config = cfg
        self.state: DedupState = state if state is not None else InMemoryState()
        self.horizon_seconds = float(horizon_days) * 86400.0
        self.num_perm = cfg.bands * cfg.rows
        self.stats: Counter[str] = Counter()

    # -- public -------------------------------------------------------------------------

    def add(self, item: DedupInput) -> DedupResult:
        """Cluster one article (idempotent: a replayed article gets its first result)."""
        st = self.state
        known = st.articles.get(item.article_id)
        if known is not None:
            self.stats["replayed"] += 1
            return DedupResult(item.article_id, known[R_CLUSTER], known[R_DUP_OF], known[R_SIM], known[R_METHOD])

        ts = float(item.published_ts)
        watermark = st.meta.get("watermark")
        if watermark is None or ts > watermark:
            watermark = ts
            st.meta["watermark"] = ts
            self.stats["expired"] += expire(st, ts, self.horizon_seconds, self.config.bucket_seconds)
        storable = ts >= watermark - self.horizon_seconds

        exact_keys = []
        curl = canonical_url(item.url)
        if curl:
            exact_keys.append("u:" + hashlib.blake2b(curl.encode("utf-8"), digest_size=12).hexdigest())
        if item.content_hash:
            exact_keys.append("h:" + item.content_hash)

        # 1-2. exact duplicates
        for key, method in zip(exact_keys, ("url", "hash") if curl else ("hash",)):
            entry = st.exact.get(key)
            if entry is None:
                continue
            first = st.articles.get(entry[0])
            if first is None:
                continue
            result = DedupResult(item.article_id, first[R_CLUSTER], entry[0], 1.0, method)
            if storable:
                self._store_exact(item, ts, result, exact_keys)
            self.stats[method] += 1
            return result

        # 3. near duplicates
        feats = self._features(item.normalized_text)
        best: tuple[float, str, list] | None = None
        if feats is not None:
            for cand_id in self._candidates(feats, item.article_id):
                record = st.articles.get(cand_id)
                if record is None or not record[R_SAMPLE]:
                    continue
                sim = self._verify(feats, record)
                self.stats["verified"] += 1
                if sim is not None and (best is None or sim > best[0]):
                    best = (sim, cand_id, record)
        if best is not None:
            sim, dup_id, record = best
            result = DedupResult(item.article_id, record[R_CLUSTER], dup_id, round(sim, 4), "minhash")
        else:
            result = DedupResult(item.article_id, item.article_id, None, 0.0, "new")
        self.stats[result.method] += 1
        if storable:
            self._store(item, ts, result, exact_keys, feats)
        return result

    # -- features ------------------------------------------------------------------------

    def _features(self, folded: str) -> _Features | None:
        cfg = self.config
        toks = tokens(folded)
        if len(toks) < cfg.min_tokens:
            return None
        hashes = hash_shingles(word_shingles(toks, cfg.shingle_size))
        full32 = {h >> 32 for h in hashes}
        sorted_full = sorted(full32)
        sig = signature(hashes, self.num_perm, SEED)
        bands = band_keys(sig, cfg.bands, cfg.rows)
        spec = specifics(toks) if cfg.specifics_check else []
        return _Features(toks, len(full32), full32, sorted_full, bands, spec, cfg.sample_size)

    def _candidates(self, feats: _Features, self_id: str) -> list[str]:
        cfg = self.config
        hits: Counter[str] = Counter()
        index = self.state.index
        for key in feats.bands:
            postings = index.get(key)
            if postings:
                for p in postings:
                    hits[p[0]] += 1
        hits.pop(self_id, None)
        need = cfg.min_band_hits
        return [a for a, n in hits.most_common(cfg.max_candidates) if n >= need]

    def _verify(self, feats: _Features, record: list) -> float | None:
        """Similarity if the pair is the same story, else ``None``."""
        cfg = self.config
        sample_b = _unpack(record[R_SAMPLE])
        nb = len(sample_b)
        if nb == 0:
            return None
        full = feats.full32
        inter = sum(1 for h in sample_b if h in full)
        if inter == 0:
            return None
        if nb >= cfg.sample_size:
            # B's sample is its bottom-k: compare in the hash range it covers
            a_r = bisect_right(feats.sorted_full, sample_b[-1])
        else:
            a_r = feats.n  # all of B is stored: exact set comparison
        union = a_r + nb - inter
        jac = inter / union if union else 0.0
        small = min(a_r, nb)
        cont = inter / small if small else 0.0
        n_small = min(feats.n, record[R_NSHINGLES])
        ok = jac >= cfg.jaccard_threshold or (
            cont >= cfg.containment_threshold and n_small >= cfg.min_containment_shingles
        )
        if not ok:
            return None
        if cfg.specifics_check:
            why = specifics_conflict(feats.specifics, record[R_SPECIFICS])
            if why is not None:
                self.stats[f"{why}_conflict"] += 1
                return None
        return max(jac, cont)

    # -- storing -------------------------------------------------------------------------

    def _bucket(self, ts: float) -> str:
        return str(int(ts // self.config.bucket_seconds))

    def _timeline_add(self, article_id: str, ts: float) -> None:
        bucket = self._bucket(ts)
        ids = self.state.timeline.get(bucket)
        self.state.timeline[bucket] = [*ids, article_id] if ids else [article_id]

    def _store_exact(self, item: DedupInput, ts: float, result: DedupResult, exact_keys: list[str]) -> None:
        st = self.state
        for key in exact_keys:
            st.exact[key] = [item.article_id, ts]
        st.articles[item.article_id] = [
            result.cluster_id, ts, result.duplicate_of, result.similarity, result.method,
            0, "", [], [], exact_keys,
        ]
        self._timeline_add(item.article_id, ts)

    def _store(
        self, item: DedupInput, ts: float, result: DedupResult, exact_keys: list[str], feats: _Features | None
    ) -> None:
        st = self.state
        cfg = self.config
        for key in exact_keys:
            st.exact[key] = [item.article_id, ts]
        if feats is not None:
            for key in feats.bands:
                add_posting(st, key, item.article_id, ts, cfg.posting_cap)
        st.articles[item.article_id] = [
            result.cluster_id, ts, result.duplicate_of, result.similarity, result.method,
            feats.n if feats else 0,
            _pack(feats.sample) if feats else "",
            feats.bands if feats else [],
            feats.specifics if feats else [],
            exact_keys,
        ]
        self._timeline_add(item.article_id, ts)

