// Marsad dashboard: vanilla JS + SVG, everything from this server (no CDN, works offline).
// Map (equirectangular, Natural Earth outlines), daily timeline by type, table of the latest
// events; filters match the API's; polls /api/status every 5 s and redraws when the
// pipeline has written.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const POLL_MS = 5000;
const PAGE = 50;
const MAX_DAYS = 90;                                          // timeline window without a "from" filter
const VIEW = { lon0: -20, lon1: 75, lat0: 0, lat1: 48 };   // map extent (degrees)
const SCALE = 10;                                            // SVG units per degree
const TYPES = ["airstrike", "shelling", "bombing", "armed_clash", "killing", "ceasefire", "negotiation",
  "evacuation", "siege", "arrest", "protest", "displacement"];
const COLORS = {
  airstrike: "#d62728", shelling: "#ff7f0e", bombing: "#8c564b", armed_clash: "#9467bd", killing: "#e377c2",
  ceasefire: "#2ca02c", negotiation: "#17becf", evacuation: "#bcbd22", siege: "#7f7f7f", arrest: "#1f77b4",
  protest: "#393b79", displacement: "#637939",
};
const FILTERS = ["from", "to", "type", "country", "place", "actor", "source", "min_sources"];
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

const state = { version: null, cursor: null, selected: null, loading: false, pending: false };

function color(type) { return COLORS[type] || "#444"; }

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function svg(tag, attrs) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

// Text that may be Arabic: its own element with lang/dir so it is shaped and laid out right to left.
function textEl(tag, s, attrs) {
  const a = Object.assign({}, attrs || {});
  if (s && ARABIC.test(s)) { a.lang = "ar"; a.dir = "rtl"; }
  return el(tag, Object.assign(a, { text: s || "" }));
}

function filterParams() {
  const form = document.getElementById("filters");
  const p = new URLSearchParams();
  for (const name of FILTERS) {
    const v = (form.elements[name].value || "").trim();
    if (v) p.set(name, v);
  }
  return p;
}

function setFiltersFromUrl() {
  const q = new URLSearchParams(location.search);
  const form = document.getElementById("filters");
  for (const name of FILTERS) if (q.has(name)) form.elements[name].value = q.get(name);
}

async function api(path, params) {
  const url = params && [...params].length ? `${path}?${params}` : path;
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await r.json();
  if (!r.ok) throw new Error(body.detail || body.error || r.statusText);
  return body;
}

// --- map -------------------------------------------------------------------------------

function project(lon, lat) { return [(lon - VIEW.lon0) * SCALE, (VIEW.lat1 - lat) * SCALE]; }

function ringPath(ring) {
  let d = "";
  ring.forEach(([lon, lat], i) => { const [x, y] = project(lon, lat); d += (i ? "L" : "M") + x.toFixed(1) + "," + y.toFixed(1); });
  return d + "Z";
}

function drawBasemap(geo) {
  const map = document.getElementById("map");
  const w = (VIEW.lon1 - VIEW.lon0) * SCALE, h = (VIEW.lat1 - VIEW.lat0) * SCALE;
  map.setAttribute("viewBox", `0 0 ${w} ${h}`);
  map.replaceChildren();
  const base = svg("g", { class: "basemap" });
  for (let lon = Math.ceil(VIEW.lon0 / 10) * 10; lon <= VIEW.lon1; lon += 10) {
    const [x] = project(lon, 0); base.append(svg("line", { class: "graticule", x1: x, x2: x, y1: 0, y2: h }));
  }
  for (let lat = Math.ceil(VIEW.lat0 / 10) * 10; lat <= VIEW.lat1; lat += 10) {
    const [, y] = project(0, lat); base.append(svg("line", { class: "graticule", x1: 0, x2: w, y1: y, y2: y }));
  }
  for (const f of geo.features) {
    let d = "";
    for (const poly of f.geometry.coordinates) for (const ring of poly) d += ringPath(ring);
    const p = svg("path", { class: "country", d });
    const t = svg("title", {}); t.textContent = (f.properties && f.properties.name) || ""; p.append(t);
    base.append(p);
  }
  map.append(base, svg("g", { id: "markers" }));
}

