"""The OpenAPI 3.1 description of the web API (written by hand, served at /api/openapi.json)."""

from __future__ import annotations

from typing import Any



def _q(name: str, desc: str, schema: dict[str, Any], example: Any = None) -> dict[str, Any]:
    p: dict[str, Any] = {"name": name, "in": "query", "required": False, "description": desc, "schema": schema}
    if example is not None:
        p["example"] = example
    return p


STR = {"type": "string"}
NSTR = {"type": ["string", "null"]}
NINT = {"type": ["integer", "null"]}
NNUM = {"type": ["number", "null"]}
TS = {"type": ["string", "null"], "format": "date-time"}

EVENT_TYPES = ["airstrike", "shelling", "bombing", "armed_clash", "killing", "ceasefire", "negotiation",
               "evacuation", "siege", "arrest", "protest", "displacement"]

EVENT_FILTERS = [
    _q("from", "First day (inclusive) of the event: its date when known, else the day it was first reported.",
       {"type": "string", "format": "date"}, "2015-07-01"),
    _q("to", "Last day (inclusive), same rule as `from`.", {"type": "string", "format": "date"}, "2015-07-31"),
    _q("type", "Event type; repeat the parameter or separate with commas for several (any of).",
       {"type": "string"}, "airstrike,shelling"),
    _q("country", "ISO 3166-1 alpha-2 code of the event's main place; several allowed (any of).", STR, "SY"),
    _q("place", "Substring of the place as written (Arabic) or its gazetteer name, main place or any location.",
       STR, "حلب"),
    _q("actor", "Substring of an actor's text or canonical name.", STR, "داعش"),
    _q("source", "Only events reported by this source (outlet id, as in articles.source).", STR, "aawsat"),
    _q("min_sources", "Only events reported by at least this many distinct sources.",
       {"type": "integer", "minimum": 1, "maximum": 1000}, 2),
    _q("updated_since", "Only events the pipeline (re)wrote after this time (ISO 8601): live updates.",
       {"type": "string", "format": "date-time"}),
]

PAGING = [
    _q("limit", "Page size.", {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}),
    _q("cursor", "`next_cursor` of the previous page (opaque).", STR),
]

