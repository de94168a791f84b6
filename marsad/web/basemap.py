"""Build the dashboard's offline base layer: country outlines of the Middle East and
North Africa (and their neighbours) as a small GeoJSON file.

Source: Natural Earth 1:110m Admin 0 countries (public domain), as redistributed in the
npm package ``world-atlas`` 2.0.2 (TopoJSON, ISC licence). The output
``marsad/web/static/region.json`` is committed; rebuild it with

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m marsad.web.basemap package/countries-110m.json marsad/web/static/region.json

Pure Python (no GIS dependency): arcs are decoded from the quantized TopoJSON, coordinates
rounded to 0.01 degree, consecutive duplicates dropped.
"""

from __future__ import annotations

import json
import sys
from typing import Any

#: lon_min, lat_min, lon_max, lat_max of the region kept (a country is kept when its
#: bounding box meets this one)
BBOX = (-20.0, -5.0, 80.0, 50.0)
#: decimals kept (the 1:110m source is coarser than 0.01 degree)
DIGITS = 2


def _arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    tr = topo.get("transform")
    out = []
    for arc in topo["arcs"]:
        pts, x, y = [], 0, 0
        for p in arc:
            if tr:
                x, y = x + p[0], y + p[1]
                pts.append((x * tr["scale"][0] + tr["translate"][0], y * tr["scale"][1] + tr["translate"][1]))
            else:
                pts.append((p[0], p[1]))
        out.append(pts)
    return out


def _ring(arcs: list[list[tuple[float, float]]], idxs: list[int]) -> list[list[float]]:
    pts: list[tuple[float, float]] = []
    for i in idxs:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(arc[1:] if pts else arc)
    ring: list[list[float]] = []
    for x, y in pts:
        p = [round(x, DIGITS), round(y, DIGITS)]
        if not ring or ring[-1] != p:
            ring.append(p)
    if ring and ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring


def build(topo: dict[str, Any], bbox: tuple[float, float, float, float] = BBOX) -> dict[str, Any]:
    arcs = _arcs(topo)
    feats = []
    for g in topo["objects"]["countries"]["geometries"]:
        if g.get("type") == "Polygon":
            polys = [g["arcs"]]
        elif g.get("type") == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        rings = [[_ring(arcs, r) for r in poly] for poly in polys]
        rings = [[r for r in poly if len(r) >= 4] for poly in rings]
        rings = [poly for poly in rings if poly]
        xs = [p[0] for poly in rings for r in poly for p in r]
        ys = [p[1] for poly in rings for r in poly for p in r]
        if not xs or max(xs) < bbox[0] or min(xs) > bbox[2] or max(ys) < bbox[1] or min(ys) > bbox[3]:
            continue
        feats.append({"type": "Feature", "id": g.get("id"), "properties": {"name": (g.get("properties") or {}).get("name")},
                      "geometry": {"type": "MultiPolygon", "coordinates": rings}})
    return {"type": "FeatureCollection",
            "source": "Natural Earth 1:110m Admin 0 countries (public domain), via world-atlas 2.0.2",
            "bbox": list(bbox), "features": feats}


def main(argv: list[str]) -> None:
    src, dst = argv
    with open(src, encoding="utf-8") as fh:
        out = build(json.load(fh))
    with open(dst, "w", encoding="utf-8") as fh:
        json.dump(out, fh, separators=(",", ":"), ensure_ascii=False)
    print(f"{len(out['features'])} countries -> {dst}")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