function radius(p) {
  const n = (p.killed || 0) + (p.injured || 0);
  return Math.min(26, 4 + 2.2 * Math.sqrt(n));
}

function drawMarkers(points, truncated) {
  const g = document.getElementById("markers");
  g.replaceChildren();
  let outside = 0;
  const sorted = points.slice().sort((a, b) => radius(b) - radius(a));   // big first, small on top
  for (const p of sorted) {
    if (p.lon < VIEW.lon0 || p.lon > VIEW.lon1 || p.lat < VIEW.lat0 || p.lat > VIEW.lat1) { outside++; continue; }
    const [x, y] = project(p.lon, p.lat);
    const c = svg("circle", { class: "marker", cx: x.toFixed(1), cy: y.toFixed(1), r: radius(p).toFixed(1),
      fill: color(p.type), "data-event-id": p.event_id, "data-type": p.type });
    if (p.event_id === state.selected) c.classList.add("selected");
    const t = svg("title", {});
    const cas = [p.killed != null ? `${p.killed} killed` : null, p.injured != null ? `${p.injured} injured` : null].filter(Boolean).join(", ");
    t.textContent = `${p.type} — ${p.place || p.place_name || "?"}${p.date ? " — " + p.date : ""}${cas ? " — " + cas : ""} (${p.num_sources} sources)`;
    c.append(t);
    c.addEventListener("click", () => showEvent(p.event_id));
    g.append(c);
  }
  const shown = points.length - outside;
  document.getElementById("map-note").textContent =
    `${shown} event${shown === 1 ? "" : "s"} with coordinates${outside ? `, ${outside} outside this map` : ""}${truncated ? " (most recent only)" : ""}`;
}

function drawLegend() {
  const ul = document.getElementById("legend");
  ul.replaceChildren();
  for (const t of TYPES) {
    const sw = el("span", { class: "swatch" });
    sw.style.background = color(t);
    ul.append(el("li", { "data-type": t }, sw, t.replace("_", " ")));
  }
}

// --- timeline --------------------------------------------------------------------------

const DAY = 86400000;
function dayNum(s) { return Math.round(Date.parse(s + "T00:00:00Z") / DAY); }
function dayStr(n) { return new Date(n * DAY).toISOString().slice(0, 10); }

function drawTimeline(days) {
  const box = document.getElementById("timeline");
  const W = 600, H = 220, L = 34, R = 8, T = 8, B = 34;
  box.setAttribute("viewBox", `0 0 ${W} ${H}`);
  box.replaceChildren();
  document.getElementById("timeline-note").textContent = days.length ? `${days.length} days with events` : "no events";
  if (!days.length) return;
  // a long, sparse history: show the last MAX_DAYS days of data unless "from" is set
  const last = dayNum(days[days.length - 1].day);
  if (!filterParams().has("from") && last - dayNum(days[0].day) >= MAX_DAYS) {
    const cut = last - MAX_DAYS + 1;
    const earlier = days.filter((d) => dayNum(d.day) < cut).reduce((a, d) => a + d.total, 0);
    days = days.filter((d) => dayNum(d.day) >= cut);
    document.getElementById("timeline-note").textContent += ` · last ${MAX_DAYS} days shown (${earlier} earlier events: set "From" to see them)`;
  }
  const d0 = dayNum(days[0].day), d1 = last;
  const span = d1 - d0 + 1;
  const bw = (W - L - R) / span;
  const max = Math.max(...days.map((d) => d.total));
  const y = (v) => H - B - (v / max) * (H - T - B);
  box.append(svg("line", { class: "axis", x1: L, x2: W - R, y1: H - B, y2: H - B }),
    svg("line", { class: "axis", x1: L, x2: L, y1: T, y2: H - B }));
  for (const v of [0, Math.round(max / 2), max]) {
    const t = svg("text", { x: L - 4, y: y(v) + 3, "text-anchor": "end" }); t.textContent = v; box.append(t);
  }
  for (const d of days) {
    const x = L + (dayNum(d.day) - d0) * bw + Math.max(0, bw * 0.85 - 24) / 2;
    let acc = 0;
    for (const type of TYPES.concat(Object.keys(d.counts).filter((k) => !TYPES.includes(k)))) {
      const n = d.counts[type];
      if (!n) continue;
      const r = svg("rect", { class: "bar", x: x.toFixed(2), width: Math.max(1, Math.min(24, bw * 0.85)).toFixed(2),
        y: y(acc + n).toFixed(2), height: Math.max(0.5, y(acc) - y(acc + n)).toFixed(2), fill: color(type),
        "data-day": d.day, "data-type": type });
      const t = svg("title", {}); t.textContent = `${d.day}: ${n} ${type}`; r.append(t);
      box.append(r);
      acc += n;
    }
  }
  const ticks = Math.min(6, span);
  for (let i = 0; i < ticks; i++) {
    const n = d0 + Math.round((i * (span - 1)) / Math.max(1, ticks - 1));
    const t = svg("text", { x: (L + (n - d0 + 0.5) * bw).toFixed(1), y: H - B + 14, "text-anchor": "middle" });
    t.textContent = dayStr(n); box.append(t);
  }
}

