"""Event merging quality: pairwise precision / recall / F1 of event clusters.

Proxy gold (approximate, see docs/events-dedup.md): on the conflict articles of
``../shared/corpus/saudinewsnet-neardup.jsonl``, two extracted mentions are the same
real event iff their articles share a ``group_id`` (the same wire story republished by
several outlets, machine-grouped) AND the mentions have the same ``type``. It misses
same-event reports written independently (different groups: merges there count as false
positives) and lumps two different same-type events of one story together (keeping them
apart counts as false negatives), so absolute figures are indicative; compare settings.

``evaluate_event_merging(articles, extract=..., cluster_of=...)`` streams the articles in
publication order through :class:`dedup.events.EventMerger` and scores the result;
``eval_events`` is the click command (``marsad eval events`` once wired).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from dedup.events import EventMerger, mention_from_event, parse_ts

__all__ = [
    "CONFLICT_RE",
    "is_conflict_article",
    "pairwise_prf",
    "evaluate_event_merging",
    "load_articles",
    "group_clusters",
    "minhash_clusters",
    "eval_events",
]

DEFAULT_FILE = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "saudinewsnet-neardup.jsonl"

# Conflict vocabulary (act words, not country names), searched in title + first 800 chars.
CONFLICT_RE = re.compile(
    r"غارة|غارات|قصف|قذائف|قذيفة|صاروخ|صواريخ|هاون|تفجير|انفجار|مفخخ|انتحاري|عبوة ناسفة|اشتباك|معارك|"
    r"مسلح|اغتيال|إعدام|اعدام|هدنة|وقف إطلاق|وقف اطلاق|مفاوضات|إجلاء|اجلاء|حصار|اعتقال|القبض على|"
    r"تظاهر|احتجاج|نزوح|نازح|قتلى|مقتل|قتل|استشهاد|جرحى|إصابة|اصابة"
)


def is_conflict_article(article: dict) -> bool:
    text = f"{article.get('title') or ''} {(article.get('text') or '')[:800]}"
    return CONFLICT_RE.search(text) is not None


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise_prf(pred: dict[str, str], gold: dict[str, str]) -> dict:
    """Pairwise P/R/F1 of a predicted clustering against a gold one (item -> cluster label,
    same items), counted from the contingency table (no quadratic loop)."""
    items = pred.keys() & gold.keys()
    both = Counter((pred[i], gold[i]) for i in items)
    tp = sum(_pairs(n) for n in both.values())
    pp = sum(_pairs(n) for n in Counter(pred[i] for i in items).values())
    gp = sum(_pairs(n) for n in Counter(gold[i] for i in items).values())
    fp, fn = pp - tp, gp - tp
    p = tp / pp if pp else 0.0
    r = tp / gp if gp else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def _default_extract() -> Callable[[dict], list[dict]]:
    from arabic.extract import extract_events

    return extract_events


def evaluate_event_merging(
    articles: Iterable[dict],
    extract: Callable[[dict], list[dict]] | None = None,
    cluster_of: Callable[[dict], str | None] | None = None,
    *,
    date_window_days: int = 1,
    horizon_days: float = 7.0,
    conflict_only: bool = True,
    evidence: str = "place",
    show: int = 0,
) -> dict:
    """Pairwise P/R/F1 of event merging on ``articles`` (corpus rows with ``id``,
    ``source``, ``published``, ``title``, ``text``, ``group_id``).

    ``extract``: article dict -> event dicts (default ``arabic.extract.extract_events``).
    ``cluster_of``: article -> story cluster id, called in publication order (default: no
    clusters; see :func:`group_clusters` and :func:`minhash_clusters`). Articles are kept
    when they have conflict vocabulary (``conflict_only``) and at least one event.
    Baselines are scored on the same mentions: ``no_merge`` (every mention alone) and
    ``type_day`` (same type and same date, or publication day when undated).
    ``show``: also return the ``show`` predicted events spanning most proxy-gold groups
    (``cross_group``: titles per group), to judge whether those merges are errors or
    the proxy's (one event covered by several different stories).
    """
    extract = extract or _default_extract()
    rows = sorted(articles, key=lambda a: (parse_ts(a["published"]), str(a["id"])))
    merger = EventMerger(date_window_days=date_window_days, horizon_days=horizon_days, evidence=evidence)
    pred: dict[str, str] = {}
    gold: dict[str, str] = {}
    naive: dict[str, str] = {}
    errors: list[str] = []
    n_conflict = n_with_events = 0
    types: Counter[str] = Counter()
    titles: dict[str, str] = {}
    t0 = time.perf_counter()
    for art in rows:
        if conflict_only and not is_conflict_article(art):
            continue
        n_conflict += 1
        ts = parse_ts(art["published"])
        payload = {"article_id": art["id"], "title": art.get("title") or "", "text": art.get("text") or "",
                   "published": art["published"]}
        try:
            events = list(extract(payload) or [])
        except Exception as exc:  # an extractor crash counts as no events for that article
            errors.append(f"{art['id']}: {type(exc).__name__}: {exc}")
            events = []
        cluster = cluster_of(art) if cluster_of is not None else None
        if not events:
            continue
        n_with_events += 1
        for i, ev in enumerate(events):
            m = mention_from_event(ev, article_id=str(art["id"]), source=str(art.get("source") or ""),
                                   published_ts=ts, cluster_id=cluster, index=i)
            pred[m.mention_id] = merger.assign(m)
            gold[m.mention_id] = f"{art.get('group_id') or art['id']}|{m.type}"
            day = m.date or time.strftime("%Y-%m-%d", time.gmtime(ts))
            naive[m.mention_id] = f"{m.type}|{day}"
            titles.setdefault(gold[m.mention_id], (art.get("title") or "")[:80])
            types[m.type] += 1
    elapsed = time.perf_counter() - t0
    ident = {k: k for k in pred}
    n_events = len(set(pred.values()))
    multi = Counter(pred.values())
    cross: list[dict] = []
    if show:
        members: dict[str, set[str]] = {}
        for mid, eid in pred.items():
            members.setdefault(eid, set()).add(gold[mid])
        top = sorted(members.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:show]
        cross = [{"event_id": eid, "groups": len(gs), "titles": [titles[g] for g in sorted(gs)][:12]}
                 for eid, gs in top if len(gs) > 1]
    return {
        "articles": len(rows),
        "conflict_articles": n_conflict,
        "articles_with_events": n_with_events,
        "mentions": len(pred),
        "events": n_events,
        "events_multi_mention": sum(1 for n in multi.values() if n > 1),
        "gold_events": len(set(gold.values())),
        "types": dict(types.most_common()),
        "merge": pairwise_prf(pred, gold),
        "baselines": {"no_merge": pairwise_prf(ident, gold), "type_day": pairwise_prf(naive, gold)},
        "merger_stats": dict(sorted(merger.stats.items())),
        "state_keys": len(merger.state),
        "extractor_errors": len(errors),
        "error_samples": errors[:3],
        "seconds": round(elapsed, 2),
        "cross_group": cross,
        "settings": {"date_window_days": date_window_days, "horizon_days": horizon_days,
                     "conflict_only": conflict_only, "evidence": evidence},
    }


# --- clusters ------------------------------------------------------------------------------


def group_clusters() -> Callable[[dict], str | None]:
    """Story cluster = the file's ``group_id`` (perfect article dedup; an upper bound, and
    it leaks the proxy gold's grouping)."""
    return lambda art: art.get("group_id")


