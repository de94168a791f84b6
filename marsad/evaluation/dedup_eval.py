"""`marsad eval dedup [PATH]`: pairwise precision / recall / F1 of story clusters.

Runs the dedup stage (:class:`dedup.articles.ArticleDeduplicator`, in-memory state) over a
JSONL corpus whose articles carry a ``group_id`` (default
``../shared/corpus/saudinewsnet-neardup.jsonl``), fed in publication-time order like a
stream (``--order input`` keeps file order), and compares the clusters with the groups:

- pairwise: a pair of articles is predicted positive when both get the same
  ``cluster_id``, gold positive when both have the same ``group_id``; P = TP / predicted
  pairs, R = TP / gold pairs, F1 their harmonic mean.

The near-dup groups were made by a machine (word trigrams, Jaccard >= 0.45 to a group
centre, no chaining), not by people: a story republished widely can be split over
several groups, and templated stories (two executions, two congratulation cables, the
fifth and sixth relief plane) can share a group. So the command also analyses the
disagreements:

- FP links: the matches (article -> duplicate_of) that joined two groups, ranked by the
  number of false-positive pairs their clusters carry, with both titles and scores;
- FN pairs: every same-group pair left in two clusters, by reason (``conflict:numbers`` /
  ``conflict:places``: the leads state different numbers or places, i.e. templated
  stories the group merged; ``below-threshold``; ``lsh-miss``; ``horizon``: published
  further apart than the horizon; ``elsewhere``: the pair matches but each article went to
  a better-matching cluster), with examples.

``--pairs FILE`` also scores labelled pairs (JSONL ``{"a": id, "b": id, "same": bool}``,
ids of PATH): a pair is predicted same when both articles share a cluster.

Progress goes to stderr (rich, on a terminal); figures to stdout; the last line is one
JSON object.
"""

from __future__ import annotations

from marsad.progress import progress_bar

import json
import os
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

DEFAULT_FILE = "saudinewsnet-neardup.jsonl"


