"""The TopoJSON decoder and the committed 63-province GeoJSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lib.build.geo import TEN_TINH_FIXES, load_geojson, simplify_arc, topology_to_geojson, write_geojson
from lib.domain import paths
from lib.domain.provinces import load_registry


@pytest.fixture(scope="module")
def collection() -> dict[str, Any]:
    """The committed GeoJSON, as the app loads it."""
    return load_geojson(paths.GEOJSON_63)


def _polygons(feature: dict[str, Any]) -> list[list[list[list[float]]]]:
    """Return the feature's polygons whether it is a Polygon or a MultiPolygon."""
    geometry = feature["geometry"]
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def _bbox(feature: dict[str, Any]) -> tuple[float, float, float, float]:
    """Return (min lon, min lat, max lon, max lat) of a feature."""
    points = [p for polygon in _polygons(feature) for ring in polygon for p in ring]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def _by_code(collection: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {feature["id"]: feature for feature in collection["features"]}


def test_codes_match_registry(collection: dict[str, Any]) -> None:
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) == 63
    ids = [feature["id"] for feature in features]
    assert len(set(ids)) == 63
    registry = load_registry(paths.PROVINCES_CSV)
    assert set(ids) == set(registry.loc[registry["era"] == "63", "code"])
    for feature in features:
        props = feature["properties"]
        assert props["code"] == feature["id"]
        assert props["name_vi"] == registry.loc[
            (registry["era"] == "63") & (registry["code"] == feature["id"]), "name_vi"
        ].item()


def test_spelling_fixes_applied(collection: dict[str, Any]) -> None:
    by_code = _by_code(collection)
    for ten_tinh, code in TEN_TINH_FIXES.items():
        assert by_code[code]["properties"]["ten_tinh"] == ten_tinh
    assert by_code["92"]["properties"]["name_vi"] == "Cần Thơ"
    assert by_code["44"]["properties"]["name_vi"] == "Quảng Bình"


def test_rings_closed_and_valid(collection: dict[str, Any]) -> None:
    for feature in collection["features"]:
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        for polygon in _polygons(feature):
            for ring in polygon:
                assert len(ring) >= 4, feature["id"]
                assert ring[0] == ring[-1], feature["id"]
                assert all(a != b for a, b in zip(ring, ring[1:], strict=False)), feature["id"]


def test_extent_and_archipelagos(collection: dict[str, Any]) -> None:
    by_code = _by_code(collection)
    assert _bbox(by_code["56"])[2] > 116.0  # Khánh Hòa includes Trường Sa
    assert _bbox(by_code["48"])[2] > 112.0  # Đà Nẵng includes Hoàng Sa
    assert _bbox(by_code["77"])[1] < 8.7  # Bà Rịa - Vũng Tàu includes Côn Đảo
    assert len(_polygons(by_code["56"])) == 341  # no islet lost to simplification
    assert len(_polygons(by_code["48"])) == 24
    lons = [b for f in collection["features"] for b in (_bbox(f)[0], _bbox(f)[2])]
    assert 102.1 < min(lons) < 102.2 and 116.9 < max(lons) < 117.0


def test_size_and_rounding(collection: dict[str, Any]) -> None:
    assert paths.GEOJSON_63.stat().st_size < 1_000_000
    point = collection["features"][0]["geometry"]["coordinates"][0][0]
    assert all(round(value, 4) == value for value in point)


def test_committed_file_is_fresh(shared_sources: Path, tmp_path: Path) -> None:
    target = tmp_path / "vn63.geojson"
    write_geojson(target)
    assert target.read_bytes() == paths.GEOJSON_63.read_bytes()


def test_decoder_on_hand_made_topology() -> None:
    # Two unit squares sharing the arc x=1; the second walks it backwards (~0 = -1).
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 2.0], "translate": [100.0, 10.0]},
        "arcs": [
            [[2, 0], [0, 1]],  # (1,0)->(1,1) in quantized units of (0.5, 2)
            [[2, 1], [-2, 0], [0, -1], [2, 0]],  # (1,1)->(0,1)->(0,0)->(1,0)
            [[2, 0], [2, 0], [0, 1], [-2, 0]],  # (1,0)->(2,0)->(2,1)->(1,1)
        ],
        "objects": {
            "shapes": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "west"}},
                    {"type": "MultiPolygon", "arcs": [[[2, -1]]], "id": "e", "properties": {"name": "east"}},
                ],
            }
        },
    }
    result = topology_to_geojson(topology, "shapes")
    west, east = result["features"]
    assert west["geometry"] == {
        "type": "Polygon",
        "coordinates": [[[101.0, 10.0], [101.0, 12.0], [100.0, 12.0], [100.0, 10.0], [101.0, 10.0]]],
    }
    assert east["id"] == "e" and east["properties"] == {"name": "east"}
    assert east["geometry"] == {
        "type": "MultiPolygon",
        "coordinates": [[[[101.0, 10.0], [102.0, 10.0], [102.0, 12.0], [101.0, 12.0], [101.0, 10.0]]]],
    }
    json.dumps(result)  # serialisable as is


def test_simplify_arc_keeps_ends_and_corners() -> None:
    arc = [[0.0, 0.0], [1.0, 0.0001], [2.0, 0.0], [2.0, 1.0], [2.0, 2.0]]
    assert simplify_arc(arc, 0.001) == [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0]]
    assert simplify_arc(arc, 0.0) == arc
    closed = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]
    assert simplify_arc(closed, 0.1) == closed


def test_map_features_are_the_boundary_files_areas(collection: dict[str, Any]) -> None:
    """The app names the map's areas from the registry; they must be exactly the boundary file's features."""
    from lib.present.maps import map_features

    features = map_features(load_registry(paths.PROVINCES_CSV))
    in_file = sorted((f["id"], f["properties"]["name_vi"]) for f in collection["features"])
    assert features == in_file
    assert ("66", "Đắk Lắk") in features and len(features) == 63


def test_map_view_holds_every_province_and_little_else(collection: dict[str, Any]) -> None:
    """The map's fixed view contains every shape (Trường Sa, Hoàng Sa, Côn Đảo) with under 0.1 degree to spare."""
    from lib.present.maps import MAP_LAT_RANGE, MAP_LON_RANGE

    boxes = [_bbox(feature) for feature in collection["features"]]
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    assert MAP_LON_RANGE[0] <= west < MAP_LON_RANGE[0] + 0.1
    assert MAP_LON_RANGE[1] - 0.1 < east <= MAP_LON_RANGE[1]
    assert MAP_LAT_RANGE[0] <= south < MAP_LAT_RANGE[0] + 0.1
    assert MAP_LAT_RANGE[1] - 0.1 < north <= MAP_LAT_RANGE[1]
