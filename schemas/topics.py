"""Topic names and partition counts: the one place that defines them.

Shared by every pipeline version (prefix ``marsad``):

==============================  ============================  ==========================
topic                           carries                       retention
==============================  ============================  ==========================
marsad.articles.raw             raw articles (JSON bytes),    forever: the record of all
                                key = article id              ingested input, replay source
marsad.articles.replay          raw articles re-published by  7 days
                                ``marsad replay republish``
marsad.deadletter               DeadLetterRecord              30 days
==============================  ============================  ==========================

Owned by one pipeline version (its Faust app id, e.g. ``marsad`` or ``marsad-v2``), so
a new version can run beside the live one without reading its intermediate records:

==========================================  ===================================  =========
marsad.<app>.articles.normalized            ArticleRecord after normalization    7 days
marsad.<app>.articles.enriched              + events; all on partition 0 (the    7 days
                                            dedup sequencer, agents/dedup.py)
marsad.<app>.articles.deduped               + cluster and event ids              7 days
marsad.<app>.events.mentions                MentionRecord, key = event id        7 days
==========================================  ===================================  =========

Every pipeline topic has the same partition count (``Settings.partitions``): Faust
requires a table's changelog to match its source topic, and keying by article id keeps
each article on one partition through the stages. Faust's own tables' changelogs are
named after the app id too, so each version has its own state.
"""

from __future__ import annotations

from dataclasses import dataclass

DAY_MS = 24 * 3600 * 1000
#: The dedup sequencer's Faust tables (agents/dedup.py), each with a compacted changelog topic
DEDUP_TABLES = ("articles", "events", "pending")
MAX_MESSAGE_BYTES = "8388608"


@dataclass(frozen=True)
class TopicSpec:
    """A topic the pipeline owns: its name and Kafka topic configs."""

    name: str
    partitions: int
    configs: dict[str, str]


@dataclass(frozen=True)
class Topics:
    """The names of the pipeline's topics under one prefix, for one pipeline version."""

    prefix: str = "marsad"
    app_id: str = "marsad"

    @property
    def raw(self) -> str:
        return f"{self.prefix}.articles.raw"

    @property
    def replay(self) -> str:
        return f"{self.prefix}.articles.replay"

    @property
    def deadletter(self) -> str:
        return f"{self.prefix}.deadletter"

    def _own(self, name: str) -> str:
        return f"{self.prefix}.{self.app_id}.{name}"

    @property
    def normalized(self) -> str:
        return self._own("articles.normalized")

    @property
    def enriched(self) -> str:
        return self._own("articles.enriched")

    @property
    def deduped(self) -> str:
        return self._own("articles.deduped")

    @property
    def mentions(self) -> str:
        return self._own("events.mentions")

    def table(self, name: str) -> str:
        """The Faust table name of the dedup table ``name`` (one of :data:`DEDUP_TABLES`)."""
        return f"{self.prefix}-dedup-{name}"

    def changelog(self, name: str) -> str:
        """The changelog topic of the dedup table ``name``: Faust names it
        ``<app id>-<table name>-changelog``."""
        return f"{self.app_id}-{self.table(name)}-changelog"

    def specs(self, partitions: int) -> list[TopicSpec]:
        """The topics to create, with their retention (raw keeps everything)."""
        derived = {"retention.ms": str(7 * DAY_MS), "max.message.bytes": MAX_MESSAGE_BYTES}
        return [
            TopicSpec(self.raw, partitions, {"retention.ms": "-1", "retention.bytes": "-1", "max.message.bytes": MAX_MESSAGE_BYTES}),
            TopicSpec(self.replay, partitions, derived),
            TopicSpec(self.deadletter, partitions, {"retention.ms": str(30 * DAY_MS), "max.message.bytes": MAX_MESSAGE_BYTES}),
            TopicSpec(self.normalized, partitions, derived),
            TopicSpec(self.enriched, partitions, derived),
            TopicSpec(self.deduped, partitions, derived),
            TopicSpec(self.mentions, partitions, derived),
            # created here, not left to Faust: a worker whose consumer subscribed before
            # Faust's own creation reached the broker's metadata saw 0 partitions and every
            # table write failed (PartitionsMismatch) until its next metadata refresh
            *(TopicSpec(self.changelog(t), partitions, {"cleanup.policy": "compact", "max.message.bytes": MAX_MESSAGE_BYTES})
              for t in DEDUP_TABLES),
        ]
