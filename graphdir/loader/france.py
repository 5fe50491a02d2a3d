"""Where France is: a point an organization or an establishment is located at must fall in one of these areas
(metropolitan France and Corsica, the overseas départements and collectivities, the French Southern Lands), each a
box of latitudes and longitudes drawn a little wide of its coasts. A point outside them is a typing slip (latitude
and longitude swapped, a sign lost) far more often than a French actor abroad.
"""

from __future__ import annotations

from typing import Final

# (name, south, north, west, east), degrees WGS-84.
AREAS: Final = (
    ("metropolitan France", 41.2, 51.2, -5.3, 9.7),
    ("Antilles", 14.2, 18.2, -63.3, -60.7),
    ("Guyane", 2.0, 5.9, -54.7, -51.5),
    ("La Réunion", -21.5, -20.8, 55.1, 56.0),
    ("Mayotte", -13.1, -12.5, 44.9, 45.4),
    ("Saint-Pierre-et-Miquelon", 46.7, 47.2, -56.6, -56.0),
    ("Wallis-et-Futuna", -14.5, -13.1, -178.3, -176.0),
    ("Polynésie française", -28.0, -7.0, -155.0, -134.0),
    ("Nouvelle-Calédonie", -23.0, -18.0, 158.0, 169.0),
    ("Clipperton", 10.2, 10.4, -109.3, -109.1),
    ("Îles Éparses", -22.5, -11.4, 39.6, 54.6),
    ("Kerguelen, Crozet, Saint-Paul et Amsterdam", -50.1, -37.7, 50.1, 77.7),
    ("Terre Adélie", -90.0, -65.5, 136.0, 142.0),
)


def in_france(latitude: float, longitude: float) -> bool:
    return any(south <= latitude <= north and west <= longitude <= east for _, south, north, west, east in AREAS)