def minhash_clusters(**kwargs: Any) -> Callable[[dict], str | None]:
    """Story clusters from the project's article dedup (``dedup.articles``), in stream order."""
    from dedup.articles import ArticleDeduplicator, input_from_article

    dd = ArticleDeduplicator(**kwargs)

    def cluster_of(art: dict) -> str | None:
        return dd.add(input_from_article(art)).cluster_id

    return cluster_of


def load_articles(path: Path, limit: int | None = None) -> list[dict]:
    out = []
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
                if limit and len(out) >= limit:
                    break
    return out


def format_table(res: dict) -> str:
    lines = [
        f"event merging: {res['articles']} articles, {res['conflict_articles']} conflict, "
        f"{res['articles_with_events']} with events; {res['mentions']} mentions -> {res['events']} events "
        f"({res['events_multi_mention']} with 2+ mentions; proxy gold {res['gold_events']}); {res['seconds']} s",
        f"  {'method':<12}{'P':>7}{'R':>7}{'F1':>7}{'TP':>8}{'FP':>8}{'FN':>8}",
    ]
    for name, m in [("merger", res["merge"]), *res["baselines"].items()]:
        lines.append(f"  {name:<12}{m['p']:>7.3f}{m['r']:>7.3f}{m['f1']:>7.3f}{m['tp']:>8}{m['fp']:>8}{m['fn']:>8}")
    for e in res["error_samples"]:
        lines.append(f"  error: {e}")
    for ev in res.get("cross_group") or ():
        lines.append(f"  event {ev['event_id']}: {ev['groups']} proxy-gold groups")
        lines.extend(f"      {t}" for t in ev["titles"])
    return "\n".join(lines)


@click.command("events")
@click.option("--file", "path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=DEFAULT_FILE,
              show_default=True, help="Near-duplicate corpus with group_id (the proxy gold).")
@click.option("--clusters", type=click.Choice(["none", "minhash", "group"]), default="minhash", show_default=True,
              help="Story clusters given to the merger: none, the project's article dedup, or the file's group_id "
                   "(upper bound; leaks the proxy gold).")
@click.option("--window", "date_window_days", type=int, default=1, show_default=True, help="Date window (days).")
@click.option("--horizon", "horizon_days", type=float, default=7.0, show_default=True, help="State horizon (days).")
@click.option("--evidence", type=click.Choice(["none", "place", "specific"]), default="specific", show_default=True,
              help="Positive evidence a merge needs outside a story cluster (dedup.events.EVIDENCE_LEVELS).")
@click.option("--all-articles", is_flag=True, help="Do not require conflict vocabulary (only extracted events).")
@click.option("--limit", type=int, default=None, help="Read only the first N articles of the file.")
@click.option("--show", type=int, default=0, help="Print the N events merged across most proxy-gold groups.")
def eval_events(path: Path, clusters: str, date_window_days: int, horizon_days: float, evidence: str,
                all_articles: bool, limit: int | None, show: int) -> None:
    """Pairwise P/R/F1 of event merging on the conflict articles of the near-dup corpus
    (proxy gold: same group_id and same type). Last line: one JSON object."""
    articles = load_articles(path, limit)
    cluster_of = {"none": None, "group": group_clusters, "minhash": minhash_clusters}[clusters]
    res = evaluate_event_merging(
        articles,
        cluster_of=cluster_of() if cluster_of else None,
        date_window_days=date_window_days,
        horizon_days=horizon_days,
        conflict_only=not all_articles,
        evidence=evidence,
        show=show,
    )
    res["settings"]["clusters"] = clusters
    click.echo(format_table(res))
    click.echo(json.dumps(res, ensure_ascii=False))
