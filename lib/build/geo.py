"""Province boundaries: a small TopoJSON decoder and the 63-province GeoJSON.

Plotly only accepts GeoJSON, and the shared boundary file is quantized
TopoJSON, so it is decoded here once by the build script and written to
`static/vn63_provinces.geojson`, which the browser fetches; the server only
needs `map_features`.

The boundaries are CC BY-SA 4.0 (Open Development Mekong / Dept of Survey and
Mapping); the GeoJSON written here is a derivative under the same licence and
must be shown with the catalogue's `geo_attribution` (`lib.domain.i18n`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lib.build.provinces import build_registry
from lib.domain.eras import ERA_63
from lib.domain.paths import GEOJSON_63, SOURCES_DIR
from lib.domain.text import nfc

TOPOJSON_63: Path = SOURCES_DIR / "geo" / "vn63_provinces_odm_diaphantinh.topo.json"
TOPO_OBJECT = "diaphantinh"

# The map is drawn about 700 px wide for 15 degrees of latitude, so a pixel is
# about 0.02 degree.  A Douglas-Peucker tolerance of 0.002 degree (about 220 m),
# a tenth of a pixel, is invisible there and halves the file (0.42 MB) and the
# browser's drawing time (measured in Chromium: 57 ms -> 37 ms per drawing).
# The pass runs on the shared arcs before they are stitched, so neighbouring
# provinces keep identical borders (no gaps or slivers).  4 decimals (about 11 m)
# keep every islet a ring of its own: 3 decimals collapse one of Trường Sa's.
DECIMALS = 4
TOLERANCE = 0.002
# The nine `ten_tinh` values that are not the official name after removing the
# unit prefix (table in the geo README): two typos, one name without
# diacritics, spacing and tone-placement variants.  All other names equal the
# registry's 63-era `name_vi` exactly.
TEN_TINH_FIXES: dict[str, str] = {
    "Bà Rịa -Vũng Tàu": "77",
    "Cần Thơn": "92",
    "Đăk Lăk": "66",
    "Đăk Nông": "67",
    "Hòa Bình": "17",
    "Kien Giang": "91",
    "Quản Bình": "44",
    "Thừa Thiên Huế": "46",
    "TP. Hồ Chí Minh": "79",
}

Position = list[float]
Ring = list[Position]


def decode_arcs(topology: dict[str, Any]) -> list[list[Position]]:
    """Return every arc of `topology` as absolute [lon, lat] positions.

    Quantized arcs store the first point and then deltas; each coordinate is
    `quantized * scale + translate`.  Without a `transform` the arcs already
    hold absolute positions.
    """
    transform = topology.get("transform")
    arcs: list[list[Position]] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([[float(p[0]), float(p[1])] for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points: list[Position] = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            points.append([x * sx + tx, y * sy + ty])
        arcs.append(points)
    return arcs


def simplify_arc(points: list[Position], tolerance: float) -> list[Position]:
    """Douglas-Peucker simplification of one arc, keeping both end points.

    End points are junctions shared with other arcs, so they must survive for
    the topology to stay intact.  Iterative (explicit stack), as arcs can have
    thousands of points.  A closed arc (first point == last) measures distance
    to that point instead of to a zero-length segment.
    """
    if tolerance <= 0 or len(points) <= 2:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        (x1, y1), (x2, y2) = points[start][:2], points[end][:2]
        dx, dy = x2 - x1, y2 - y1
        length = (dx * dx + dy * dy) ** 0.5
        worst, worst_distance = -1, tolerance
        for i in range(start + 1, end):
            px, py = points[i][0] - x1, points[i][1] - y1
            distance = abs(dx * py - dy * px) / length if length else (px * px + py * py) ** 0.5
            if distance > worst_distance:
                worst, worst_distance = i, distance
        if worst >= 0:
            keep[worst] = True
            stack.append((start, worst))
            stack.append((worst, end))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _ring(indices: list[int], arcs: list[list[Position]]) -> Ring:
    """Stitch the arcs named by `indices` into one ring.

    A negative index `i` means arc `~i` walked backwards.  Consecutive arcs share
    their junction point, so it is kept only once.
    """
    ring: Ring = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc if not ring else arc[1:])
    return ring


def _clean_ring(ring: Ring, decimals: int) -> Ring | None:
    """Round, drop consecutive duplicates, close the ring; None if it collapsed.

    A valid linear ring needs at least four positions (three distinct plus the
    closing one); tiny islets can shrink below that after rounding.
    """
    cleaned: Ring = []
    for lon, lat in ring:
        point = [round(lon, decimals), round(lat, decimals)]
        if not cleaned or cleaned[-1] != point:
            cleaned.append(point)
    if cleaned and cleaned[0] != cleaned[-1]:
        cleaned.append(list(cleaned[0]))
    return cleaned if len(cleaned) >= 4 else None


def _polygon(
    rings: list[list[int]],
    arcs: list[list[Position]],
    raw_arcs: list[list[Position]],
    decimals: int | None,
) -> list[Ring] | None:
    """Decode one polygon (exterior ring then holes); None if its exterior collapsed.

    `arcs` are the (possibly simplified) arcs; a ring that simplification
    shrinks below a valid ring is rebuilt from `raw_arcs`, so small islets (the
    Trường Sa reefs) are kept rather than silently dropped.
    """
    decoded: list[Ring] = []
    for position, indices in enumerate(rings):
        ring = _ring(indices, arcs)
        cleaned = _clean_ring(ring, decimals) if decimals is not None else ring
        if cleaned is None or len(cleaned) < 4:
            raw = _ring(indices, raw_arcs)
            cleaned = _clean_ring(raw, decimals) if decimals is not None else raw
        if cleaned is None:
            if position == 0:
                return None
            continue  # a collapsed hole is simply dropped
        decoded.append(cleaned)
    return decoded


def topology_to_geojson(
    topology: dict[str, Any], object_name: str, decimals: int | None = None, tolerance: float = 0.0
) -> dict[str, Any]:
    """Convert one GeometryCollection object of `topology` to a GeoJSON FeatureCollection.

    Supports Polygon and MultiPolygon geometries (all this project needs).  With
    `tolerance` > 0 each arc is simplified first (see `simplify_arc`).  With
    `decimals`, coordinates are rounded, consecutive duplicates dropped and
    polygons that collapse to nothing removed.  Properties and `id` are copied.
    """
    raw_arcs = decode_arcs(topology)
    arcs = [simplify_arc(arc, tolerance) for arc in raw_arcs] if tolerance > 0 else raw_arcs
    features: list[dict[str, Any]] = []
    for geometry in topology["objects"][object_name]["geometries"]:
        kind = geometry["type"]
        if kind == "Polygon":
            parts = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            parts = geometry["arcs"]
        else:
            raise ValueError(f"unsupported TopoJSON geometry type {kind!r}")
        polygons = [p for p in (_polygon(part, arcs, raw_arcs, decimals) for part in parts) if p]
        if not polygons:
            raise ValueError(f"geometry {geometry.get('properties')} has no polygon left")
        # The input type is kept, even for a one-part MultiPolygon, so the
        # output mirrors the source geometry by geometry.
        out: dict[str, Any] = (
            {"type": "Polygon", "coordinates": polygons[0]}
            if kind == "Polygon"
            else {"type": "MultiPolygon", "coordinates": polygons}
        )
        feature: dict[str, Any] = {"type": "Feature", "properties": dict(geometry.get("properties", {}))}
        if "id" in geometry:
            feature["id"] = geometry["id"]
        feature["geometry"] = out
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}


def ten_tinh_code(ten_tinh: str, names: dict[str, str]) -> str:
    """Return the GSO code of a boundary-file name, given {name_vi: code} of the 63 era.

    Raises KeyError for a name that is neither an official name nor in
    `TEN_TINH_FIXES`, so an unexpected spelling stops the build.
    """
    name = nfc(ten_tinh)
    if name in TEN_TINH_FIXES:
        return TEN_TINH_FIXES[name]
    return names[name]


def build_geojson(decimals: int = DECIMALS, tolerance: float = TOLERANCE) -> dict[str, Any]:
    """Return the 63-province FeatureCollection keyed by GSO code, sorted by code.

    Each feature has `id` = code and properties `code`, `name_vi` (registry
    name) and `ten_tinh` (the boundary file's own name).
    """
    topology = json.loads(TOPOJSON_63.read_text(encoding="utf-8"))
    registry = build_registry()
    era63 = registry[registry["era"] == ERA_63]
    names = dict(zip(era63["name_vi"], era63["code"], strict=True))
    name_of = dict(zip(era63["code"], era63["name_vi"], strict=True))

    collection = topology_to_geojson(topology, TOPO_OBJECT, decimals, tolerance)
    features: list[dict[str, Any]] = []
    for feature in collection["features"]:
        ten_tinh = nfc(feature["properties"]["ten_tinh"])
        code = ten_tinh_code(ten_tinh, names)
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"code": code, "name_vi": name_of[code], "ten_tinh": ten_tinh},
                "geometry": feature["geometry"],
            }
        )
    codes = [f["id"] for f in features]
    if sorted(codes) != sorted(name_of) or len(set(codes)) != len(codes):
        raise ValueError("boundary file does not cover each 63-era province exactly once")
    features.sort(key=lambda f: f["id"])
    return {"type": "FeatureCollection", "features": features}


def write_geojson(path: Path = GEOJSON_63, decimals: int = DECIMALS, tolerance: float = TOLERANCE) -> int:
    """Write the 63-province GeoJSON to `path` (compact, UTF-8); return its size in bytes."""
    collection = build_geojson(decimals, tolerance)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return path.stat().st_size


def load_geojson(path: Path = GEOJSON_63) -> dict[str, Any]:
    """Read the generated GeoJSON FeatureCollection."""
    return json.loads(path.read_text(encoding="utf-8"))
