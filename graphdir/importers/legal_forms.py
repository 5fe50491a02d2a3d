"""Kind and ESS family from a legal-form label (the SIAE list's NATURE_JURIDIQUE) or code (SIRENE, at the end), the
rule kept with the result.

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


# --- SIRENE: the legal-form *code* (catégorie juridique, categorieJuridiqueUniteLegale) ------------------------------
# As the State's company directory classifies ESS units (../shared/open-data/README.md): a unit is imported only when
# it is ESS (the SIRENE flag O, or on the ESS France list); then its family is that of its code, an RNA id makes it an
# association, and any other code makes it an ESS commercial company (SAS 5710, SARL 5499 with the flag…).


def _codes(*items: str) -> frozenset[str]:
    codes: set[str] = set()
    for item in items:
        first, _, last = item.partition("-")
        codes.update(str(code) for code in range(int(first), int(last or first) + 1))
    return frozenset(codes)


ASSOCIATION_CODES = _codes("9210", "9220-9222", "9230", "9260", "5195")
COOPERATIVE_CODES = _codes("5191-5194", "5196", "5203", "5307", "5309", "5432", "5443", "5451", "5453-5455",
                           "5458-5460", "5532", "5543", "5547", "5551-5555", "5558-5560", "5632", "5643", "5647",
                           "5651-5655", "5658-5660", "6316-6318", "6532", "6543", "6551", "6554", "6558", "6560",
                           "6595", "6596")
MUTUAL_CODES = _codes("8210", "8250", "8290", "6411")
FOUNDATION_CODES = _codes("9300")

_BY_CODE: tuple[tuple[str, frozenset[str], str], ...] = (
    ("association", ASSOCIATION_CODES, "ASSOCIATION"),
    ("cooperative", COOPERATIVE_CODES, "COOPERATIVE"),
    ("mutual", MUTUAL_CODES, "MUTUAL"),
    ("foundation", FOUNDATION_CODES, "FOUNDATION"),
)


def classify_code(code: str, *, has_rna: bool = False) -> Classification:
    """The family of an ESS unit from its legal-form code (4 digits); the rule is "sirene-legal-form:<name>"."""
    for rule, codes, family in _BY_CODE:
        if code in codes:
            return Classification("ENTERPRISE", family, f"sirene-legal-form:{rule}")
    if has_rna:
        return Classification("ENTERPRISE", "ASSOCIATION", "sirene-legal-form:association-rna-id")
    return Classification("ENTERPRISE", "ESS_COMPANY", "sirene-legal-form:ess-company")
