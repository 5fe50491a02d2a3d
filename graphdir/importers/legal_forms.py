"""Kind and ESS family from a legal-form *label* (the SIAE list's NATURE_JURIDIQUE), the rule kept with the result.

The SIAE list names the legal form in words (the INSEE catégorie juridique's label, "Association déclarée ",
"SARL coopérative ouvrière de production (SCOP)"), not by code. The rules, first match wins, on the folded label:

| rule | the label names | kind | family |
|---|---|---|---|
| public-municipality | a commune | MUNICIPALITY | none |
| public-intercommunality | a communauté, syndicat (intercommunal, mixte), SIVOM, SIVU, PETR | INTERCOMMUNALITY | none |
| public-departement | a département | DEPARTMENTAL_COUNCIL | none |
| public-body | another public-law body: CCAS / CIAS, établissement public, régie, public GCS, ASA | OTHER | none |
| association | an association (déclarée, intermédiaire, de droit local, RUP, …) | ENTERPRISE | ASSOCIATION |
| cooperative | a cooperative form: coopérative, SCOP, SCIC, SICA | ENTERPRISE | COOPERATIVE |
| mutual | a mutuelle | ENTERPRISE | MUTUAL |
| foundation | a fondation | ENTERPRISE | FOUNDATION |
| ess-company | another private-law form: société, SA, SARL, SAS, SNC, EURL, trader, … | ENTERPRISE | ESS_COMPANY |

A SIAE run by a private-law body is ESS by law (loi du 31 juillet 2014, art. 1 and 11: an SIAE is an "entreprise
solidaire d'utilité sociale" of right), hence ESS_COMPANY for commercial forms. A public body that runs an insertion
workshop (a commune, a CCAS) is not an ESS enterprise: it keeps its public kind and no family, as curated public bodies
do. A label no rule knows is not classified (None): the importer rejects the row rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphdir.text import fold


@dataclass(frozen=True, slots=True)
class Classification:
    kind: str
    family: str | None
    rule: str  # e.g. "siae-legal-form:cooperative", stored on the organization as classifiedBy


_ELIDED = re.compile(r"\b([dl])['’]", re.IGNORECASE)


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b")


_RULES: tuple[tuple[str, re.Pattern[str], str, str | None], ...] = (
    ("public-municipality", _words("commune et commune nouvelle", r"^commune"), "MUNICIPALITY", None),
    ("public-intercommunality", _words("communaute de communes", "communaute d agglomeration", "communaute urbaine",
                                       "metropole", "syndicat mixte", "syndicat intercommunal", "sivom", "sivu",
                                       "pole d equilibre territorial"), "INTERCOMMUNALITY", None),
    ("public-departement", re.compile(r"^departement$"), "DEPARTMENTAL_COUNCIL", None),
    ("public-body", _words("centre communal d action sociale", "centre intercommunal d action sociale",
                           "etablissement public", "regie d une collectivite", "a gestion publique",
                           "association syndicale autorisee", "collectivite territoriale", "etat"), "OTHER", None),
    ("association", _words("association"), "ENTERPRISE", "ASSOCIATION"),
    ("cooperative", _words("cooperative", "cooperatif", "scop", "scic", "sica"), "ENTERPRISE", "COOPERATIVE"),
    ("mutual", _words("mutuelle", "mutualiste"), "ENTERPRISE", "MUTUAL"),
    ("foundation", _words("fondation"), "ENTERPRISE", "FOUNDATION"),
    ("ess-company", _words("societe", "sa", "sarl", "sas", "sasu", "snc", "eurl", "selarl", "gie", "artisan",
                           "commercant", "exploitant agricole", "exploitation agricole", "associe gerant",
                           "personne de droit prive", "personne morale de droit prive", "groupement d employeurs",
                           "entrepreneur individuel", "profession liberale"), "ENTERPRISE", "ESS_COMPANY"),
)


def classify_label(label: str) -> Classification | None:
    """The classification of a legal-form label, or None when no rule names it."""
    # fold() drops an elided "d'" or "l'"; the patterns spell them as words ("d action"), so keep them as such.
    text = fold(_ELIDED.sub(r"\1 ", label))
    for rule, pattern, kind, family in _RULES:
        if pattern.search(text):
            return Classification(kind, family, f"siae-legal-form:{rule}")
    return None
