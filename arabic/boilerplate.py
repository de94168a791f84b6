"""Boilerplate removal for Arabic news text: share bars, read-also links, copyright,
agency end markers, contact trailers, link trailers, separators.

One reason to change: which recurring non-article lines/fragments are recognised.
The rules were derived from the SaudiNewsNet corpus (most frequent first/last lines per
source, and the lines that recur across articles) and are written to generalise to
other outlets rather than to match single articles:

===========================  ==========================================================
rule                         corpus evidence (5,000 articles)
===========================  ==========================================================
``share``                    Okaz: 23 texts start with the inline bar "شارك من خلال تويتر
                             فيسبوك جوجل بلس اكتب رأيك"; seed: trailing "مشاركة :" line
``read_more``                Asharq Al-Awsat: 20 texts end with "...المزيد"; generic
                             "اقرأ أيضا" / "للمزيد" / "Read more" lines
``copyright``                generic "جميع الحقوق محفوظة" / "©" / "All rights reserved"
                             lines (none in this corpus; the 3 hits of "جميع الحقوق" are
                             prose and are kept)
``end_marker``               SPA (was): "// انتهى //" (63), "// يتبع //"; outlets
                             reprinting SPA: "//انتهى//" on its own line or glued to the
                             last sentence (Al-Riyadh)
``time_trailer``             SPA: 68 texts end with a dispatch time line "19:06 ت م"
``contact``                  Al-Madina/Okaz columns: a line opening with "للتواصل مع
                             الكاتب ارسل رسالة SMS" and the short lines after it ("88591 -
                             Stc", "737221 - Zain"); phone lines; e-mail / URL /
                             @handle-only lines (Asharq Al-Awsat, Okaz column bylines)
``link_trailer``             Al-Weeam: 457 texts end with "رابط الخبر بصحيفة الوئام: <title>"
``navigation``               Ain Alyoum: 30 texts start with gallery buttons "Next Previous"
``separator``                Al-Jazirah/Okaz: "***", "* *" lines with no letter or digit
===========================  ==========================================================

Rules only delete whole lines or cut a fragment at a line's start or end; they never
rewrite words. Inline rules need strong evidence (a share bar needs several platforms
plus a share/comment word; prose such as "شارك الفريق ..." or "«فيسبوك» Facebook" is
kept). Input is expected to be character-clean text (see :mod:`arabic.chars`); the
functions never raise on any ``str``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from arabic.chars import fold_word

__all__ = ["remove_boilerplate", "remove_boilerplate_lines"]

_AUDIT_MAX = 300
# Continuation lines of a contact block ("تبدأ بالرمز (84) ثم مسافة ثم نص الرسالة إلى").
_CONTACT_TAIL_WORDS = 12


def _fold(word: str) -> str:
    return fold_word(word)


def _folded_set(words: str) -> frozenset[str]:
    return frozenset(_fold(w) for w in words.split())


# --- share bars -------------------------------------------------------------------
# Social platforms (strong tokens): two distinct ones make an inline run a share bar.
_PLATFORMS: dict[str, str] = {
    **{w: "twitter" for w in "تويتر تويتير twitter tweet غرد".split()},
    **{w: "facebook" for w in "فيسبوك فيس الفيسبوك فيسبوك facebook fb".split()},
    **{w: "google" for w in "جوجل قوقل غوغل جوجل+ google google+ g+".split()},
    **{w: "whatsapp" for w in "واتساب واتس واتسآب whatsapp".split()},
    **{w: "linkedin" for w in "لينكدإن لينكدان لينكد linkedin".split()},
    **{w: "telegram" for w in "تيليجرام تليجرام تلغرام تيليغرام تلجرام telegram".split()},
    **{w: "instagram" for w in "انستغرام انستقرام انستجرام instagram".split()},
    **{w: "snapchat" for w in "سناب snapchat".split()},
    **{w: "messenger" for w in "ماسنجر messenger".split()},
    **{w: "pinterest" for w in "pinterest بنترست".split()},
    **{w: "reddit" for w in "reddit ريديت".split()},
    **{w: "tumblr" for w in "tumblr".split()},
}
_PLATFORMS = {_fold(k): v for k, v in _PLATFORMS.items()}
# Page tools: count as share vocabulary for whole lines, not as social platforms.
_TOOLS = _folded_set("طباعة اطبع print ايميل إيميل email e-mail mail إرسال ارسال send حفظ save")
_SHARE_VERBS = _folded_set("شارك شاركها شاركه شاركوا مشاركة share shares شير")
_COMMENT = _folded_set("اكتب رأيك تعليقك أضف اضف تعليق تعليقات التعليقات comment comments")
# Words that only glue a bar together ("من خلال", "جوجل بلس", "فيس بوك", "لينكد إن" ...).
_GLUE = _folded_set(
    "من خلال عبر على في مع هذا هذه الخبر المقال الصفحة بلس plus بوك اب آب إن ان شات "
    "البريد الإلكتروني الالكتروني on via this article the to with رابط الرابط نسخ copy link"
)
_SHARE_VOCAB = frozenset(_PLATFORMS) | _TOOLS | _SHARE_VERBS | _COMMENT | _GLUE
_TOKEN_RE = re.compile(r"\S+")
_STRIP_PUNCT_RE = re.compile(r"^[^\w+]+|[^\w+]+$")
_SENTENCE_END = frozenset(".!?؟»\"”')")

# --- other line rules -----------------------------------------------------------------
# "Read also" with a headline after it: the whole line is a link to another article.
_READ_ALSO_RE = re.compile(
    r"^\W*(?:(?:اقرأ|إقرأ|اقرا|إقرا|شاهد|طالع)\s+(?:أيضا|ايضا|كذلك)|read\s+also|see\s+also"
    r"|read\s+more|اقرأ\s+المزيد|اقرا\s+المزيد)(?!\w)",
    re.IGNORECASE,
)
# Weaker markers ("المزيد", "للمزيد", "ذات صلة" headers) only when they stand alone on
# the line (Asharq Al-Awsat's "...المزيد") or introduce a short headline after ":".
_MORE_ALONE_RE = re.compile(
    r"^\W*(?:المزيد|للمزيد|التفاصيل|(?:مواضيع|أخبار|اخبار|مقالات|موضوعات)\s+(?:ذات\s+صلة|متعلقة)"
    r"|related(?:\s+(?:articles?|news|stories))?|more)\W*(?::\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)
# "حقوق النشر" alone is prose ("ينتهك قواعد حقوق النشر"): a notice says "محفوظة".
_COPYRIGHT_RE = re.compile(
    r"الحقوق\s+(?:\S+\s+){0,2}محفوظة|حقوق\s+(?:النشر|الطبع)(?:\s+\S+){0,4}\s+محفوظة|©"
    r"|\(c\)\s*\d{4}|^\W*copyright\b|copyright\s*(?:©|\(c\)|\d{4})|all\s+rights\s+reserved",
    re.IGNORECASE,
)
_END_MARKER_RE = re.compile(r"^[\W_]*(?:انتهى|انتهي|يتبع|نهاية الخبر)[\W_]*$")
# The same marker glued to the end of the last paragraph ("... مطار عدن الدولي. // انتهى //").
_END_MARKER_TAIL_RE = re.compile(
    r"\s*(?://+\s*(?:انتهى|انتهي|يتبع)\s*//+|\(\s*(?:انتهى|انتهي|يتبع)\s*\))\s*$"
)
_TIME_TRAILER_RE = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:ت\s*م|ت\s*غ|ت\.م|ت\.غ|بتوقيت\s+\S+)\.?$")
# A line opening with "للتواصل مع الكاتب ارسل رسالة SMS ..." (possibly glued to the
# author's e-mail address) is a contact block; "للتواصل" inside prose is not.
_CONTACT_RE = re.compile(
    r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*)?(?:للتواصل|للاشتراك|للتعليق)\b.{0,40}?(?:sms|رسالة)",
    re.IGNORECASE,
)
_PHONE_RE = re.compile(
    r"^(?:تليفون|تلفون|هاتف|فاكس|جوال|موبايل|tel|phone|fax|mobile)\s*[:.]?\s*[\d\s+()\-/]{5,}$",
    re.IGNORECASE,
)
_ADDRESS_ONLY_RE = re.compile(
    r"^(?:(?:تويتر|twitter|البريد الإلكتروني|البريد الالكتروني|ايميل|إيميل|e-?mail)\s*[:.]?\s*)?"
    r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{2,}|\w{2,}@|(?:https?://|www\.)\S+)\.?$",
    re.IGNORECASE,
)
_NAV_PREFIX_RE = re.compile(r"^(?:(?:next|previous|prev|التالي|السابق)\s*){2,4}", re.IGNORECASE)
_LINK_TRAILER_RE = re.compile(
    r"\s*(?:رابط|الرابط)\s+(?:الخبر|المقال|الموضوع|المختصر|مختصر|دائم)[^:\n]{0,40}:.{0,300}$"
)
_HAS_ALNUM_RE = re.compile(r"[^\W_]")
_MAX_SHARE_LINE_WORDS = 20
_MAX_RUN_WORDS = 30
_TAIL_CHARS = 400


def _word(token: str) -> str:
    """Folded token with punctuation stripped at both ends ("رأيك:" -> "رايك")."""
    word = _STRIP_PUNCT_RE.sub("", token)
    return _fold(word) if word else ""


def _in_vocab(word: str) -> bool:
    return not word or word in _SHARE_VOCAB


def _edge_in_vocab(line: str) -> bool:
    """Cheap gate: does the line start or end with share vocabulary?"""
    parts = line.split(None, 1)
    if not parts:
        return False
    if _in_vocab(_word(parts[0])):
        return True
    return _in_vocab(_word(line.rsplit(None, 1)[-1]))


def _tokens(line: str, start: int = 0) -> list[tuple[int, int, str]]:
    """``(start, end, folded_word)`` for each whitespace token from ``start``."""
    return [(m.start(), m.end(), _word(m.group(0))) for m in _TOKEN_RE.finditer(line, start)]


def _trailing_tokens(line: str) -> list[tuple[int, int, str]]:
    """Tokens at the end while they are share vocabulary (plus the last other one)."""
    start = max(0, len(line) - _TAIL_CHARS)
    matches = list(_TOKEN_RE.finditer(line, start))
    if start and matches:
        matches = matches[1:]  # may be a partial word
    out = []
    for m in reversed(matches):
        word = _word(m.group(0))
        out.append((m.start(), m.end(), word))
        if not _in_vocab(word) or len(out) > _MAX_RUN_WORDS:
            break
    out.reverse()
    return out


def _leading_tokens(line: str) -> list[tuple[int, int, str]]:
    """Tokens from the start while they are share vocabulary (plus the first other one)."""
    out = []
    for m in _TOKEN_RE.finditer(line):
        word = _word(m.group(0))
        out.append((m.start(), m.end(), word))
        if not _in_vocab(word) or len(out) > _MAX_RUN_WORDS:
            break
    return out


def _run_score(words: Sequence[str]) -> tuple[int, int, int, int]:
    """(distinct social platforms, share verbs, comment words, tools) in a token run."""
    platforms = {_PLATFORMS[w] for w in words if w in _PLATFORMS}
    verbs = sum(1 for w in words if w in _SHARE_VERBS)
    comments = sum(1 for w in words if w in _COMMENT)
    tools = sum(1 for w in words if w in _TOOLS)
    return len(platforms), verbs, comments, tools


def _is_share_line(tokens: Sequence[tuple[int, int, str]]) -> bool:
    words = [w for _, _, w in tokens if w]
    if not words or len(words) > _MAX_SHARE_LINE_WORDS:
        return False
    if not all(w in _SHARE_VOCAB or w.isdigit() for w in words):
        return False
    platforms, verbs, comments, tools = _run_score(words)
    return bool(platforms or verbs or tools)


def _is_share_run(words: Sequence[str]) -> bool:
    """An inline run is a share bar only with strong evidence: "Facebook Messenger" or
    "شارك عبر تويتر" can be prose, "شارك من خلال تويتر فيسبوك جوجل بلس" cannot."""
    platforms, verbs, comments, tools = _run_score(words)
    ui = verbs + comments + tools
    return platforms >= 3 or (platforms >= 2 and ui >= 1) or (platforms >= 1 and verbs and comments)


def _strip_share_runs(line: str, is_last_line: bool) -> tuple[str, list[str]]:
    """Cut an inline share bar at the start or end of ``line`` (or all of it)."""
    removed: list[str] = []
    words = line.split()
    if len(words) <= 2 * _MAX_SHARE_LINE_WORDS and all(_in_vocab(_word(w)) for w in words):
        if _is_share_line(_tokens(line)):
            return "", [line]
    # leading run
    tokens = _leading_tokens(line)
    n = 0
    while n < len(tokens) and _in_vocab(tokens[n][2]):
        n += 1
    while n > 0 and (not tokens[n - 1][2] or tokens[n - 1][2] in _GLUE):
        n -= 1  # a bar ends on a platform/verb/comment word, not on "من" / "في"
    if 0 < n < len(tokens) and _is_share_run([w for _, _, w in tokens[:n] if w]):
        cut = tokens[n - 1][1]
        removed.append(line[:cut].strip())
        line = line[cut:].strip()
    # trailing run: walk back from the end while tokens are share vocabulary
    tokens = _trailing_tokens(line)
    k = len(tokens)
    while k > 0 and _in_vocab(tokens[k - 1][2]):
        k -= 1
    while k < len(tokens) and (not tokens[k][2] or tokens[k][2] in _GLUE):
        k += 1  # and starts on one
    if 0 < k < len(tokens):
        run = [w for _, _, w in tokens[k:] if w]
        start = tokens[k][0]
        before = line[:start].rstrip()
        ends_sentence = bool(before) and before[-1] in _SENTENCE_END
        _, verbs, _, _ = _run_score(run)
        # "... نص الخبر. مشاركة :" at the very end of the text is the seed's trailer
        # glued to the last sentence; elsewhere a lone verb is prose ("... بمشاركة"),
        # and a platform name after a sentence can be prose ("«فيسبوك» Facebook").
        if _is_share_run(run) or (is_last_line and ends_sentence and verbs and len(run) <= 6):
            removed.append(line[start:].strip())
            line = before
    return line, removed


def _read_more(line: str) -> tuple[bool, bool]:
    """``(is_read_more_line, header_only)`` for a "read also" / "more" link line."""
    m = _READ_ALSO_RE.match(line)
    if m:
        if len(line.split()) > 30:
            return False, False
        return True, not _HAS_ALNUM_RE.search(line[m.end() :])
    m = _MORE_ALONE_RE.match(line)
    if m:
        rest = m.group("rest")
        if rest is None or not _HAS_ALNUM_RE.search(rest):
            return True, True
        return len(rest.split()) <= 20, False
    return False, False


def _short_suffixes(lines: Sequence[str]) -> list[bool]:
    """``out[i]`` is True when every line from ``i`` on has few words (``out[n]`` True)."""
    out = [True] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        out[i] = out[i + 1] and len(lines[i].split()) <= _CONTACT_TAIL_WORDS
    return out


def remove_boilerplate_lines(lines: Sequence[str]) -> tuple[list[str], tuple[str, ...]]:
    """Remove boilerplate from a list of clean, stripped, non-empty lines.

    Returns ``(kept_lines, removed_fragments)``; ``removed_fragments`` holds each removed
    line or fragment (truncated to 300 characters), in text order, for audit. Lines are
    only deleted or trimmed, never rewritten otherwise. Never raises.
    """
    kept: list[str] = []
    removed: list[str] = []
    n_lines = len(lines)
    if not n_lines:
        return [], ()
    skip_next_short = False
    contact_tail = False
    # short_from[i]: lines[i:] are all short (a contact block's continuation), O(n) once
    short_from: list[bool] | None = None
    for i, line in enumerate(lines):
        if not line:
            continue
        if contact_tail:
            # the rest of a "للتواصل ... SMS" block: operator codes, "ثم الرسالة" ...
            if len(line.split()) <= _CONTACT_TAIL_WORDS:
                removed.append(line[:_AUDIT_MAX])
                continue
            contact_tail = False
        if not _HAS_ALNUM_RE.search(line):
            removed.append(line[:_AUDIT_MAX])
            continue
        if skip_next_short:
            skip_next_short = False
            words = line.split()
            if len(words) <= 15 and line[-1] not in ".!؟?":
                removed.append(line[:_AUDIT_MAX])
                continue
        nav = _NAV_PREFIX_RE.match(line)
        if nav:
            removed.append(nav.group(0).strip())
            line = line[nav.end() :].strip()
            if not line:
                continue
        is_more, header_only = _read_more(line)
        if is_more:
            removed.append(line[:_AUDIT_MAX])
            # a bare "اقرأ أيضا" header: the next short line is the linked headline
            skip_next_short = header_only and i < n_lines - 1
            continue
        if _END_MARKER_RE.match(line) or _TIME_TRAILER_RE.match(line):
            removed.append(line[:_AUDIT_MAX])
            continue
        if _CONTACT_RE.match(line) and len(line.split()) <= 3 * _CONTACT_TAIL_WORDS:
            removed.append(line[:_AUDIT_MAX])
            # the block's continuation lines (operator codes ...) when it ends the text
            if short_from is None:
                short_from = _short_suffixes(lines)
            contact_tail = short_from[i + 1]
            continue
        if _PHONE_RE.match(line) or _ADDRESS_ONLY_RE.match(line):
            removed.append(line[:_AUDIT_MAX])
            continue
        if len(line) <= 250 and _COPYRIGHT_RE.search(line) and len(line.split()) <= 25:
            removed.append(line[:_AUDIT_MAX])
            continue
        if _edge_in_vocab(line):
            line, cut = _strip_share_runs(line, is_last_line=(i == n_lines - 1))
            removed.extend(c[:_AUDIT_MAX] for c in cut)
            if not line or not _HAS_ALNUM_RE.search(line):
                continue
        if line[-1] in "/)":
            m = _END_MARKER_TAIL_RE.search(line, max(0, len(line) - 40))
            if m:
                removed.append(m.group(0).strip())
                line = line[: m.start()].rstrip()
                if not line:
                    continue
        if i >= n_lines - 2 and ("رابط" in line):
            m = _LINK_TRAILER_RE.search(line)
            if m:
                removed.append(m.group(0).strip()[:_AUDIT_MAX])
                line = line[: m.start()].rstrip()
                if not line:
                    continue
        kept.append(line)
    return kept, tuple(removed)


def remove_boilerplate(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove boilerplate from ``text`` (lines separated by ``"\\n"``).

    Returns ``(clean_text, removed_fragments)``; ``clean_text`` has stripped, non-empty
    lines joined by ``"\\n"``. Convenience wrapper over :func:`remove_boilerplate_lines`.
    Never raises on a ``str``.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    lines = [ln.strip() for ln in text.split("\n")]
    kept, removed = remove_boilerplate_lines([ln for ln in lines if ln])
    return "\n".join(kept), removed
