"""Prometheus metrics of the workers (exposed by ``marsad worker --metrics-port``).

Counters are process-local; each worker exposes its own on its HTTP port.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram, start_http_server

ARTICLES_IN = Counter("marsad_articles_in_total", "Messages received by a stage", ["stage"])
ARTICLES_OUT = Counter("marsad_articles_out_total", "Records a stage passed on or stored", ["stage"])
DEAD_LETTERS = Counter("marsad_dead_letters_total", "Records dead-lettered, by stage and reason", ["stage", "reason"])
DUPLICATES = Counter("marsad_duplicates_total", "Articles found to duplicate an earlier story")
EVENTS_WRITTEN = Counter("marsad_event_mentions_total", "Event mentions stored")
SINK_RETRIES = Counter("marsad_sink_retries_total", "Failed SQL writes that were retried")
STAGE_LATENCY = Histogram("marsad_stage_seconds", "Time spent in a stage per record (or per batch for the sink)", ["stage"],
                          buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5))
DEDUP_WAITING = Gauge("marsad_dedup_merge_waiting", "Articles the dedup sequencer holds until every input partition has caught up")
DEDUP_FORCED = Counter("marsad_dedup_merge_forced_total",
                       "Articles the dedup merge released before every input partition had one waiting (an idle partition or a full merge)")
SINK_BACKLOG = Gauge("marsad_sink_pending_rows", "Rows waiting for a successful SQL write")


def serve(port: int) -> None:
    """Expose the metrics on ``http://127.0.0.1:<port>/metrics`` (background thread)."""
    start_http_server(port, addr="127.0.0.1")
