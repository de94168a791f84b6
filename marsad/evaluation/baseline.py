"""A deliberately naive event-type baseline for ``marsad eval extract --baseline``.

It looks for the trigger words of the taxonomy table in ``shared/events.md`` (after light
Arabic folding) anywhere in the title + text and emits one event per type found, with the
first trigger seen and nothing else: no places, dates, casualties or actors, and no
handling of negation, hypotheticals or condemnations. It is the floor any real extractor
must beat; it is not part of the pipeline.
"""

from __future__ import annotations

import re

from marsad.evaluation.textnorm import fold

# type -> trigger words, from the events.md table (typical triggers), folded at import.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "airstrike": ("غارة", "غارات", "قصف جوي", "طائرات حربية", "طائرة مسيرة", "ضربة جوية", "ضربات جوية"),
    "shelling": ("قصف مدفعي", "صواريخ", "قذائف", "قذيفة", "هاون"),
    "bombing": ("تفجير", "انفجار", "عبوة ناسفة", "سيارة مفخخة", "انتحاري"),
    "armed_clash": ("اشتباكات", "معارك", "هجوم بري", "مسلحون"),
    "killing": ("اعدام", "اغتيال", "قتل برصاص"),
    "ceasefire": ("وقف اطلاق النار", "هدنة", "تهدئة"),
    "negotiation": ("مفاوضات", "محادثات", "جولة حوار"),
    "evacuation": ("اجلاء", "اخلاء", "ممر آمن"),
    "siege": ("حصار", "محاصرة"),
    "arrest": ("اعتقال", "القبض على", "توقيف", "احتجاز"),
    "protest": ("تظاهرة", "احتجاج", "مسيرة", "اعتصام"),
    "displacement": ("نزوح", "تهجير", "فرار"),
}
_PATTERNS = {
    t: [(w, re.compile(r"(?<!\w)(?:[وفبلك]|ال|وال|بال|لل)?" + re.escape(fold(w)) + r"(?!\w)")) for w in words]
    for t, words in TRIGGERS.items()
}


def extract_events(article: dict) -> list[dict]:
    """One event per taxonomy type whose trigger word occurs in the article."""
    text = fold(f"{article.get('title') or ''}\n{article.get('text') or ''}")
    events = []
    for etype, pats in _PATTERNS.items():
        for word, pat in pats:
            if pat.search(text):
                events.append({
                    "article_id": article.get("article_id"), "type": etype, "trigger": word,
                    "sentence": None, "actors": [], "locations": [], "date": None,
                    "date_text": None, "casualties": [], "reported_by": None,
                    "extractor_version": "naive-keyword-baseline",
                })
                break
    return events
