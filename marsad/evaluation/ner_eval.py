"""`marsad eval locations`: place-name recognition of :class:`arabic.places.Gazetteer` against NER gold.

Gold: ANERcorp ``LOC`` spans and Wojood ``GPE``/``LOC`` spans (one JSON per sentence
``{id, tokens, labels}``, IOB; Wojood labels are lists of nested tags per token). Each
sentence's tokens are joined with single spaces and passed to ``Gazetteer.find``; a match is
mapped back to the tokens it touches (a clitic-prefixed token such as "وحلب" counts as the
token).

Scores: ``exact`` = same token span; ``lenient`` = token overlap (precision over predicted
spans overlapping some gold span, recall over gold spans overlapped by some prediction).
Note that the ANERcorp gold tags some non-place LOC (organisations-as-places, e.g. facilities)
and Wojood's GPE includes demonyms in some contexts, so neither is a ceiling of 1.0.
Prints a table, then one JSON line.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import click

DEFAULT_DIR = Path("/work/shared/corpus/ner")
DATASETS = {"anercorp": ("anercorp.jsonl", ("LOC",)), "wojood": ("wojood_sample.jsonl", ("GPE", "LOC"))}


def gold_spans(labels: list, types: tuple[str, ...]) -> set[tuple[int, int]]:
    """Token spans [start, end) of the entity types in IOB labels (flat or nested lists)."""
    spans: set[tuple[int, int]] = set()
    for typ in types:
        start = None
        for i, lab in enumerate(labels + ["O"]):
            tags = lab if isinstance(lab, list) else [lab]
            b = f"B-{typ}" in tags
            inside = f"I-{typ}" in tags
            if start is not None and (b or not inside):
                spans.add((start, i))
                start = None
            if b or (inside and start is None):
                start = i
    return spans


def predict_spans(gaz, tokens: list[str]) -> list[tuple[int, int, str]]:
    text = " ".join(tokens)
    offsets = []
    pos = 0
    for t in tokens:
        offsets.append((pos, pos + len(t)))
        pos += len(t) + 1
    starts = [a for a, _ in offsets]
    out = []
    import bisect

    for m in gaz.find(text):
        a = bisect.bisect_right(starts, m.start) - 1
        b = bisect.bisect_right(starts, m.end - 1) - 1
        out.append((a, b + 1, m.text))
    return out


def strip_triggers(span: tuple[int, int], tokens: list[str]) -> tuple[int, int]:
    """The gold span without leading trigger words ("مدينة البيرة" -> "البيرة"): our output
    contract excludes them, Wojood's gold includes them."""
    from arabic.places.gazetteer import TRIGGERS, fold

    a, b = span
    while b - a > 1:
        t = fold(tokens[a])
        forms = {t, t[1:], t[2:]} if t[:1] in "وبلف" else {t}
        if forms & (TRIGGERS | {"لواء"}):
            a += 1
        else:
            break
    return a, b


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(path: Path, types: tuple[str, ...], gaz, limit: int | None = None) -> dict:
    n_gold = n_pred = exact_tp = norm_tp = len_tp_p = len_tp_g = 0
    n_sent = n_chars = 0
    elapsed = 0.0
    fp: Counter = Counter()
    fn: Counter = Counter()
    with path.open(encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if limit is not None and k >= limit:
                break
            rec = json.loads(line)
            tokens, labels = rec["tokens"], rec["labels"]
            gold = gold_spans(labels, types)
            t0 = time.perf_counter()
            pred_full = predict_spans(gaz, tokens)
            elapsed += time.perf_counter() - t0
            n_sent += 1
            n_chars += sum(len(t) + 1 for t in tokens)
            pred = {(a, b) for a, b, _ in pred_full}
            n_gold += len(gold)
            n_pred += len(pred)
            exact_tp += len(gold & pred)
            norm_tp += sum(1 for g in gold if g in pred or strip_triggers(g, tokens) in pred)
            len_tp_p += sum(1 for a, b in pred if any(a < gb and ga < b for ga, gb in gold))
            len_tp_g += sum(1 for ga, gb in gold if any(a < gb and ga < b for a, b in pred))
            for a, b, _ in pred_full:
                if (a, b) not in gold and (a, b) not in {strip_triggers(g, tokens) for g in gold}:
                    fp[" ".join(tokens[a:b])] += 1
            for ga, gb in gold:
                if (ga, gb) not in pred and strip_triggers((ga, gb), tokens) not in pred:
                    fn[" ".join(tokens[ga:gb])] += 1
    p, r, f = _prf(exact_tp, n_pred, exact_tp, n_gold)
    np_, nr, nf = _prf(norm_tp, n_pred, norm_tp, n_gold)
    lp, lr, lf = _prf(len_tp_p, n_pred, len_tp_g, n_gold)
    return {
        "sentences": n_sent, "gold": n_gold, "predicted": n_pred,
        "exact": {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)},
        "exact_no_trigger": {"p": round(np_, 4), "r": round(nr, 4), "f1": round(nf, 4)},
        "lenient": {"p": round(lp, 4), "r": round(lr, 4), "f1": round(lf, 4)},
        "ms_per_2kb": round(elapsed * 1000 / max(n_chars, 1) * 2048, 4),
        "_fp": fp, "_fn": fn,
    }


