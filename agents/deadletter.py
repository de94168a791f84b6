"""Dead letters: how a stage reports input it cannot process.

Pure helpers (no Faust app needed): they build the :class:`DeadLetterRecord` with a
deterministic id, a reason, a readable detail and a bounded excerpt of the payload.
"""

from __future__ import annotations

import time
import traceback
from typing import Any

from schemas.records import DeadLetterRecord

EXCERPT_CHARS = 500


def excerpt(payload: Any, limit: int = EXCERPT_CHARS) -> str:
    """A printable excerpt of ``payload`` (bytes are decoded with replacement)."""
    if payload is None:
        return ""
    if isinstance(payload, (bytes, bytearray, memoryview)):
        text = bytes(payload[: limit * 4]).decode("utf-8", "replace")
    else:
        text = str(payload)[: limit * 2]
    text = text.replace("\x00", "\\0")
    return text[:limit]


def exception_summary(exc: BaseException, limit: int = 4) -> str:
    """``Type: message`` plus the last ``limit`` frames (file:line in function)."""
    frames = traceback.extract_tb(exc.__traceback__)[-limit:]
    where = " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} in {f.name}" for f in reversed(frames))
    return f"{type(exc).__name__}: {str(exc)[:300]}" + (f" [at {where}]" if where else "")


def dead_letter(
    *,
    stage: str,
    reason: str,
    detail: str,
    payload: Any = None,
    key: Any = None,
    topic: str | None = None,
    partition: int | None = None,
    offset: int | None = None,
    dead_letter_id: str | None = None,
) -> DeadLetterRecord:
    """Build a dead letter. Its id is ``stage:topic:partition:offset`` when the input
    came from Kafka (so a replay produces the same id), else ``dead_letter_id``."""
    if dead_letter_id is None:
        dead_letter_id = f"{stage}:{topic}:{partition}:{offset}"
    size = len(payload) if isinstance(payload, (bytes, bytearray, str)) else 0
    key_text = excerpt(key, 200) if key is not None else None
    return DeadLetterRecord(
        dead_letter_id=dead_letter_id,
        stage=stage,
        reason=reason,
        detail=detail[:2000],
        payload_excerpt=excerpt(payload),
        payload_bytes=size,
        key=key_text,
        source_topic=topic,
        source_partition=partition,
        source_offset=offset,
        created_at=time.time(),
    )