// --- table -----------------------------------------------------------------------------

function casualty(n) { return n === null || n === undefined ? "" : String(n); }

function eventRow(ev) {
  const tr = el("tr", { class: "event-row", "data-event-id": ev.event_id });
  const tag = el("span", { class: "type-tag", text: ev.type.replace("_", " ") });
  tag.style.background = color(ev.type);
  const sources = el("td", { class: "sources" }, el("strong", { text: String(ev.num_sources) }), " ");
  for (const s of ev.sources || []) sources.append(el("span", { class: "source-tag", text: s }));
  const list = el("ul", { class: "articles" });
  for (const a of (ev.articles || []).slice(0, 4)) {
    const link = textEl("a", a.title || a.article_id, { href: a.url || `/api/events/${encodeURIComponent(ev.event_id)}`,
      target: "_blank", rel: "noopener noreferrer" });
    list.append(el("li", {}, el("span", { class: "source-tag", text: a.source }), link));
  }
  if ((ev.articles || []).length > 4) list.append(el("li", { text: `+${ev.articles.length - 4} more` }));
  tr.append(
    el("td", { class: "date", text: ev.date || (ev.first_seen || "").slice(0, 10) }),
    el("td", {}, tag),
    textEl("td", ev.place || ev.place_name || "", { class: "place" }),
    el("td", { text: ev.country || "" }),
    el("td", { class: "num", text: casualty(ev.casualties.killed) }),
    el("td", { class: "num", text: casualty(ev.casualties.injured) }),
    sources,
    el("td", {}, list),
  );
  tr.addEventListener("click", (e) => { if (e.target.tagName !== "A") showEvent(ev.event_id); });
  return tr;
}

async function loadTable(append) {
  const params = filterParams();
  params.set("limit", PAGE);
  if (append && state.cursor) params.set("cursor", state.cursor);
  const page = await api("/api/events", params);
  const tbody = document.querySelector("#events tbody");
  if (!append) tbody.replaceChildren();
  for (const ev of page.items) tbody.append(eventRow(ev));
  state.cursor = page.next_cursor;
  document.getElementById("more").hidden = !page.next_cursor;
  const n = tbody.children.length;
  document.getElementById("table-note").textContent = `${n} shown${page.next_cursor ? ", more below" : ""}`;
}

// --- one event -------------------------------------------------------------------------

