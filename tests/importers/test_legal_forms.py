"""Kind and family from the SIAE list's legal-form labels, with the rule kept."""

from __future__ import annotations

import pytest

from graphdir.importers.legal_forms import classify_label


@pytest.mark.parametrize(("label", "kind", "family", "rule"), [
    ("Association déclarée ", "ENTERPRISE", "ASSOCIATION", "association"),
    ("Association de droit local (Bas-Rhin, Haut-Rhin et Moselle)", "ENTERPRISE", "ASSOCIATION", "association"),
    ("SARL coopérative ouvrière de production (SCOP)", "ENTERPRISE", "COOPERATIVE", "cooperative"),
    ("Autre SA coopérative à conseil d'administration ", "ENTERPRISE", "COOPERATIVE", "cooperative"),
    ("SA d'intérêt collectif agricole (SICA) à conseil d'administration", "ENTERPRISE", "COOPERATIVE", "cooperative"),
    ("Mutuelle ", "ENTERPRISE", "MUTUAL", "mutual"),
    ("Fondation ", "ENTERPRISE", "FOUNDATION", "foundation"),
    ("SAS, société par actions simplifiée", "ENTERPRISE", "ESS_COMPANY", "ess-company"),
    ("SARL unipersonnelle ", "ENTERPRISE", "ESS_COMPANY", "ess-company"),
    ("Société en nom collectif ", "ENTERPRISE", "ESS_COMPANY", "ess-company"),
    ("Commune et commune nouvelle ", "MUNICIPALITY", None, "public-municipality"),
    ("Communauté d'agglomération ", "INTERCOMMUNALITY", None, "public-intercommunality"),
    ("Centre communal d'action sociale ", "OTHER", None, "public-body"),
    # Words that look like a family's but are not: a public health group, a public landowners' association.
    ("Groupement de coopération sanitaire à gestion publique ", "OTHER", None, "public-body"),
    ("Association syndicale autorisée ", "OTHER", None, "public-body"),
])
def test_labels(label: str, kind: str, family: str | None, rule: str) -> None:
    found = classify_label(label)
    assert found is not None
    assert (found.kind, found.family, found.rule) == (kind, family, f"siae-legal-form:{rule}")


def test_an_unknown_label_is_not_classified() -> None:
    assert classify_label("Forme juridique inconnue") is None
    assert classify_label("") is None
