"""Lambert-93 (EPSG:2154: RGF93, GRS80, secant cone at 44° and 49° N, origin 46.5° N 3° E at 700 km, 6,600 km) to
and from latitude and longitude, in closed form: what the synthetic SIRENE pair needs, without a projection library.
"""

from __future__ import annotations

import math

_A, _E = 6378137.0, 0.0818191910428158
_PHI1, _PHI2, _PHI0, _LAMBDA0 = (math.radians(v) for v in (44.0, 49.0, 46.5, 3.0))
_X0, _Y0 = 700000.0, 6600000.0


def _m(phi: float) -> float:
    return math.cos(phi) / math.sqrt(1 - (_E * math.sin(phi)) ** 2)


def _t(phi: float) -> float:
    s = _E * math.sin(phi)
    return math.tan(math.pi / 4 - phi / 2) / ((1 - s) / (1 + s)) ** (_E / 2)


_N = (math.log(_m(_PHI1)) - math.log(_m(_PHI2))) / (math.log(_t(_PHI1)) - math.log(_t(_PHI2)))
_F = _m(_PHI1) / (_N * _t(_PHI1) ** _N)
_RHO0 = _A * _F * _t(_PHI0) ** _N


def to_lambert93(latitude: float, longitude: float) -> tuple[float, float]:
    rho = _A * _F * _t(math.radians(latitude)) ** _N
    theta = _N * (math.radians(longitude) - _LAMBDA0)
    return _X0 + rho * math.sin(theta), _Y0 + _RHO0 - rho * math.cos(theta)


def to_wgs84(x: float, y: float) -> tuple[float, float]:
    """(latitude, longitude) of a Lambert-93 point."""
    dx, dy = x - _X0, _RHO0 - (y - _Y0)
    rho, theta = math.hypot(dx, dy), math.atan2(dx, dy)
    t = (rho / (_A * _F)) ** (1 / _N)
    phi = math.pi / 2 - 2 * math.atan(t)
    for _ in range(8):
        s = _E * math.sin(phi)
        phi = math.pi / 2 - 2 * math.atan(t * ((1 - s) / (1 + s)) ** (_E / 2))
    return math.degrees(phi), math.degrees(theta / _N + _LAMBDA0)