async function showEvent(id) {
  state.selected = id;
  document.querySelectorAll("#markers .marker").forEach((m) => m.classList.toggle("selected", m.dataset.eventId === id));
  const box = document.getElementById("detail");
  box.hidden = false;
  box.replaceChildren(el("p", { text: "loading…" }));
  let ev;
  try { ev = await api(`/api/events/${encodeURIComponent(id)}`); } catch (e) {
    box.replaceChildren(el("p", { class: "error", text: String(e.message || e) })); return;
  }
  const dl = el("dl");
  const add = (k, v) => { dl.append(el("dt", { text: k }), v instanceof Node ? el("dd", {}, v) : textEl("dd", v == null ? "" : String(v))); };
  add("type", ev.type); add("date", ev.date || "unknown"); add("place", ev.place || ev.place_name || "");
  add("country", ev.country || ""); add("killed (reconciled)", ev.casualties.killed ?? "—");
  add("injured (reconciled)", ev.casualties.injured ?? "—"); add("sources", ev.num_sources); add("articles", ev.num_articles);
  const actors = el("span");
  for (const a of ev.actors) actors.append(textEl("span", a.text, { class: "source-tag" }));
  add("actors", actors);
  const per = el("table", {}, el("tr", {}, el("th", { text: "source" }), el("th", { text: "killed" }), el("th", { text: "injured" })));
  for (const [s, c] of Object.entries(ev.casualties.per_source || {})) {
    per.append(el("tr", {}, el("td", { text: s }), el("td", { text: casualty(c.killed) }), el("td", { text: casualty(c.injured) })));
  }
  const arts = el("ul", { class: "articles" });
  for (const a of ev.articles) {
    arts.append(el("li", {}, el("span", { class: "source-tag", text: a.source }),
      textEl("a", a.title || a.article_id, { href: a.url || "#", target: "_blank", rel: "noopener noreferrer" }),
      el("small", { text: ` ${(a.published_at || "").slice(0, 16)} · story ${a.cluster.cluster_id || "?"}` })));
  }
  const quotes = el("div");
  for (const m of ev.mentions.slice(0, 3)) if (m.sentence) quotes.append(textEl("blockquote", m.sentence, { class: "ar-block" }));
  box.replaceChildren(el("h2", { text: "Event" }), dl, el("h2", { text: "Casualties per source" }), per,
    el("h2", { text: "Articles" }), arts, quotes);
}

// --- loading and live updates ----------------------------------------------------------

async function refresh() {
  if (state.loading) { state.pending = true; return; }   // run again when the current load ends
  state.loading = true;
  state.pending = false;
  document.body.dataset.state = "loading";
  const params = filterParams();
  try {
    const [pts, tl] = await Promise.all([api("/api/map", params), api("/api/timeline", params), loadTable(false)]);
    drawMarkers(pts.points, pts.truncated);
    drawTimeline(tl.days);
    document.body.dataset.state = "ready";
  } catch (e) {
    document.getElementById("status").textContent = `error: ${e.message || e}`;
    document.body.dataset.state = "error";
  } finally {
    state.loading = false;
    if (state.pending) refresh();
  }
}

async function fillFacets() {
  const f = await api("/api/facets");
  const form = document.getElementById("filters");
  const fill = (name, items, label) => {
    const sel = form.elements[name];
    const keep = sel.value;
    sel.replaceChildren(el("option", { value: "", text: "all" }));
    for (const it of items) sel.append(el("option", { value: it.value, text: `${label ? label(it.value) : it.value} (${it.count})` }));
    if (keep) sel.value = keep;
  };
  fill("type", f.types, (t) => t.replace("_", " "));
  fill("country", f.countries);
  fill("source", f.sources);
}

async function poll() {
  const st = document.getElementById("status");
  try {
    const s = await api("/api/status");
    if (state.version !== null && s.version !== state.version) {
      document.body.dataset.state = "loading";
      await fillFacets();
      await refresh();
    }
    state.version = s.version;
    st.textContent = `${s.events} events · ${s.articles} articles · last write ${s.last_update ? s.last_update.slice(0, 19).replace("T", " ") + " UTC" : "—"}`;
    st.classList.add("live");
  } catch (e) {
    st.textContent = `not connected: ${e.message || e}`;
    st.classList.remove("live");
  }
}

async function start() {
  drawLegend();
  setFiltersFromUrl();
  const form = document.getElementById("filters");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const p = filterParams();
    history.replaceState(null, "", p.toString() ? `?${p}` : location.pathname);
    refresh();
  });
  form.addEventListener("reset", () => setTimeout(() => { history.replaceState(null, "", location.pathname); refresh(); }, 0));
  for (const name of ["type", "country", "source"]) form.elements[name].addEventListener("change", () => form.requestSubmit());
  document.getElementById("more").addEventListener("click", () => loadTable(true));
  try {
    const [geo] = await Promise.all([fetch("/static/region.json").then((r) => r.json()), fillFacets()]);
    setFiltersFromUrl();   // selects now have their options
    drawBasemap(geo);
  } catch (e) {
    document.getElementById("status").textContent = `error: ${e.message || e}`;
  }
  await poll();
  await refresh();
  setInterval(poll, POLL_MS);
}

document.addEventListener("DOMContentLoaded", start);
