"""SIRENE establishment coordinates to WGS-84, with pyproj (PROJ's transformations, not a formula of ours).

INSEE gives `coordonneeLambertAbscisseEtablissement` / `…OrdonneeEtablissement` in Lambert-93 (EPSG:2154) in
metropolitan France, and in the legal projection of each overseas département elsewhere (a UTM zone of its own
geodetic system). The projection is chosen from the commune code; a value that is not a number ("[ND]", empty) gives
no point.

    to_wgs84("03095", "729421.6", "6562118.2")  -> (46.13…, 3.45…)  (latitude, longitude), or None
"""

from __future__ import annotations

import math
from functools import cache

from pyproj import Transformer

LAMBERT_93 = "EPSG:2154"
# Overseas: commune code prefix -> its projected system (INSEE, documentation of the Sirene stock files).
OVERSEAS = {
    "971": "EPSG:5490",  # Guadeloupe, RGAF09 / UTM 20N
    "972": "EPSG:5490",  # Martinique
    "977": "EPSG:5490",  # Saint-Barthélemy
    "978": "EPSG:5490",  # Saint-Martin
    "973": "EPSG:2972",  # Guyane, RGFG95 / UTM 22N
    "974": "EPSG:2975",  # La Réunion, RGR92 / UTM 40S
    "975": "EPSG:4467",  # Saint-Pierre-et-Miquelon, RGSPM06 / UTM 21N
    "976": "EPSG:4471",  # Mayotte, RGM04 / UTM 38S
}


@cache
def _transformer(crs: str) -> Transformer:
    return Transformer.from_crs(crs, "EPSG:4326", always_xy=True)


def crs_of(commune_code: str) -> str:
    return OVERSEAS.get(commune_code[:3], LAMBERT_93)


def to_wgs84(commune_code: str, x: str, y: str) -> tuple[float, float] | None:
    """(latitude, longitude) of projected coordinates given as text, or None when they are not two numbers."""
    try:
        easting, northing = float(x), float(y)
    except ValueError:
        return None
    if not (math.isfinite(easting) and math.isfinite(northing)) or (easting == 0 and northing == 0):
        return None
    longitude, latitude = _transformer(crs_of(commune_code)).transform(easting, northing)
    if not (math.isfinite(latitude) and math.isfinite(longitude)) or abs(latitude) > 90 or abs(longitude) > 180:
        return None
    return round(latitude, 7), round(longitude, 7)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude), in km."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))
