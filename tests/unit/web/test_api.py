"""The web API on SQLite filled through the store's own writers with hand-made records."""

from __future__ import annotations

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from starlette.testclient import TestClient  # noqa: E402

from marsad import store  # noqa: E402
from marsad.web.app import create_app  # noqa: E402
from marsad.web.queries import decode_cursor, encode_cursor  # noqa: E402

ALEPPO = {"text": "حلب", "name": "Aleppo", "country": "SY", "lat": 36.2, "lon": 37.16}
DOUMA = {"text": "دوما", "name": "Douma", "country": "SY", "lat": 33.57, "lon": 36.4}
SANAA = {"text": "صنعاء", "name": "Sanaa", "country": "YE", "lat": 15.35, "lon": 44.2}


def article(aid: str, source: str, published: str, cluster: str | None = None) -> dict:
    return {"article_id": aid, "source": source, "title": f"عنوان {aid}", "text": "نص", "clean_text": "نص",
            "published": published, "language": "ar", "content_hash": aid, "cluster_id": cluster or aid,
            "pipeline_version": "test", "url": f"https://example.org/{aid}"}


def mention(aid: str, idx: int, event_id: str, source: str, published: str, type_: str, loc: dict | None,
            date: str | None, killed: int | None = None, actors: tuple[str, ...] = ()) -> dict:
    cas = [{"kind": "killed", "count": killed}] if killed is not None else []
    return {"mention_id": f"{aid}:{idx}", "event_id": event_id, "article_id": aid, "source": source,
            "published": published,
            "event": {"type": type_, "trigger": "غارة", "sentence": "جملة", "date": date,
                      "locations": [loc] if loc else [], "actors": [{"text": a, "role": "initiator"} for a in actors],
                      "casualties": cas},
            "extractor_version": "x", "pipeline_version": "test"}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "web.db"
    url = f"sqlite:///{path}"
    engine = store.make_engine(url)
    store.init_db(engine)
    arts, ments = [], []
    # event A: an airstrike on Aleppo told by three sources (casualties grow)
    for i, (src, ts, k) in enumerate([("aawsat", "2015-07-20T08:00:00+00:00", 10), ("okaz", "2015-07-20T09:00:00+00:00", 12),
                                      ("alriyadh", "2015-07-20T10:00:00+00:00", None)]):
        arts.append(article(f"a{i}", src, ts, cluster="a0"))
        ments.append(mention(f"a{i}", 0, "a0:0", src, ts, "airstrike", ALEPPO, "2015-07-19", k, ("روسيا",)))
    # event B: shelling on Douma, one source, no date in the text
    arts.append(article("b0", "sabq", "2015-07-18T12:00:00+00:00"))
    ments.append(mention("b0", 0, "b0:0", "sabq", "2015-07-18T12:00:00+00:00", "shelling", DOUMA, None, 3))
    # 30 arrests in Sanaa on distinct days, one source each
    for d in range(30):
        aid = f"c{d:02d}"
        ts = f"2015-06-{d + 1:02d}T06:00:00+00:00"
        arts.append(article(aid, "alyaum", ts))
        ments.append(mention(aid, 0, f"{aid}:0", "alyaum", ts, "arrest", SANAA, f"2015-06-{d + 1:02d}", None, ("الحوثيين",)))
    store.write_batch(engine, arts)
    store.write_mentions(engine, ments)
    with TestClient(create_app(url)) as c:
        yield c


def _all(client, path: str, **params) -> list[dict]:
    items, cursor = [], None
    while True:
        q = dict(params, **({"cursor": cursor} if cursor else {}))
        page = client.get(path, params=q).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


def test_events_newest_first_with_sources_and_casualties(client):
    r = client.get("/api/events", params={"limit": 5})
    assert r.status_code == 200
    page = r.json()
    assert len(page["items"]) == 5 and page["next_cursor"]
    first = page["items"][0]
    assert first["event_id"] == "a0:0"
    assert first["num_sources"] == 3 and first["sources"] == ["aawsat", "alriyadh", "okaz"]
    assert first["casualties"]["killed"] == 12
    assert first["casualties"]["per_source"]["aawsat"]["killed"] == 10
    assert [a["article_id"] for a in first["articles"]] == ["a0", "a1", "a2"]
    assert first["lat"] == pytest.approx(36.2) and first["place"] == "حلب"
    last_seen = [e["last_seen"] for e in page["items"]]
    assert last_seen == sorted(last_seen, reverse=True)


