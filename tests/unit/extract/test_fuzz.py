"""Property-based fuzzing of the pure stages: the raw-article contract, the normalizer
and the event extractor. Whatever the input, the contract raises only
:class:`InvalidArticle`, and normalization + extraction never raise and return
well-formed output (the streaming agents would otherwise dead-letter the article)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings, strategies as st

from agents.extract import extract_record, load_extractor
from agents.normalize import normalize_raw
from arabic.extract import EXTRACTOR_VERSION, extract_events
from arabic.normalize import normalize_article
from schemas.raw_article import InvalidArticle, REASONS, article_id, parse_raw_article
from tests.conftest import CORPUS

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), database=None)

ANY_CHAR = st.characters(codec=None, exclude_categories=("Cs",))
ARABIC_CHAR = st.characters(min_codepoint=0x600, max_codepoint=0x6FF)
WORDS = ["قتل", "مقتل", "جرح", "انفجار", "في", "بغداد", "صنعاء", "أمس", "الثلاثاء", "2015", "عشرة", "ثلاثة",
         "قتلى", "جرحى", "غارة", "الرياض", "،", ".", " ", "\n", "-", "(", ")", "\u202e", "\u2066", "\u200f", "\x00",
         "٣", "١٠", "مليون", "أكثر من", "نحو", "شخصا", "قال", "وزارة", "الداخلية", "<p>", "</p>", "&amp;",
         "http://x.com", "'; DROP TABLE articles; --", "٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠", "99999999999999999999", "32 فبراير"]
TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(ARABIC_CHAR, max_size=6)), max_size=80).map("".join),
)
PUBLISHED = st.one_of(st.none(), st.just("2015-01-02T00:00:00"), st.just("2015-01-02 10:00:00"), st.just("2015-01-02"))


def _corpus_docs(n: int = 200) -> list[dict]:
    path = CORPUS / "saudinewsnet-5k.jsonl"
    if not path.is_file():
        return [{"title": "مقتل ثلاثة في انفجار", "text": "بغداد - قتل ثلاثة أشخاص في انفجار سيارة مفخخة أمس.",
                 "published": "2015-01-02T00:00:00"}]
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for _, line in zip(range(n), fh)]


DOCS = _corpus_docs()


@st.composite
def mutated_article(draw: st.DrawFn) -> tuple[str, str, str | None]:
    """A real corpus article with random insertions, deletions, rotations and nasty tokens."""
    doc = DOCS[draw(st.integers(0, len(DOCS) - 1))]
    text = doc["text"]
    for _ in range(draw(st.integers(0, 6))):
        op, i = draw(st.integers(0, 3)), draw(st.integers(0, len(text)))
        if op == 0:
            text = text[:i] + draw(st.text(ANY_CHAR, max_size=20)) + text[i:]
        elif op == 1:
            text = text[:i] + text[i + draw(st.integers(0, 200)):]
        elif op == 2:
            text = text[:i] + draw(st.sampled_from(WORDS)) + text[i:]
        else:
            text = text[i:] + text[:i]
    return doc["title"], text, doc.get("published")


def _extract(title: str, text: str, published: str | None) -> list[dict]:
    norm = normalize_article(title, text)
    normalized = {"clean_title": norm.clean_title, "clean_text": norm.clean_text,
                  "normalized_text": norm.normalized_text, "dateline": norm.dateline, "language": norm.language,
                  "arabic_ratio": norm.arabic_ratio, "content_hash": norm.content_hash, "removed_boilerplate": ()}
    events = extract_events({"article_id": "fuzz", "title": title, "text": text, "published": published,
                             "normalized": normalized})
    assert isinstance(events, list)
    for ev in events:
        assert isinstance(ev, dict) and ev.get("type")
        json.dumps(ev)  # must be serializable onto the wire
    return events


@FUZZ
@given(TEXT, TEXT, PUBLISHED)
def test_extractor_never_raises_on_generated_text(title, text, published):
    _extract(title, text, published)


@FUZZ
@given(mutated_article())
def test_extractor_never_raises_on_mutated_corpus_articles(article):
    _extract(*article)


JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(ANY_CHAR, max_size=30),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                          max_leaves=8)
FIELD = st.one_of(TEXT, JSON_VALUE)


@st.composite
def raw_payload(draw: st.DrawFn) -> bytes:
    fields = {k: draw(FIELD) for k in draw(st.sets(st.sampled_from(
        ["source", "title", "text", "url", "published", "id", "language", "author"]), max_size=8))}
    payload = json.dumps(fields, ensure_ascii=draw(st.booleans())).encode("utf-8")
    kind = draw(st.integers(0, 4))
    if kind == 1:  # truncated JSON
        payload = payload[: draw(st.integers(0, max(0, len(payload) - 1)))]
    elif kind == 2:  # a stray invalid UTF-8 byte
        i = draw(st.integers(0, len(payload)))
        payload = payload[:i] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80"])) + payload[i:]
    elif kind == 3:  # arbitrary bytes
        payload = draw(st.binary(max_size=200))
    return payload


@FUZZ
@given(raw_payload())
def test_contract_and_normalize_raise_only_invalid_article(payload):
    """parse_raw_article and the normalize stage's pure function either succeed or raise
    InvalidArticle with a known reason; nothing else ever escapes."""
    try:
        art = parse_raw_article(payload, max_text_bytes=10_000)
    except InvalidArticle as exc:
        assert exc.reason in REASONS
    else:
        assert len(article_id(art)) == 32
    try:
        rec = normalize_raw(payload, max_text_bytes=10_000, pipeline_version="fuzz")
    except InvalidArticle as exc:
        assert exc.reason in REASONS
    else:
        assert rec.clean_text.strip()
        assert isinstance(extract_record(rec), list)


def test_alternative_extractor_setting(monkeypatch):
    """MARSAD_EXTRACTOR names an alternative extract function (module:function)."""
    fn, version = load_extractor("")
    assert fn is extract_events and version == EXTRACTOR_VERSION
    fn, version = load_extractor("arabic.extract:extract_events")
    assert fn is extract_events and version == EXTRACTOR_VERSION  # the module declares its version
    fn, version = load_extractor("json:loads")
    assert fn is json.loads and version == f"{EXTRACTOR_VERSION}+json:loads"
    monkeypatch.setenv("MARSAD_EXTRACTOR", "arabic.extract:extract_events")
    assert load_extractor()[0] is extract_events
    for bad in ("arabic.extract", ":x", "arabic.extract:"):
        try:
            load_extractor(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} accepted")
