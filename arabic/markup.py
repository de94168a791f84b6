"""Markup removal: HTML tags, comments, scripts/styles, entities, Markdown images.

One reason to change: the markup dialects that feeds (RSS, scraped HTML) put into text.
Plain text without markup passes through unchanged (fast path).
"""

from __future__ import annotations

import html
import re

__all__ = ["strip_markup", "unescape_entities"]

_AUDIT_MAX = 200

# Anything that looks like a tag, a comment, an entity or a Markdown image.
_HAS_MARKUP_RE = re.compile(r"<[A-Za-z!/?]|&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,31});|!\[")
_HAS_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,31});")

# Opening tags of whole elements whose content is never article text.
_DROP_OPEN_RE = re.compile(
    r"<(script|style|noscript|template|iframe|object|svg|head)\b", re.IGNORECASE
)
_COMMENT_RE = re.compile(
    r"<!--.*?(?:-->|$)|<!\[CDATA\[|\]\]>|<![^<>]{0,1000}>|<\?[^<>]{0,1000}\?>", re.DOTALL
)
# Tags that end a paragraph or line: replaced by a line break.
_BLOCK_TAG_RE = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|section|article|header|footer"
    r"|figure|figcaption|pre|hr|dd|dt|dl|aside|nav|main|address|title)\b[^<>]{0,2000}>",
    re.IGNORECASE,
)
_ANY_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]{0,64}(?:\s[^<>]{0,2000})?/?>")
# Markdown image left by HTML-to-text converters: ![alt](url), the URL may wrap lines.
_MD_IMAGE_RE = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\s]{0,1000}(?:\s[^)\s]{0,1000}){0,3}\)")


def _drop_elements(text: str, removed: list[str]) -> str:
    """Cut ``<script>``-like elements with their content, in linear time.

    An element that is never closed runs to the end of the text (as in browsers).
    """
    if not _DROP_OPEN_RE.search(text):
        return text
    lower = text.lower()
    parts: list[str] = []
    pos = 0
    while True:
        match = _DROP_OPEN_RE.search(text, pos)
        if match is None:
            parts.append(text[pos:])
            break
        parts.append(text[pos : match.start()])
        close = "</" + match.group(1).lower()
        end = lower.find(close, match.end())
        if end < 0:
            stop = len(text)
        else:
            gt = lower.find(">", end)
            stop = len(text) if gt < 0 else gt + 1
        frag = text[match.start() : stop].strip()
        if frag:
            removed.append(frag[:_AUDIT_MAX])
        parts.append("\n")
        pos = stop
    return "".join(parts)


def unescape_entities(text: str) -> str:
    """Decode HTML character references (``&quot;``, ``&#8220;``, ``&amp;`` ...) in
    ``text``; text without entities is returned as is. Never raises."""
    if "&" not in text or not _HAS_ENTITY_RE.search(text):
        return text
    return html.unescape(text)


def strip_markup(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove markup from ``text`` and return ``(plain_text, removed_fragments)``.

    - ``<script>``, ``<style>``, ``<noscript>``, ``<iframe>``, ``<svg>``, ``<head>``
      elements are dropped with their content (recorded in ``removed_fragments``,
      each truncated to 200 characters), as are Markdown images ``![alt](url)``;
    - comments, CDATA markers and processing instructions are dropped;
    - block-level tags (``p``, ``div``, ``br``, ``li``, headings ...) become ``"\\n"``,
      other tags are removed (tags themselves are not recorded);
    - entities are decoded once, after tags are removed, so ``&lt;b&gt;`` stays
      literal ``<b>`` text.

    Text with no tag, entity or Markdown image is returned unchanged. A lone ``<``
    or ``&`` in prose (``"5 < 7"``, ``"AT&T"``) is kept. Never raises.
    """
    if not text or not _HAS_MARKUP_RE.search(text):
        return text, ()
    removed: list[str] = []

    def _drop(match: re.Match[str]) -> str:
        frag = match.group(0).strip()
        if frag:
            removed.append(frag[:_AUDIT_MAX])
        return "\n"

    if "<" in text:
        text = _drop_elements(text, removed)
        text = _COMMENT_RE.sub("", text)
        text = _BLOCK_TAG_RE.sub("\n", text)
        text = _ANY_TAG_RE.sub("", text)
    if "![" in text:
        text = _MD_IMAGE_RE.sub(_drop, text)
    return unescape_entities(text), tuple(removed)
