"""The dashboard in headless Chromium (Debian's /usr/bin/chromium driven by Playwright):
served by a real `marsad serve` process over PostgreSQL holding corpus events, it shows
markers and timeline bars, a filter narrows the table, Arabic is laid out right to left,
new rows appear without a reload, and the console stays clean. A screenshot is saved
under test-output/.

The database is filled in-process by the pipeline's own stage functions (normalize ->
extract -> dedup -> store, the code the worker runs) so the test needs no broker; the
real pipeline feeding the same API is covered by test_web.py.
"""

from __future__ import annotations

import itertools
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from marsad import store

pytestmark = pytest.mark.integration

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test-output"
KEYWORDS = ("غارة", "غارات", "قصف", "اشتباك", "تفجير", "انفجار", "مقتل", "قتلى", "مسلح", "اعتقال", "هدنة")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


class OfflinePipeline:
    """normalize -> extract -> dedup -> SQL with the worker's stage functions and in-memory state."""

    def __init__(self, engine) -> None:
        from dedup.articles import ArticleDeduplicator
        from dedup.events import EventMerger

        from agents.dedup import EVENT_EVIDENCE, HORIZON_DAYS

        self.engine = engine
        self.dedup = ArticleDeduplicator(None, horizon_days=HORIZON_DAYS)
        self.merger = EventMerger({}, horizon_days=HORIZON_DAYS, evidence=EVENT_EVIDENCE)

    def write(self, lines: list[str]) -> None:
        from agents.dedup import dedup_record
        from agents.extract import extract_record
        from agents.normalize import normalize_raw

        arts, ments = [], []
        for line in lines:
            rec = normalize_raw(line.encode("utf-8"), max_text_bytes=2_000_000, pipeline_version="browser-test")
            rec = rec.derive(events=extract_record(rec))
            out, ms = dedup_record(rec, self.dedup, self.merger)
            arts.append(out.asdict())
            ments += [m.asdict() for m in ms]
        store.write_batch(self.engine, arts)
        store.write_mentions(self.engine, ments)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(pg_url, corpus_dir, tmp_path):
    engine = store.make_engine(pg_url)
    store.init_db(engine)
    with open(corpus_dir / "saudinewsnet-5k.jsonl", encoding="utf-8") as fh:
        lines = list(itertools.islice((x for x in fh if any(k in json.loads(x)["text"] for k in KEYWORDS)), 300))
    pipe = OfflinePipeline(engine)
    pipe.write(lines[:250])
    port = _free_port()
    log = open(tmp_path / "serve.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--db-url", pg_url, "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                            env=dict(os.environ, MARSAD_DB_URL=pg_url))
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.3)
    else:
        proc.kill()
    assert proc.poll() is None, (tmp_path / "serve.log").read_text()
    try:
        yield url, pipe, lines[250:]
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_dashboard_in_headless_chromium(server):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (Debian package `chromium`; .ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    url, pipe, more_lines = server
    OUT.mkdir(exist_ok=True)
    problems: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.on("console", lambda m: problems.append(f"console.{m.type}: {m.text}") if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
            page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
            page.goto(url)
            page.wait_for_selector("body[data-state=ready]", timeout=60_000)

            assert page.locator("#map path.country").count() > 50          # offline base layer drawn
            markers = page.locator("#markers circle.marker").count()
            bars = page.locator("#timeline rect.bar").count()
            rows = page.locator("#events tbody tr.event-row").count()
            assert markers > 20 and bars > 5 and rows == 50, (markers, bars, rows)
            page.screenshot(path=str(OUT / "dashboard.png"), full_page=True)

            # Arabic place names: own element, lang=ar, laid out right to left
            cell = page.locator("#events td.place[lang=ar]").first
            assert cell.get_attribute("dir") == "rtl"
            assert cell.evaluate("e => getComputedStyle(e).direction") == "rtl"

            # a filter narrows the table, the map and the timeline
            options = page.locator("select[name=type] option").evaluate_all(
                "os => os.filter(o => o.value).map(o => [o.value, parseInt(o.textContent.match(/\\((\\d+)\\)/)[1])])")
            rare = min((o for o in options if o[1] >= 2), key=lambda o: o[1])
            page.select_option("select[name=type]", rare[0])   # submits the form
            page.wait_for_function(
                "t => document.body.dataset.state === 'ready' && [...document.querySelectorAll('#events tbody tr')]"
                ".every(r => r.querySelector('.type-tag').textContent === t.replace('_', ' '))",
                arg=rare[0], timeout=30_000)
            assert page.locator("#events tbody tr.event-row").count() == min(rare[1], 50) < rows
            assert page.locator("#markers circle.marker").count() < markers
            assert all(t == rare[0] for t in page.locator("#markers circle.marker").evaluate_all(
                "cs => cs.map(c => c.dataset.type)"))
            assert "type=" in page.url
            page.screenshot(path=str(OUT / "dashboard-filtered.png"), full_page=True)

            # one event's sources
            page.locator("#events tbody tr.event-row").first.click()
            page.wait_for_selector("#detail dl")
            assert page.locator("#detail ul.articles li").count() >= 1

            # live: the pipeline writes more, the page follows without a reload
            page.click("button[type=reset]")
            page.wait_for_function("() => document.body.dataset.state === 'ready' && !location.search", timeout=30_000)
            before = page.locator("#status").inner_text()
            pipe.write(more_lines)
            page.wait_for_function("b => document.querySelector('#status').innerText !== b", arg=before, timeout=30_000)
            page.wait_for_selector("body[data-state=ready]", timeout=30_000)
            assert page.locator("#markers circle.marker").count() >= markers
        finally:
            browser.close()
    assert not problems, problems
