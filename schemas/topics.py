"""Topic names and partition counts: the one place that defines them.

Every pipeline topic has the same partition count (``Settings.partitions``): Faust
requires a table's changelog to match its source topic, and keying by article id keeps
each article on one partition through every stage.

============================  ===========================  ==========================
topic (prefix ``marsad``)     carries                      retention
============================  ===========================  ==========================
marsad.articles.raw           raw articles (JSON bytes)    forever (the record of all
                                                           ingested input; replay source)
marsad.articles.normalized    ArticleRecord after          7 days (derived, rebuildable)
                              normalization
marsad.articles.enriched      ArticleRecord + events,      7 days (derived)
                              all on partition 0 (the
                              dedup sequencer, see
                              agents/dedup.py)
marsad.articles.deduped       ArticleRecord + cluster and  7 days (derived)
                              event ids (key article_id)
marsad.events.mentions        MentionRecord (key event_id) 7 days (derived)
marsad.deadletter             DeadLetterRecord             30 days
============================  ===========================  ==========================
"""

from __future__ import annotations

from dataclasses import dataclass

DAY_MS = 24 * 3600 * 1000


@dataclass(frozen=True)
class TopicSpec:
    """A topic the pipeline owns: its name and Kafka topic configs."""

    name: str
    partitions: int
    configs: dict[str, str]


@dataclass(frozen=True)
class Topics:
    """The names of the pipeline's topics under one prefix."""

    prefix: str = "marsad"

    @property
    def raw(self) -> str:
        return f"{self.prefix}.articles.raw"

    @property
    def normalized(self) -> str:
        return f"{self.prefix}.articles.normalized"

    @property
    def enriched(self) -> str:
        return f"{self.prefix}.articles.enriched"

    @property
    def deduped(self) -> str:
        return f"{self.prefix}.articles.deduped"

    @property
    def mentions(self) -> str:
        return f"{self.prefix}.events.mentions"

    @property
    def deadletter(self) -> str:
        return f"{self.prefix}.deadletter"

    def specs(self, partitions: int) -> list[TopicSpec]:
        """The topics to create, with their retention (raw keeps everything)."""
        derived = {"retention.ms": str(7 * DAY_MS), "max.message.bytes": "8388608"}
        return [
            TopicSpec(self.raw, partitions, {"retention.ms": "-1", "retention.bytes": "-1", "max.message.bytes": "8388608"}),
            TopicSpec(self.normalized, partitions, derived),
            TopicSpec(self.enriched, partitions, derived),
            TopicSpec(self.deduped, partitions, derived),
            TopicSpec(self.mentions, partitions, derived),
            TopicSpec(self.deadletter, partitions, {"retention.ms": str(30 * DAY_MS), "max.message.bytes": "8388608"}),
        ]
