"""Feed polling against a feed served on loopback: conditional GET, no re-sends."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from producers.feed import FeedPoller

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>وكالة تجريبية</title><link>http://127.0.0.1/</link>
{items}
</channel></rss>"""
ITEM = """<item><title>{title}</title><link>http://news.example/{n}</link><guid>item-{n}</guid>
<pubDate>Thu, 22 Mar 2018 20:00:00 GMT</pubDate><description><![CDATA[<p>{body}</p>]]></description></item>"""


class FeedServer:
    def __init__(self) -> None:
        self.items: list[str] = []
        self.requests: list[tuple[str | None, int]] = []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                body = RSS.format(items="\n".join(owner.items)).encode()
                etag = f'"v{len(owner.items)}"'
                if self.headers.get("If-None-Match") == etag:
                    owner.requests.append((self.headers.get("If-None-Match"), 304))
                    self.send_response(304)
                    self.end_headers()
                    return
                owner.requests.append((self.headers.get("If-None-Match"), 200))
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/rss.xml"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def add(self, n: int, title: str, body: str) -> None:
        self.items.append(ITEM.format(n=n, title=title, body=body))


@pytest.fixture
def server():
    s = FeedServer()
    yield s
    s.httpd.shutdown()


def test_items_are_sent_once_across_polls_and_restarts(server: FeedServer, tmp_path: Path):
    sent: list[dict] = []
    state = tmp_path / "feeds.json"
    server.add(1, "غارات جوية على الغوطة", "قتل 38 مدنيا على الاقل")
    server.add(2, "وقف لاطلاق النار", "اعلن فصيل فيلق الرحمن وقفا لاطلاق النار")
    poller = FeedPoller(server.url, state, sent.append, source="test")
    r = poller.poll()
    assert r.new_items == 2 and [a["url"] for a in sent] == ["http://news.example/1", "http://news.example/2"]
    assert sent[0]["published"] == "2018-03-22T20:00:00+00:00" and "<p>" in sent[0]["text"]
    # unchanged feed: conditional request answered 304, nothing sent
    r = poller.poll()
    assert r.not_modified and len(sent) == 2 and server.requests[-1] == ('"v2"', 304)
    # one new item; a new poller (a restart) reads the state file and sends only it
    server.add(3, "اشتباكات في حرستا", "اشتباكات عنيفة")
    restarted = FeedPoller(server.url, state, sent.append, source="test")
    r = restarted.poll()
    assert r.new_items == 1 and [a["id"].rsplit("/", 1)[-1] for a in sent] == ["item-1", "item-2", "item-3"]


def test_a_local_feed_file_works(tmp_path: Path):
    f = tmp_path / "feed.xml"
    f.write_text(RSS.format(items=ITEM.format(n=7, title="عنوان", body="نص")), encoding="utf-8")
    sent: list[dict] = []
    FeedPoller(str(f), tmp_path / "s.json", sent.append).poll()
    FeedPoller(str(f), tmp_path / "s.json", sent.append).poll()
    assert len(sent) == 1 and sent[0]["title"] == "عنوان"
