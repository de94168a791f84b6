"""Records that travel between the agents (Faust records, JSON on the wire).

One :class:`ArticleRecord` flows through every stage; each stage fills its own
fields (normalize: the ``clean_*`` fields, extract: ``events``, dedup: ``cluster_*``).
Anything that fails goes to the dead-letter topic as a :class:`DeadLetterRecord`.
"""

from __future__ import annotations

from typing import Any, Optional

import faust


class ArticleRecord(faust.Record, serializer="json", include_metadata=False):
    """An article on its way through the pipeline (key: ``article_id``)."""

    article_id: str
    source: str
    title: str
    text: str
    url: Optional[str] = None
    external_id: Optional[str] = None
    source_name: Optional[str] = None
    author: Optional[str] = None
    published: Optional[str] = None  # ISO 8601, UTC
    declared_language: Optional[str] = None
    # normalize
    clean_title: str = ""
    clean_text: str = ""
    normalized_text: str = ""
    dateline: Optional[str] = None
    language: str = "unknown"
    arabic_ratio: float = 0.0
    content_hash: str = ""
    # extract
    events: Optional[list] = None
    extractor_version: Optional[str] = None
    # dedup
    cluster_id: Optional[str] = None
    duplicate_of: Optional[str] = None
    similarity: Optional[float] = None
    dedup_version: Optional[str] = None
    # provenance
    pipeline_version: str = ""
    raw_topic: Optional[str] = None
    raw_partition: Optional[int] = None
    raw_offset: Optional[int] = None
    #: partition and offset of the normalized topic the extract stage read it from: the
    #: input stream whose order the dedup sequencer's merge keeps (dedup/ordering.py)
    stream_partition: Optional[int] = None
    stream_offset: Optional[int] = None
    #: ticks only: end offset of each normalized partition, ``{"<p>": offset}``, when
    #: everything ingested had been normalized (:data:`TICK_SOURCE`)
    stream_ends: Optional[dict] = None
    ingested_at: float = 0.0

    def as_row(self) -> dict[str, Any]:
        """Plain dict of the record's fields (for the sink)."""
        return self.asdict()


#: ``source`` of a tick: a record the dedup sequencer sends to its own input partition
#: while records wait in its merge, so log time moves on when the input is silent
#: (agents/dedup.py). Never leaves the sequencer.
TICK_SOURCE = "marsad:tick"


def tick_record(stream_ends: dict[int, int] | None = None) -> ArticleRecord:
    """A tick for the dedup sequencer's input (see :data:`TICK_SOURCE`), with the
    normalized topic's end offsets when every raw article had been normalized."""
    ends = {str(p): int(o) for p, o in stream_ends.items()} if stream_ends is not None else None
    return ArticleRecord(article_id="", source=TICK_SOURCE, title="", text="", stream_ends=ends)


class DeadLetterRecord(faust.Record, serializer="json", include_metadata=False):
    """A record a stage could not process, with why.

    ``dead_letter_id`` is deterministic (source topic/partition/offset, or the
    producer's file and line), so a replay dead-letters the same input once.
    """

    dead_letter_id: str
    stage: str  # produce | normalize | extract | dedup | sink
    reason: str  # see schemas.raw_article.REASONS, or exception:<Type>
    detail: str
    payload_excerpt: str = ""
    payload_bytes: int = 0
    key: Optional[str] = None
    source_topic: Optional[str] = None
    source_partition: Optional[int] = None
    source_offset: Optional[int] = None
    created_at: float = 0.0


class MentionRecord(faust.Record, serializer="json", include_metadata=False):
    """One extracted event in one article, assigned to its canonical event (key: ``event_id``).

    The dedup stage emits these keyed by ``event_id`` so that every mention of an event
    reaches the same partition, hence one sink at a time updates that event's row.
    """

    mention_id: str
    event_id: str
    article_id: str
    source: str
    published: Optional[str]
    event: dict  # the extractor's event dict (contract in ../shared/events.md)
    extractor_version: str
    pipeline_version: str
    dedup_version: Optional[str] = None
