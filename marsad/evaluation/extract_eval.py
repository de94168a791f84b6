"""`marsad eval extract GOLD`: precision / recall / F1 of the event extractor per field.

For every article of the gold file (``gold/dev/events.jsonl``) the text is looked up in the
corpus by id (``source_file``) or, for ``seed-ghouta``, read from ``seed-ghouta.txt``; the
extractor is called as ``extract_events({"article_id", "title", "text", "published"})``.
Per article, gold and predicted events are reduced to SETS per field and the counts are
micro-averaged over articles (sum of TP / FP / FN over the articles, then P, R, F1).
The exact matching rules are in ``gold/GUIDELINES.md`` ("Matching rules"); in short:

- types:        set of event types
- locations:    set of place names; a gold name matches a predicted location if their
                place keys (folded, generic word / direction / spaces dropped) are equal,
                with or without a leading "ال", against the predicted ``text`` or ``name``
- countries:    set of ISO 3166-1 alpha-2 codes of event locations
- casualties:   set of (kind, count); casualties_strict: (kind, count, group)
- dates:        set of (type, date) of dated gold events; predicted pairs whose type has no
                dated gold event in that article are ignored (undated acts are not scored)
- actors:       set of folded actor texts; equal, or one contained in the other word-wise;
                actors_strict also requires the role

Prints a table per extractor and, last, one JSON object.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import click

from marsad.evaluation.textnorm import fold, place_key, strip_al

DEFAULT_EXTRACTOR = "arabic.extract:extract_events"
BASELINE = "marsad.evaluation.baseline:extract_events"
FIELDS = ("types", "locations", "countries", "casualties", "casualties_strict", "dates", "actors", "actors_strict")
TAXONOMY = (
    "airstrike", "shelling", "bombing", "armed_clash", "killing", "ceasefire",
    "negotiation", "evacuation", "siege", "arrest", "protest", "displacement",
)
SEED_ID = "seed-ghouta"
SEED_FILE = "seed-ghouta.txt"


def default_corpus_dir() -> Path:
    """``../shared/corpus`` relative to the project root (the repo's parent)."""
    return Path(__file__).resolve().parents[3] / "shared" / "corpus"


# --------------------------------------------------------------------------- loading

def load_gold(path: Path) -> list[dict]:
    with Path(path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def iso_published(value: str) -> str:
    """Corpus timestamps are "YYYY-MM-DD HH:MM:SS"; the extractor gets an ISO string."""
    return value.replace(" ", "T", 1) if value and "T" not in value else value


def load_articles(gold: list[dict], corpus_dir: Path) -> dict[str, dict]:
    """article_id -> article dict for the extractor (article_id, title, text, published)."""
    wanted: dict[str, set[str]] = {}
    for rec in gold:
        wanted.setdefault(rec["source_file"], set()).add(rec["article_id"])
    published = {rec["article_id"]: rec.get("published") for rec in gold}
    out: dict[str, dict] = {}
    for source, ids in wanted.items():
        path = corpus_dir / source
        if not path.exists():
            raise click.ClickException(f"corpus file not found: {path} (use --corpus DIR)")
        if source.endswith(".txt"):
            (aid,) = ids
            out[aid] = {"article_id": aid, "title": "", "text": path.read_text(encoding="utf-8"),
                        "published": iso_published(published[aid])}
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                art = json.loads(line)
                if art["id"] in ids:
                    out[art["id"]] = {"article_id": art["id"], "title": art.get("title") or "",
                                      "text": art.get("text") or "",
                                      "published": iso_published(art.get("published"))}
    missing = {r["article_id"] for r in gold} - set(out)
    if missing:
        raise click.ClickException(f"{len(missing)} gold article(s) not found in the corpus: {sorted(missing)[:5]}")
    return out


def load_extractor(spec: str) -> Callable[[dict], list[dict]]:
    module_name, _, attr = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise click.ClickException(
            f"cannot import the extractor {spec!r}: {exc}. The real extractor lives in "
            f"arabic/extract.py (extract_events(article) -> list[dict]); until it exists run "
            f"with --baseline-only, or pass --extractor module:function."
        ) from exc
    fn = getattr(module, attr or "extract_events", None)
    if not callable(fn):
        raise click.ClickException(f"{spec!r}: {attr or 'extract_events'} is not a callable in {module_name}")
    return fn


# --------------------------------------------------------------------------- field sets

def type_set(events: Iterable[dict]) -> set[str]:
    return {e.get("type") for e in events if e.get("type")}


def gold_place_keys(events: Iterable[dict]) -> set[str]:
    return {place_key(loc["text"]) for e in events for loc in e.get("locations") or [] if loc.get("text")}


def pred_place_keys(events: Iterable[dict]) -> list[set[str]]:
    """One set of acceptable keys per distinct predicted location (text and name)."""
    seen: dict[str, set[str]] = {}
    for e in events:
        for loc in e.get("locations") or []:
            keys = {place_key(loc.get("text")), place_key(loc.get("name"))} - {""}
            if not keys:
                continue
            ident = place_key(loc.get("text")) or place_key(loc.get("name"))
            seen.setdefault(ident, set()).update(keys)
    return list(seen.values())


def _key_match(gold_key: str, pred_keys: set[str]) -> bool:
    return gold_key in pred_keys or strip_al(gold_key) in {strip_al(k) for k in pred_keys}


def match_locations(gold_events: list[dict], pred_events: list[dict]) -> tuple[int, int, int]:
    """(tp, fp, fn) of place names, one-to-one greedy matching."""
    gold = sorted(gold_place_keys(gold_events))
    preds = pred_place_keys(pred_events)
    used: set[int] = set()
    tp = 0
    for g in gold:
        for i, keys in enumerate(preds):
            if i not in used and _key_match(g, keys):
                used.add(i)
                tp += 1
                break
    return tp, len(preds) - len(used), len(gold) - tp


def country_set(events: Iterable[dict]) -> set[str]:
    return {str(loc["country"]).upper() for e in events for loc in e.get("locations") or [] if loc.get("country")}


def casualty_set(events: Iterable[dict], strict: bool = False) -> set[tuple]:
    out = set()
    for e in events:
        for c in e.get("casualties") or []:
            kind, count = c.get("kind"), c.get("count")
            if kind is None or count is None:
                continue
            try:
                count = int(count)
            except (TypeError, ValueError):
                continue
            out.add((kind, count, c.get("group")) if strict else (kind, count))
    return out


def date_sets(gold_events: list[dict], pred_events: list[dict]) -> tuple[set, set]:
    gold = {(e["type"], e["date"]) for e in gold_events if e.get("date")}
    dated_types = {t for t, _ in gold}
    pred = {(e.get("type"), str(e.get("date"))[:10]) for e in pred_events
            if e.get("date") and e.get("type") in dated_types}
    return gold, pred


def _actor_match(g: str, p: str) -> bool:
    if g == p:
        return True
    gs, ps = f" {g} ", f" {p} "
    return gs in ps or ps in gs


def match_actors(gold_events: list[dict], pred_events: list[dict], strict: bool = False) -> tuple[int, int, int]:
    def items(events):
        out = set()
        for e in events:
            for a in e.get("actors") or []:
                t = fold(a.get("text"))
                if t:
                    out.add((t, a.get("role")) if strict else (t, None))
        return sorted(out)

    gold, preds = items(gold_events), items(pred_events)
    used: set[int] = set()
    tp = 0
    for g_text, g_role in gold:
        for i, (p_text, p_role) in enumerate(preds):
            if i in used or (strict and g_role != p_role):
                continue
            if _actor_match(g_text, p_text):
                used.add(i)
                tp += 1
                break
    return tp, len(preds) - len(used), len(gold) - tp


def set_counts(gold: set, pred: set) -> tuple[int, int, int]:
    return len(gold & pred), len(pred - gold), len(gold - pred)


def article_counts(gold_events: list[dict], pred_events: list[dict]) -> dict[str, tuple[int, int, int]]:
    """Per-field (tp, fp, fn) for one article."""
    return {
        "types": set_counts(type_set(gold_events), type_set(pred_events)),
        "locations": match_locations(gold_events, pred_events),
        "countries": set_counts(country_set(gold_events), country_set(pred_events)),
        "casualties": set_counts(casualty_set(gold_events), casualty_set(pred_events)),
        "casualties_strict": set_counts(casualty_set(gold_events, True), casualty_set(pred_events, True)),
        "dates": set_counts(*date_sets(gold_events, pred_events)),
        "actors": match_actors(gold_events, pred_events),
        "actors_strict": match_actors(gold_events, pred_events, strict=True),
    }


def article_errors(gold_events: list[dict], pred_events: list[dict]) -> dict[str, tuple[list, list]]:
    """Per-field (false positives, false negatives) of one article, for error analysis.

    Uses the same reductions as :func:`article_counts`; for the greedy fields (locations,
    actors) the unmatched items are listed after the same one-to-one matching."""
    out: dict[str, tuple[list, list]] = {}
    for name, (g, p) in {
        "types": (type_set(gold_events), type_set(pred_events)),
        "countries": (country_set(gold_events), country_set(pred_events)),
        "casualties": (casualty_set(gold_events), casualty_set(pred_events)),
        "casualties_strict": (casualty_set(gold_events, True), casualty_set(pred_events, True)),
        "dates": date_sets(gold_events, pred_events),
    }.items():
        out[name] = (sorted(p - g, key=str), sorted(g - p, key=str))
    # locations: same greedy matching as match_locations
    gold = sorted(gold_place_keys(gold_events))
    preds = pred_place_keys(pred_events)
    used: set[int] = set()
    fn_l = []
    for g in gold:
        for i, keys in enumerate(preds):
            if i not in used and _key_match(g, keys):
                used.add(i)
                break
        else:
            fn_l.append(g)
    out["locations"] = (["/".join(sorted(k)) for i, k in enumerate(preds) if i not in used], fn_l)
    for strict, name in ((False, "actors"), (True, "actors_strict")):
        def items(events):
            res = set()
            for e in events:
                for a in e.get("actors") or []:
                    t = fold(a.get("text"))
                    if t:
                        res.add((t, a.get("role")) if strict else (t, None))
            return sorted(res, key=str)
        g_items, p_items = items(gold_events), items(pred_events)
        used_a: set[int] = set()
        fn_a = []
        for g_text, g_role in g_items:
            for i, (p_text, p_role) in enumerate(p_items):
                if i in used_a or (strict and g_role != p_role):
                    continue
                if _actor_match(g_text, p_text):
                    used_a.add(i)
                    break
            else:
                fn_a.append(f"{g_text}:{g_role}" if strict else g_text)
        fp_a = [f"{t}:{r}" if strict else t for i, (t, r) in enumerate(p_items) if i not in used_a]
        out[name] = (fp_a, fn_a)
    return out


def format_errors(article_id: str, errs: dict[str, tuple[list, list]], fields: Iterable[str] | None = None) -> str:
    """Lines "article_id field FP [...] FN [...]" for the fields with an error."""
    lines = []
    for f in fields or FIELDS:
        fp, fn = errs.get(f, ([], []))
        if fp or fn:
            lines.append(f"  {article_id}  {f:<18} FP {fp}  FN {fn}")
    return "\n".join(lines)


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def evaluate(gold: list[dict], articles: dict[str, dict], extractor: Callable[[dict], list[dict]],
             errors_out: list | None = None) -> dict:
    """Run the extractor on every gold article; micro-averaged scores per field.

    ``errors_out``: if a list is given, (article_id, per-field (FP, FN) lists) is appended
    for every article (error analysis, ``--errors``)."""
    totals = {f: [0, 0, 0] for f in FIELDS}
    errors: list[str] = []
    t0 = time.perf_counter()
    for rec in gold:
        art = articles[rec["article_id"]]
        try:
            pred = list(extractor(dict(art)) or [])
        except Exception as exc:  # an extractor crash counts as no prediction for that article
            errors.append(f"{rec['article_id']}: {type(exc).__name__}: {exc}")
            pred = []
        if errors_out is not None:
            errors_out.append((rec["article_id"], article_errors(rec["events"], pred)))
        for field, (tp, fp, fn) in article_counts(rec["events"], pred).items():
            totals[field][0] += tp
            totals[field][1] += fp
            totals[field][2] += fn
    elapsed = time.perf_counter() - t0
    return {
        "articles": len(gold),
        "fields": {f: prf(*totals[f]) for f in FIELDS},
        "errors": len(errors),
        "error_samples": errors[:3],
        "ms_per_article": round(1000 * elapsed / max(1, len(gold)), 2),
    }


def format_table(name: str, res: dict) -> str:
    lines = [f"{name}  ({res['articles']} articles, {res['errors']} extractor errors, {res['ms_per_article']} ms/article)",
             f"  {'field':<18}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"]
    for f, m in res["fields"].items():
        lines.append(f"  {f:<18}{m['p']:>7.3f}{m['r']:>7.3f}{m['f1']:>7.3f}{m['tp']:>6}{m['fp']:>6}{m['fn']:>6}")
    for e in res["error_samples"]:
        lines.append(f"  error: {e}")
    return "\n".join(lines)


@click.command("extract")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Directory with the corpus files (default: ../shared/corpus from the project root).")
@click.option("--extractor", "extractor_spec", default=DEFAULT_EXTRACTOR, show_default=True,
              help="module:function to evaluate (extract_events(article) -> list[dict]).")
@click.option("--baseline", is_flag=True, help="Also score the naive keyword baseline.")
@click.option("--baseline-only", is_flag=True, help="Score only the naive keyword baseline.")
@click.option("--errors", "errors_fields", default=None, is_flag=False, flag_value="all",
              help="Print per-article false positives / false negatives (before the table); "
                   "optionally a comma-separated list of fields, e.g. --errors types,locations.")
def eval_extract(gold: Path, corpus_dir: Path | None, extractor_spec: str, baseline: bool, baseline_only: bool,
                 errors_fields: str | None = None) -> None:
    """Precision / recall / F1 per field (types, locations, countries, casualties, dates,
    actors) of an event extractor against GOLD (JSONL, one article per line), micro-averaged
    over articles. Matching rules: gold/GUIDELINES.md. Last line: one JSON object."""
    records = load_gold(gold)
    articles = load_articles(records, corpus_dir or default_corpus_dir())
    runs: list[tuple[str, str]] = []
    if not baseline_only:
        runs.append(("extractor", extractor_spec))
    if baseline or baseline_only:
        runs.append(("baseline", BASELINE))
    summary: dict = {"gold": str(gold), "articles": len(records),
                     "gold_events": sum(len(r["events"]) for r in records)}
    for label, spec in runs:
        try:
            fn = load_extractor(spec)
        except click.ClickException as exc:
            if label == "baseline" or not (baseline or baseline_only):
                raise
            click.echo(f"warning: {exc.message}", err=True)
            summary[label] = {"spec": spec, "error": exc.message}
            continue
        errs: list | None = [] if errors_fields else None
        res = evaluate(records, articles, fn, errs)
        if errs:
            wanted = FIELDS if errors_fields == "all" else tuple(x.strip() for x in errors_fields.split(",") if x.strip())
            click.echo(f"errors of {label} (FP = predicted not in gold, FN = gold not predicted):")
            for aid, e in errs:
                block = format_errors(aid, e, wanted)
                if block:
                    click.echo(block)
        click.echo(format_table(f"{label}: {spec}", res))
        summary[label] = {"spec": spec, **{k: v for k, v in res.items() if k != "error_samples"}}
    sys.stdout.flush()
    click.echo(json.dumps(summary, ensure_ascii=False))
