"""The raw-article contract: parsing, validation and the deterministic article id.

:func:`parse_raw_article` turns the bytes of one Kafka message (or one JSONL line)
into a validated dict or raises :class:`InvalidArticle` with a machine-readable
``reason`` (one of :data:`REASONS`) and a human ``detail``. It never raises anything
else, whatever the input.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

import orjson
from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).with_name("raw_article.schema.json")

#: Every reason a record can be dead-lettered for at the edge or in ``normalize``.
REASONS = (
    "empty_payload",
    "invalid_utf8",
    "invalid_json",
    "not_an_object",
    "missing_field",
    "wrong_type",
    "empty_text",
    "text_too_large",
    "invalid_field",
)

_TRACKING_PARAMS = {"fbclid", "gclid", "ref", "ref_src", "mc_cid", "mc_eid"}


class InvalidArticle(ValueError):
    """A record that breaks the raw-article contract.

    ``reason`` is one of :data:`REASONS`; ``detail`` says what exactly, for people.
    """

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def parse_raw_article(payload: bytes | str | None, *, max_text_bytes: int = 2_000_000) -> dict[str, Any]:
    """Decode and validate one raw article.

    Returns the article dict (extra fields kept). Raises :class:`InvalidArticle` when
    the payload is empty, not UTF-8, not JSON, not an object, misses ``source``,
    ``title`` or ``text``, has a field of the wrong type, has a text with no visible
    characters, or a text larger than ``max_text_bytes`` (UTF-8 bytes).
    """
    if payload is None or len(payload) == 0:
        raise InvalidArticle("empty_payload", "the message has no value")
    if isinstance(payload, str):
        try:
            payload = payload.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InvalidArticle("invalid_utf8", f"unencodable character at {exc.start}") from None
    try:
        payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidArticle("invalid_utf8", f"byte {exc.start}: {exc.reason}") from None
    try:
        data = orjson.loads(payload)
    except orjson.JSONDecodeError as exc:
        raise InvalidArticle("invalid_json", str(exc)[:200]) from None
    return validate_article(data, max_text_bytes=max_text_bytes)


def validate_article(data: Any, *, max_text_bytes: int = 2_000_000) -> dict[str, Any]:
    """Validate an already-decoded article against the contract; see :func:`parse_raw_article`."""
    if not isinstance(data, dict):
        raise InvalidArticle("not_an_object", f"expected a JSON object, got {type(data).__name__}")
    text = data.get("text")
    if isinstance(text, str) and len(text) > max_text_bytes // 4 and len(text.encode("utf-8", "surrogatepass")) > max_text_bytes:
        raise InvalidArticle("text_too_large", f"text is over the {max_text_bytes}-byte limit")
    errors = sorted(_validator().iter_errors(data), key=lambda e: (len(e.path), e.validator))
    if errors:
        err = errors[0]
        if err.validator == "required":
            missing = [f for f in ("source", "title", "text") if f not in data]
            raise InvalidArticle("missing_field", f"missing required field(s): {', '.join(missing)}")
        field = ".".join(str(p) for p in err.path) or "(root)"
        if err.validator == "type":
            raise InvalidArticle("wrong_type", f"field {field!r}: {err.message[:160]}")
        raise InvalidArticle("invalid_field", f"field {field!r}: {err.message[:160]}")
    if not text.strip():
        raise InvalidArticle("empty_text", "text is empty or whitespace")
    if data.get("published"):
        parse_published(data["published"])  # raises invalid_field
    return data


def parse_published(value: str | None) -> datetime | None:
    """Parse ``published`` (ISO 8601 or 'YYYY-MM-DD HH:MM:SS'); naive times are UTC.

    Returns None for None/empty; raises :class:`InvalidArticle` ('invalid_field') when
    the value is not a date.
    """
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidArticle("invalid_field", f"published is not an ISO date: {value[:40]!r}") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt


def canonical_url(url: str) -> str:
    """A canonical form of ``url``: lower-case scheme and host without ``www.``,
    no fragment, no tracking parameters (``utm_*``, ``fbclid``...), sorted query,
    one percent-encoding of the path, no trailing slash. Unparseable input is
    returned stripped."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    scheme = (parts.scheme or "http").lower()
    if scheme == "https":
        scheme = "http"  # the same article is often linked both ways
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = quote(unquote(parts.path), safe="/-._~!$&'()*+,;=:@%")
    path = path.rstrip("/") or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith("utm_") and k.lower() not in _TRACKING_PARAMS]
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


def article_id(article: dict[str, Any]) -> str:
    """The deterministic id of an article: from its canonical URL when it has one,
    else from source + title + text. 32 hex characters; the same input always gives
    the same id, on every machine."""
    url = article.get("url")
    if isinstance(url, str) and url.strip():
        basis = "url\x1f" + canonical_url(url)
    else:
        basis = "\x1f".join(["content", str(article.get("source", "")), str(article.get("title", "")), str(article.get("text", ""))])
    return hashlib.blake2b(basis.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
