"""Event extraction from Arabic news: pure functions, no Kafka/Faust imports.

    >>> from arabic.extract import extract_events, EXTRACTOR_VERSION
    >>> events = extract_events({"id": "a1", "title": "...", "text": "...",
    ...                          "published": "2018-03-22T20:00:00+00:00"})

``extract_events(article)`` takes a dict with ``article_id`` (or ``id``), ``title``, ``text``,
``published`` (ISO string, "YYYY-MM-DD HH:MM:SS", date or datetime; weekdays and
"امس/اليوم" are resolved against it) and optionally ``normalized`` (a precomputed
:class:`arabic.normalize.NormalizedArticle` or a dict with the same fields, to avoid
normalizing twice). It returns events as dicts following the contract in
``../shared/events.md``; non-Arabic or empty text gives ``[]``. See README.md for the rules.
"""

from __future__ import annotations

from .assemble import extract_article, render

__all__ = ["extract_events", "EXTRACTOR_VERSION"]

EXTRACTOR_VERSION = "extract-0.11.0"


def extract_events(article: dict) -> list[dict]:
    """Events of one article (dicts per the output contract), in text order."""
    article_id = article.get("article_id", article.get("id"))
    base, events = extract_article(article)
    return [render(e, base, article_id, EXTRACTOR_VERSION) for e in events]