@click.command("locations")
@click.option("--data-dir", type=click.Path(path_type=Path, exists=True, file_okay=False), default=DEFAULT_DIR, show_default=True)
@click.option("--dataset", "datasets", type=click.Choice(sorted(DATASETS)), multiple=True, help="Default: all.")
@click.option("--limit", type=int, default=None, help="Only the first N sentences of each file.")
@click.option("--errors", type=int, default=0, show_default=True, help="Also print the N most frequent false positives/negatives.")
def eval_locations(data_dir: Path, datasets: tuple[str, ...], limit: int | None, errors: int) -> None:
    """Precision/recall/F1 of place names found by the gazetteer against ANERcorp/Wojood gold."""
    from arabic.places import Gazetteer

    t0 = time.perf_counter()
    gaz = Gazetteer.default()
    load_s = time.perf_counter() - t0
    results = {}
    for name in datasets or sorted(DATASETS):
        fname, types = DATASETS[name]
        results[name] = evaluate(data_dir / fname, types, gaz, limit)
    header = (
        f"{'dataset':<10} {'sents':>6} {'gold':>6} {'pred':>6}  {'exact P':>7} {'R':>6} {'F1':>6}"
        f"  {'exact* P':>8} {'R':>6} {'F1':>6}  {'lenient P':>9} {'R':>6} {'F1':>6}  {'ms/2KB':>7}"
    )
    click.echo(header)
    click.echo("-" * len(header))
    click.echo("(exact* = exact, also accepting a gold span minus leading trigger words such as مدينة/قرية/محافظة)")
    for name, res in results.items():
        e, x, l = res["exact"], res["exact_no_trigger"], res["lenient"]
        click.echo(
            f"{name:<10} {res['sentences']:>6} {res['gold']:>6} {res['predicted']:>6}  {e['p']:>7.3f} {e['r']:>6.3f} {e['f1']:>6.3f}"
            f"  {x['p']:>8.3f} {x['r']:>6.3f} {x['f1']:>6.3f}"
            f"  {l['p']:>9.3f} {l['r']:>6.3f} {l['f1']:>6.3f}  {res['ms_per_2kb']:>7.3f}"
        )
    if errors:
        for name, res in results.items():
            click.echo(f"\n{name}: top false positives: " + ", ".join(f"{k} ({v})" for k, v in res["_fp"].most_common(errors)))
            click.echo(f"{name}: top false negatives: " + ", ".join(f"{k} ({v})" for k, v in res["_fn"].most_common(errors)))
    out = {name: {k: v for k, v in res.items() if not k.startswith("_")} for name, res in results.items()}
    out["gazetteer_load_s"] = round(load_s, 3)
    click.echo(json.dumps(out, ensure_ascii=False))