def default_corpus_dir() -> Path:
    """``$MARSAD_CORPUS_DIR`` or ``../shared/corpus`` beside the project root."""
    env = os.environ.get("MARSAD_CORPUS_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def load_jsonl(path: Path, limit: int = 0) -> list[dict[str, Any]]:
    import orjson

    rows = []
    with Path(path).open("rb") as fh:
        for line in fh:
            if line.strip():
                rows.append(orjson.loads(line))
                if limit and len(rows) >= limit:
                    break
    return rows


def pairwise(gold: dict[str, str], pred: dict[str, str]) -> dict[str, Any]:
    """Pairwise counts and P/R/F1 of a predicted clustering against gold groups."""

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    cells = Counter((gold[k], pred[k]) for k in gold)
    tp = sum(pairs(n) for n in cells.values())
    pred_pairs = sum(pairs(n) for n in Counter(pred[k] for k in gold).values())
    gold_pairs = sum(pairs(n) for n in Counter(gold.values()).values())
    p = tp / pred_pairs if pred_pairs else 1.0
    r = tp / gold_pairs if gold_pairs else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"gold_pairs": gold_pairs, "predicted_pairs": pred_pairs, "tp": tp,
            "fp": pred_pairs - tp, "fn": gold_pairs - tp,
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _short(text: str, n: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def run_clusters(rows: list[dict], order: str, horizon_days: float, config) -> tuple[dict, dict, Any, float, float]:
    """Cluster ``rows``; returns (results by id, inputs by id, deduplicator, cpu s, wall s)."""
    from dedup.articles import ArticleDeduplicator, input_from_article

    inputs = {}
    for r in rows:
        item = input_from_article(r)
        inputs[item.article_id] = item
    seq = list(inputs.values())
    if order == "published":
        seq.sort(key=lambda it: it.published_ts)  # stable: ties keep file order
    dedup = ArticleDeduplicator(horizon_days=horizon_days, config=config)
    progress = progress_bar("clustering", len(seq))
    results = {}
    c0, w0 = time.process_time(), time.perf_counter()
    for i, item in enumerate(seq, 1):
        results[item.article_id] = dedup.add(item)
        if progress is not None and i % 250 == 0:
            progress.update(progress.task_ids[0], completed=i)
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    if progress is not None:
        progress.stop()
    return results, inputs, dedup, cpu, wall


def analyse(rows: list[dict], results: dict, inputs: dict, dedup, horizon_days: float,
            examples: int, echo) -> dict[str, Any]:
    """FP links and FN pairs against ``group_id`` (see module doc); prints examples."""
    by_id = {str(r.get("id") or r.get("article_id")): r for r in rows}
    gold = {k: str(by_id[k]["group_id"]) for k in results}
    cluster = {k: v.cluster_id for k, v in results.items()}
    feats: dict[str, Any] = {}

    def feat(aid: str):
        if aid not in feats:
            feats[aid] = dedup.features(inputs[aid].normalized_text, inputs[aid].published_ts)
        return feats[aid]

    def title(aid: str) -> str:
        return _short(by_id[aid].get("title") or "")

    # --- FP: matches that joined two groups, weighted by their clusters' FP pairs
    members: dict[str, list[str]] = defaultdict(list)
    for k, c in cluster.items():
        members[c].append(k)
    fp_of_cluster = {}
    for c, ids in members.items():
        counts = Counter(gold[i] for i in ids)
        n = len(ids)
        fp_of_cluster[c] = n * (n - 1) // 2 - sum(m * (m - 1) // 2 for m in counts.values())
    links = [r for r in results.values() if r.duplicate_of and gold[r.article_id] != gold[r.duplicate_of]]
    links.sort(key=lambda r: (-fp_of_cluster[r.cluster_id], -r.similarity))
    echo("")
    echo(f"FP: {len(links)} matches joined two machine groups "
         f"({sum(1 for r in results.values() if r.duplicate_of)} matches in all); the heaviest:")
    fp_methods = Counter(r.method for r in links)
    for r in links[:examples]:
        a, b = r.article_id, r.duplicate_of
        fa, fb = feat(a), feat(b)
        sc = dedup.score(fa, fb) if fa is not None and fb is not None else None
        gap = abs(inputs[a].published_ts - inputs[b].published_ts) / 86400
        scores = f"J={sc.jaccard:.2f} C={sc.containment:.2f}" if sc else ""
        echo(f"  [{r.method} sim={r.similarity:.2f} {scores} gap={gap:.1f}d, cluster FP pairs "
             f"{fp_of_cluster[r.cluster_id]}] {gold[a]} / {gold[b]}")
        echo(f"      {a}: {title(a)}")
        echo(f"      {b}: {title(b)}")

    # --- FN: same-group pairs in two clusters, by reason
    groups: dict[str, list[str]] = defaultdict(list)
    for k, g in gold.items():
        groups[g].append(k)
    horizon = horizon_days * 86400
    reasons: Counter[str] = Counter()
    samples: dict[str, list[tuple]] = defaultdict(list)
    for g, ids in groups.items():
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                a, b = ids[i], ids[j]
                if cluster[a] == cluster[b]:
                    continue
                # the later article meets the earlier one in the stream
                if inputs[a].published_ts < inputs[b].published_ts:
                    a, b = b, a
                fa, fb = feat(a), feat(b)
                sc = None
                if inputs[a].published_ts - inputs[b].published_ts > horizon:
                    why = "horizon"
                elif fa is None or fb is None:
                    why = "too-short"
                else:
                    sc = dedup.score(fa, fb)
                    if sc.conflict:
                        why = f"conflict:{sc.conflict}"
                    elif not sc.passed_similarity:
                        why = "below-threshold"
                    elif dedup.shared_bands(fa, fb) < dedup.config.min_band_hits:
                        why = "lsh-miss"
                    else:
                        why = "elsewhere"
                reasons[why] += 1
                samples[why].append((sc.similarity if sc else 0.0, a, b, sc))
    total_fn = sum(reasons.values())
    echo("")
    echo(f"FN: {total_fn} same-group pairs in different clusters, by reason:")
    for why, n in reasons.most_common():
        echo(f"  {why:18s} {n:6d}  ({n / total_fn:.1%})" if total_fn else f"  {why} {n}")
    for why, _ in reasons.most_common():
        picks = sorted(samples[why], key=lambda x: -x[0])
        # spread the examples over the similarity range
        step = max(1, len(picks) // max(1, examples // 2))
        echo(f"  e.g. {why}:")
        for sim, a, b, sc in picks[::step][: max(1, examples // 2)]:
            extra = ""
            if sc is not None:
                extra = f"J={sc.jaccard:.2f} C={sc.containment:.2f}"
                if sc.conflict:
                    from dedup.specifics import explain

                    ex = explain(feat(a).specifics, feat(b).specifics)
                    extra += f" a-only={ex['a_only'][:4]} b-only={ex['b_only'][:4]}"
            echo(f"    [{extra}] {gold[a]}")
            echo(f"      {a}: {title(a)}")
            echo(f"      {b}: {title(b)}")
    return {"fp_links": len(links), "fp_link_methods": dict(fp_methods), "fn_reasons": dict(reasons)}


def score_pairs(path: Path, results: dict) -> dict[str, Any]:
    """Pair-level P/R/F1 of labelled pairs (``{"a", "b", "same"}``) from the clusters."""
    tp = fp = fn = tn = missing = 0
    for row in load_jsonl(path):
        a, b = str(row["a"]), str(row["b"])
        if a not in results or b not in results:
            missing += 1
            continue
        pred = results[a].cluster_id == results[b].cluster_id
        gold = bool(row.get("same", row.get("label")))
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
        tn += not pred and not gold
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"pairs": tp + fp + fn + tn, "missing": missing, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@click.command("dedup")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--order", type=click.Choice(["published", "input"]), default="published", show_default=True,
              help="Feed articles by publication time (a stream) or in file order.")
@click.option("--horizon-days", type=float, default=7.0, show_default=True)
@click.option("--threshold", type=float, default=None, help="Jaccard threshold (default: docs/dedup.md).")
@click.option("--containment-threshold", type=float, default=None, help="Containment threshold (default: docs/dedup.md).")
@click.option("--no-specifics", is_flag=True, help="Do not reject pairs whose leads state different numbers/places.")
@click.option("--examples", type=int, default=8, show_default=True, help="Disagreement examples to print.")
@click.option("--pairs", "pairs_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Also score labelled pairs (JSONL {a, b, same}) with the clusters.")
@click.option("--limit", type=int, default=0, help="Only the first N articles of PATH (0 = all).")
@click.option("--events/--no-events", default=True, show_default=True,
              help="Also score event merging on the conflict articles (runs the extractor; ~1 min).")
def eval_dedup(path: Path | None, order: str, horizon_days: float, threshold: float | None,
               containment_threshold: float | None, no_specifics: bool, examples: int,
               pairs_path: Path | None, limit: int, events: bool) -> None:
    """Pairwise P/R/F1 of story clusters against group_id, and the disagreements.

    PATH defaults to ../shared/corpus/saudinewsnet-neardup.jsonl. The last line is one
    JSON object.
    """
    from dataclasses import replace

    from dedup.articles import DedupConfig

    path = path or default_corpus_dir() / DEFAULT_FILE
    if not path.is_file():
        raise click.UsageError(f"corpus not found: {path} (set MARSAD_CORPUS_DIR or give PATH)")
    config = DedupConfig()
    if threshold is not None:
        config = replace(config, jaccard_threshold=threshold)
    if containment_threshold is not None:
        config = replace(config, containment_threshold=containment_threshold)
    if no_specifics:
        config = replace(config, specifics_check=False)

    rows = [r for r in load_jsonl(path, limit) if r.get("group_id") is not None]
    if not rows:
        raise click.UsageError(f"no article with a group_id in {path}")
    results, inputs, dedup, cpu, wall = run_clusters(rows, order, horizon_days, config)
    gold = {k: str(r["group_id"]) for r in rows for k in [str(r.get("id") or r.get("article_id"))]}
    pred = {k: v.cluster_id for k, v in results.items()}
    scores = pairwise(gold, pred)
    methods = Counter(r.method for r in results.values())
    echo = click.echo
    echo(f"corpus: {path}")
    echo(f"{len(rows)} articles in {len(set(gold.values()))} groups -> {len(set(pred.values()))} clusters "
         f"(order: {order}, horizon {horizon_days:g} days)")
    echo(f"config: {json.dumps(asdict(config))}")
    echo(f"methods: {dict(methods)}")
    echo(f"pairwise vs group_id: P {scores['precision']:.4f}  R {scores['recall']:.4f}  F1 {scores['f1']:.4f}  "
         f"(gold pairs {scores['gold_pairs']}, predicted {scores['predicted_pairs']}, TP {scores['tp']})")
    echo(f"speed: {len(rows) / cpu:.0f} articles/s CPU, {len(rows) / wall:.0f} articles/s wall "
         f"(dedup stage only; normalization before)")
    report = analyse(rows, results, inputs, dedup, horizon_days, examples, echo)
    out: dict[str, Any] = {
        "corpus": str(path), "articles": len(rows), "groups": len(set(gold.values())),
        "clusters": len(set(pred.values())), "order": order, "horizon_days": horizon_days,
        **scores, "methods": dict(methods), **report,
        "articles_per_s_cpu": round(len(rows) / cpu, 1), "articles_per_s_wall": round(len(rows) / wall, 1),
        "config": asdict(config),
    }
    if pairs_path is not None:
        ps = score_pairs(pairs_path, results)
        echo("")
        echo(f"labelled pairs {pairs_path.name}: P {ps['precision']:.4f} R {ps['recall']:.4f} F1 {ps['f1']:.4f} "
             f"(TP {ps['tp']} FP {ps['fp']} FN {ps['fn']} TN {ps['tn']}, missing {ps['missing']})")
        out["labelled_pairs"] = ps
    if events:
        from agents.dedup import EVENT_EVIDENCE
        from marsad.evaluation.event_dedup_eval import evaluate_event_merging

        clusters = {k: v.cluster_id for k, v in results.items()}
        ev = evaluate_event_merging(rows, cluster_of=lambda a: clusters.get(str(a.get("id") or a.get("article_id"))),
                                    horizon_days=horizon_days, evidence=EVENT_EVIDENCE)
        m = ev["merge"]
        echo("")
        echo(f"events on {ev['articles_with_events']} conflict articles ({ev['mentions']} mentions -> {ev['events']} events, "
             f"evidence {EVENT_EVIDENCE!r}): pairwise vs proxy gold (same group_id and type) "
             f"P {m['p']:.4f} R {m['r']:.4f} F1 {m['f1']:.4f}")
        out["events"] = {k: ev[k] for k in ("articles_with_events", "mentions", "events", "merge", "baselines")}
    echo(json.dumps(out, ensure_ascii=False))


eval_dedup.name = "dedup"
