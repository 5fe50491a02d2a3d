import pytest

from graphdir.text import fold, slugify


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Économie sociale", "economie sociale"),
        ("l'economie", "economie"),
        ("L’Économie Sociale et Solidaire", "economie sociale et solidaire"),
        ("Chambre régionale de l'Économie sociale d'Auvergne", "chambre regionale de economie sociale auvergne"),
        ("Œuvre", "oeuvre"),
        ("Provence-Alpes-Côte d'Azur", "provence alpes cote azur"),
        ("", ""),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_slugify() -> None:
    assert slugify("CRES Auvergne") == "cres-auvergne"