def test_cursor_pagination_covers_everything_once(client):
    items = _all(client, "/api/events", limit=7)
    ids = [e["event_id"] for e in items]
    assert len(ids) == 32 and len(set(ids)) == 32


@pytest.mark.parametrize("params, expected", [
    ({"type": "airstrike"}, {"a0:0"}),
    ({"type": "airstrike,shelling"}, {"a0:0", "b0:0"}),
    ({"country": "sy"}, {"a0:0", "b0:0"}),
    ({"place": "دوما"}, {"b0:0"}),
    ({"place": "aleppo"}, {"a0:0"}),
    ({"actor": "روسيا"}, {"a0:0"}),
    ({"source": "okaz"}, {"a0:0"}),
    ({"min_sources": 2}, {"a0:0"}),
    ({"from": "2015-07-18", "to": "2015-07-18"}, {"b0:0"}),  # no date: the day of its first report
    ({"from": "2015-06-29"}, {"c28:0", "c29:0", "a0:0", "b0:0"}),
    ({"to": "2015-06-02", "type": "arrest"}, {"c00:0", "c01:0"}),
])
def test_filters(client, params, expected):
    got = {e["event_id"] for e in _all(client, "/api/events", limit=3, **params)}
    assert got == expected


def test_filters_apply_to_map_and_timeline(client):
    pts = client.get("/api/map", params={"country": "SY"}).json()["points"]
    assert {p["event_id"] for p in pts} == {"a0:0", "b0:0"}
    days = client.get("/api/timeline", params={"from": "2015-07-01"}).json()["days"]
    assert days == [{"day": "2015-07-18", "counts": {"shelling": 1}, "total": 1},
                    {"day": "2015-07-19", "counts": {"airstrike": 1}, "total": 1}]
    assert sum(d["total"] for d in client.get("/api/timeline").json()["days"]) == 32


def test_one_event_with_its_articles_and_clusters(client):
    ev = client.get("/api/events/a0:0").json()
    assert ev["num_articles"] == 3 and len(ev["mentions"]) == 3
    assert {a["source"] for a in ev["articles"]} == {"aawsat", "okaz", "alriyadh"}
    assert all(a["cluster"]["cluster_id"] == "a0" for a in ev["articles"])
    assert ev["articles"][0]["url"] == "https://example.org/a0"
    assert client.get("/api/events/nope").status_code == 404


def test_articles_with_clusters(client):
    items = _all(client, "/api/articles", limit=10)
    assert len(items) == 34
    a1 = next(a for a in items if a["article_id"] == "a1")
    assert a1["cluster"]["cluster_id"] == "a0" and a1["cluster"]["size"] == 3 and a1["event_ids"] == ["a0:0"]
    assert [a["article_id"] for a in client.get("/api/articles", params={"cluster_id": "a0"}).json()["items"]] == ["a2", "a1", "a0"]
    assert len(client.get("/api/articles", params={"source": "alyaum", "to": "2015-06-03"}).json()["items"]) == 3


def test_bad_parameters_are_400(client):
    for params in ({"limit": "0"}, {"limit": "x"}, {"from": "yesterday"}, {"cursor": "!!!"}, {"min_sources": "-1"}):
        r = client.get("/api/events", params=params)
        assert r.status_code == 400, params
        assert r.json()["error"] == "bad_request"


def test_facets_status_openapi_and_page(client):
    f = client.get("/api/facets").json()
    assert {t["value"] for t in f["types"]} == {"airstrike", "shelling", "arrest"}
    s = client.get("/api/status").json()
    assert s["events"] == 32 and s["articles"] == 34 and s["version"]
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.") and "/api/events" in spec["paths"]
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"from", "to", "type", "country", "place", "actor", "source", "min_sources", "cursor", "limit"} <= names
    page = client.get("/")
    assert page.status_code == 200 and "app.js" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/static/region.json").json()["type"] == "FeatureCollection"


def test_updated_since_for_live_updates(client):
    s = client.get("/api/status").json()
    assert client.get("/api/events", params={"updated_since": s["last_update"]}).json()["items"] == []
    assert len(client.get("/api/events", params={"updated_since": "2000-01-01"}).json()["items"]) == 32


def test_read_only(client):
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    with pytest.raises(OperationalError):
        with client.app.state.engine.begin() as conn:
            conn.execute(text("DELETE FROM events"))


def test_cursor_round_trip():
    assert decode_cursor(encode_cursor("2015-07-20T10:00:00+00:00", "a0:0")) == ("2015-07-20T10:00:00+00:00", "a0:0")
    assert decode_cursor(encode_cursor(None, "x")) == (None, "x")