ERR = {"description": "Bad parameter", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
UNAVAILABLE = {"description": "The database cannot be read", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _ok(ref: str, desc: str) -> dict[str, Any]:
    return {"description": desc, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


SCHEMAS: dict[str, Any] = {
    "Error": {"type": "object", "required": ["error"],
              "properties": {"error": STR, "detail": STR}},
    "Location": {"type": "object", "properties": {"text": STR, "name": NSTR, "country": NSTR, "lat": NNUM, "lon": NNUM}},
    "Actor": {"type": "object", "properties": {"text": STR, "name": NSTR, "kind": NSTR, "role": NSTR}},
    "SourceCasualties": {"type": "object", "description": "The latest counts reported by one source.",
                         "properties": {"killed": NINT, "injured": NINT,
                                        "published_ts": {"type": "number", "description": "epoch seconds of that source's latest article"}}},
    "Casualties": {"type": "object", "properties": {
        "killed": {**NINT, "description": "reconciled: the largest of each source's latest count (never a sum)"},
        "injured": NINT,
        "per_source": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/SourceCasualties"}}}},
    "ArticleRef": {"type": "object", "properties": {"article_id": STR, "source": STR, "title": NSTR, "url": NSTR,
                                                    "published_at": TS}},
    "Event": {"type": "object", "required": ["event_id", "type", "num_sources"], "properties": {
        "event_id": STR, "type": {"type": "string", "enum": EVENT_TYPES},
        "date": {"type": ["string", "null"], "format": "date"},
        "place": {**NSTR, "description": "most specific place as written"},
        "place_name": {**NSTR, "description": "gazetteer name"},
        "country": NSTR, "lat": NNUM, "lon": NNUM,
        "locations": {"type": "array", "items": {"$ref": "#/components/schemas/Location"}},
        "actors": {"type": "array", "items": {"$ref": "#/components/schemas/Actor"}},
        "casualties": {"$ref": "#/components/schemas/Casualties"},
        "num_articles": {"type": "integer"}, "num_sources": {"type": "integer"},
        "first_seen": TS, "last_seen": TS, "updated_at": TS,
        "extractor_version": NSTR, "pipeline_version": NSTR,
        "sources": {"type": "array", "items": STR},
        "articles": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleRef"}}}},
    "EventPage": {"type": "object", "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
        "next_cursor": {**NSTR, "description": "pass as `cursor` for the next page; null on the last page"},
        "limit": {"type": "integer"}}},
    "Mention": {"type": "object", "properties": {
        "mention_id": STR, "article_id": STR, "source": STR, "published_at": TS, "trigger": NSTR,
        "sentence": NSTR, "date": NSTR, "date_text": NSTR,
        "casualties": {"type": "array", "items": {"type": "object"}},
        "locations": {"type": "array", "items": {"$ref": "#/components/schemas/Location"}},
        "actors": {"type": "array", "items": {"$ref": "#/components/schemas/Actor"}}, "reported_by": NSTR}},
    "Cluster": {"type": "object", "description": "the article's story cluster (near-duplicate detection)",
                "properties": {"cluster_id": NSTR, "duplicate_of": NSTR, "similarity": NNUM,
                               "size": {**NINT, "description": "articles in the cluster"}}},
    "Article": {"type": "object", "properties": {
        "article_id": STR, "source": STR, "source_name": NSTR, "title": NSTR, "url": NSTR, "published_at": TS,
        "language": NSTR, "dateline": NSTR, "cluster": {"$ref": "#/components/schemas/Cluster"},
        "event_ids": {"type": "array", "items": STR}}},
    "EventDetail": {"allOf": [{"$ref": "#/components/schemas/Event"}, {"type": "object", "properties": {
        "mentions": {"type": "array", "items": {"$ref": "#/components/schemas/Mention"}},
        "articles": {"type": "array", "items": {"$ref": "#/components/schemas/Article"}}}}]},
    "ArticlePage": {"type": "object", "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Article"}},
        "next_cursor": NSTR, "limit": {"type": "integer"}}},
    "MapPoints": {"type": "object", "properties": {
        "points": {"type": "array", "items": {"type": "object", "properties": {
            "event_id": STR, "type": STR, "lat": {"type": "number"}, "lon": {"type": "number"}, "killed": NINT,
            "injured": NINT, "num_sources": {"type": "integer"}, "place": NSTR, "place_name": NSTR, "date": NSTR}}},
        "truncated": {"type": "boolean", "description": "more events match than were returned"}}},
    "Timeline": {"type": "object", "properties": {"days": {"type": "array", "items": {"type": "object", "properties": {
        "day": {"type": "string", "format": "date"},
        "counts": {"type": "object", "additionalProperties": {"type": "integer"}, "description": "events per type"},
        "total": {"type": "integer"}}}}}},
    "Facet": {"type": "object", "properties": {"value": STR, "count": {"type": "integer"}}},
    "Facets": {"type": "object", "properties": {k: {"type": "array", "items": {"$ref": "#/components/schemas/Facet"}}
                                               for k in ("types", "countries", "sources")}},
    "Status": {"type": "object", "properties": {
        "events": {"type": "integer"}, "articles": {"type": "integer"}, "last_update": TS,
        "version": {"type": "string", "description": "changes whenever the pipeline writes"},
        "server_time": {"type": "string", "format": "date-time"}}},
}


def openapi_spec() -> dict[str, Any]:
    """The OpenAPI 3.1 document (a fresh dict)."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Marsad API", "version": "1.0.0",
                 "description": "Read-only access to the events, mentions and articles that the Marsad pipeline "
                                "writes. Lists are newest first and cursor-paginated: pass `next_cursor` back as "
                                "`cursor` until it is null."},
        "paths": {
            "/api/events": {"get": {"summary": "Events matching the filters, newest report first",
                                    "operationId": "listEvents", "parameters": EVENT_FILTERS + PAGING,
                                    "responses": {"200": _ok("EventPage", "A page of events"), "400": ERR, "503": UNAVAILABLE}}},
            "/api/events/{event_id}": {"get": {
                "summary": "One event with its mentions and articles (each with its story cluster)",
                "operationId": "getEvent",
                "parameters": [{"name": "event_id", "in": "path", "required": True, "schema": STR}],
                "responses": {"200": _ok("EventDetail", "The event"), "404": {"description": "No such event"},
                              "503": UNAVAILABLE}}},
            "/api/articles": {"get": {
                "summary": "Articles with their story cluster, newest first", "operationId": "listArticles",
                "parameters": [
                    _q("from", "Published at or after (ISO 8601 date or datetime).", STR),
                    _q("to", "Published before (a date: that whole day included).", STR),
                    _q("source", "Outlet id.", STR), _q("cluster_id", "Articles of one story cluster.", STR),
                    _q("event_id", "Articles that mention this event.", STR), _q("language", "e.g. ar.", STR),
                ] + PAGING,
                "responses": {"200": _ok("ArticlePage", "A page of articles"), "400": ERR, "503": UNAVAILABLE}}},
            "/api/map": {"get": {"summary": "Markers of the events that have coordinates (newest first)",
                                 "operationId": "mapPoints",
                                 "parameters": EVENT_FILTERS + [_q("limit", "At most this many points.",
                                                                   {"type": "integer", "minimum": 1, "maximum": 5000, "default": 5000})],
                                 "responses": {"200": _ok("MapPoints", "Markers"), "400": ERR, "503": UNAVAILABLE}}},
            "/api/timeline": {"get": {"summary": "Daily counts of events by type", "operationId": "timeline",
                                      "parameters": EVENT_FILTERS,
                                      "responses": {"200": _ok("Timeline", "Counts per day"), "400": ERR, "503": UNAVAILABLE}}},
            "/api/facets": {"get": {"summary": "Event types, countries and sources present, with counts",
                                    "operationId": "facets", "responses": {"200": _ok("Facets", "Facets")}}},
            "/api/status": {"get": {"summary": "Row counts and time of the latest write (poll for live updates)",
                                    "operationId": "status", "responses": {"200": _ok("Status", "Status")}}},
            "/api/openapi.json": {"get": {"summary": "This document", "operationId": "openapi",
                                          "responses": {"200": {"description": "OpenAPI 3.1"}}}},
        },
        "components": {"schemas": SCHEMAS},
    }
