"""The words of the graph, declared once: each enumeration's values as stored, with what each means.

Everything else derives from here: the GraphQL enums (their member names, values and descriptions: the enum's
docstring and each term's description), the loader's allowed values, the lists the Cypher texts splice in, the
synthetic generator. Plain Python: no GraphQL, no driver.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Self


class Term(Enum):
    """A word of a vocabulary: its value as the graph stores it (the member's name is how GraphQL spells it)."""

    _value_: str
    description: str

    def __new__(cls, value: str, description: str = "") -> Self:
        term = object.__new__(cls)
        term._value_ = value
        term.description = description
        return term

    @property
    def value(self) -> str:
        return self._value_

    @property
    def term(self) -> tuple[str, str]:
        """(value, description), to declare the same word in a narrower vocabulary."""
        return self._value_, self.description


def values(terms: type[Term]) -> tuple[str, ...]:
    """The stored values of a vocabulary, in its order."""
    return tuple(term.value for term in terms)


class TerritoryLevel(Term):
    """The level of a territory (DEPARTMENT is stored DEPARTEMENT in the graph)."""

    REGION = ("REGION", "A région (2-digit INSEE code).")
    DEPARTMENT = ("DEPARTEMENT", "A département (2-3 character INSEE code).")
    EPCI = ("EPCI", "An intercommunality (EPCI, its 9-digit SIREN as code).")
    PAYS = ("PAYS", "A pays or PETR (not in the COG: graphdir's own code).")
    COMMUNE = ("COMMUNE", "A commune (5-character INSEE code).")
    COLLECTIVITE = ("COLLECTIVITE", "An overseas collectivity (COM, 3-digit code).")

    @property
    def label(self) -> str:
        """The label its territories carry besides Territory: Region, Departement, Epci…"""
        return self.value.capitalize()

    @property
    def id_prefix(self) -> str:
        """What its territories' graph ids start with, before the code: `commune` in `commune:03095`."""
        return self.value.lower()

    def territory_id(self, code: str) -> str:
        return f"{self.id_prefix}:{code}"


class OrganizationKind(Term):
    """What kind of body an organization is."""

    REGIONAL_CHAMBER = ("REGIONAL_CHAMBER", "A regional ESS chamber (CRES, CRESS).")
    NATIONAL_CHAMBER = ("NATIONAL_CHAMBER", "The national chamber (ESS France).")
    FEDERATION = ("FEDERATION", "A federation or union of one family or sector.")
    NETWORK = ("NETWORK", "A network or coordination of actors.")
    EMPLOYERS_UNION = ("EMPLOYERS_UNION", "An employers' union of the sector.")
    ENTERPRISE = ("ENTERPRISE", "An ESS enterprise (association, cooperative, …).")
    STATE_SERVICE = ("STATE_SERVICE", "A service of the State (préfecture, …).")
    REGIONAL_COUNCIL = ("REGIONAL_COUNCIL", "A conseil régional.")
    DEPARTMENTAL_COUNCIL = ("DEPARTMENTAL_COUNCIL", "A conseil départemental.")
    INTERCOMMUNALITY = ("INTERCOMMUNALITY", "An intercommunality (EPCI).")
    MUNICIPALITY = ("MUNICIPALITY", "A commune's municipality.")
    PAYS = ("PAYS", "A pays or PETR, a territorial project body.")
    OTHER = ("OTHER", "Anything else.")


class OrganizationFamily(Term):
    """The ESS family an organization belongs to."""

    ASSOCIATION = ("ASSOCIATION", "Associations.")
    COOPERATIVE = ("COOPERATIVE", "Cooperatives.")
    MUTUAL = ("MUTUAL", "Mutuals.")
    FOUNDATION = ("FOUNDATION", "Foundations.")
    ESS_COMPANY = ("ESS_COMPANY", "Commercial companies following ESS principles.")
    MIXED = ("MIXED", "A body gathering several families, such as a chamber.")


class Relationship(Term):
    """Every relationship type the graph stores (schema/MODEL.md)."""

    MEMBER_OF = ("MEMBER_OF", "Organization -> organization it is a member of (a federation, a chamber).")
    FOUNDED = ("FOUNDED", "Organization -> organization it founded.")
    RECOGNISES = ("RECOGNISES", "Organization -> organization it recognises (officially, or for its work).")
    SUPPORTS = ("SUPPORTS", "Organization -> organization it supports.")
    FUNDS = ("FUNDS", "Organization -> organization it funds.")
    INTERLOCUTOR_OF = ("INTERLOCUTOR_OF", "Organization -> organization it is the privileged interlocutor of.")
    PARTNER_OF = ("PARTNER_OF", "Organization -> organization it works in partnership with.")
    PARTY_TO = ("PARTY_TO", "Organization -> convention it is a party to.")
    HOLDS_ROLE = ("HOLDS_ROLE", "Person -> organization where they hold a role (president, director…).")
    ORGANISED = ("ORGANISED", "Organization -> event it organised.")
    SPOKE_AT = ("SPOKE_AT", "Person -> event they spoke at.")
    COVERS = ("COVERS", "Organization -> territory it works for or governs.")
    LOCATED_IN = ("LOCATED_IN", "Organization or establishment -> commune where it is located.")
    HAS_SITE = ("HAS_SITE", "Organization -> one of its establishments (a SIRET of its SIREN).")
    PART_OF = ("PART_OF", "Territory -> territory it is part of; event -> event it is part of.")
    SUCCEEDED_BY = ("SUCCEEDED_BY", "Territory -> territory that replaced it.")
    CITED_IN = ("CITED_IN", "Fact node -> source that states it.")
    SIGNED_IN = ("SIGNED_IN", "Convention -> commune where it was signed.")
    SIGNED_DURING = ("SIGNED_DURING", "Convention -> event during which it was signed.")
    HELD_IN = ("HELD_IN", "Event -> commune where it was held.")
    FOLLOWS = ("FOLLOWS", "Event -> event it follows.")
    HAS_STATEMENT = ("HAS_STATEMENT", "Organization -> one of its statements.")
    PUBLISHED = ("PUBLISHED", "Organization -> figure it published.")
    FOR_TERRITORY = ("FOR_TERRITORY", "Figure -> territory it is about.")


class NetworkRelation(Term):
    """A relationship type a network map or a path may follow. COVERS and LOCATED_IN lead to territories: they are \
followed by default only when the map or the path starts or ends at a territory."""

    MEMBER_OF = Relationship.MEMBER_OF.term
    FOUNDED = Relationship.FOUNDED.term
    RECOGNISES = Relationship.RECOGNISES.term
    SUPPORTS = Relationship.SUPPORTS.term
    FUNDS = Relationship.FUNDS.term
    INTERLOCUTOR_OF = Relationship.INTERLOCUTOR_OF.term
    PARTNER_OF = Relationship.PARTNER_OF.term
    PARTY_TO = Relationship.PARTY_TO.term
    HOLDS_ROLE = Relationship.HOLDS_ROLE.term
    ORGANISED = Relationship.ORGANISED.term
    SPOKE_AT = Relationship.SPOKE_AT.term
    COVERS = Relationship.COVERS.term
    LOCATED_IN = Relationship.LOCATED_IN.term


class PartnershipKind(Term):
    """The kind of link between two organizations, other than membership."""

    RECOGNISES = (Relationship.RECOGNISES.value, "One recognises the other (official recognition).")
    SUPPORTS = (Relationship.SUPPORTS.value, "One supports the other.")
    FUNDS = (Relationship.FUNDS.value, "One funds the other.")
    INTERLOCUTOR_OF = (Relationship.INTERLOCUTOR_OF.value, "One is the (privileged) interlocutor of the other.")
    PARTNER_OF = (Relationship.PARTNER_OF.value, "They are partners.")
    FOUNDED = (Relationship.FOUNDED.value, "One founded the other.")


# The relationship types a `relations` record of a seed file may have: between two organizations.
ORGANIZATION_RELATIONS: tuple[Relationship, ...] = (
    Relationship.MEMBER_OF, *(Relationship(kind.value) for kind in PartnershipKind))


class Direction(Term):
    """Which way a link points, seen from the organization asked about."""

    OUTGOING = ("OUTGOING", "From this organization to the other.")
    INCOMING = ("INCOMING", "From the other organization to this one.")


class OrganizationOrder(Term):
    """How to order organizations."""

    NAME = ("NAME", "By name (accents and case ignored), then id.")
    FOUNDED_ON = ("FOUNDED_ON", "By foundation date, oldest first; organizations without one come last.")


class ConventionKind(Term):
    """What a convention is."""

    PARTNERSHIP = ("PARTNERSHIP", "A partnership between the parties.")
    AGREMENT = ("AGREMENT", "A convention d'agrément: official recognition of a chamber by the State and Region.")


class ConventionStatus(Term):
    """Where a convention stands."""

    PLANNED = ("PLANNED", "Announced, not yet signed.")
    SIGNED = ("SIGNED", "Signed.")
    IN_FORCE = ("IN_FORCE", "Signed and applying.")
    ENDED = ("ENDED", "No longer applying.")


class EventKind(Term):
    """What an event is (GraphQL gives it as a string: the list may grow with the sources)."""

    SEMINAR = ("SEMINAR", "A seminar.")
    ROUND_TABLE = ("ROUND_TABLE", "A round table.")
    THEATRE_FORUM = ("THEATRE_FORUM", "A forum theatre performance.")
    GENERAL_ASSEMBLY = ("GENERAL_ASSEMBLY", "A general assembly.")
    CONFERENCE = ("CONFERENCE", "A conference.")
    FORUM = ("FORUM", "A forum.")
    MEETING = ("MEETING", "A meeting.")
    OTHER = ("OTHER", "Anything else.")


class StatementKind(Term):
    """What an organization's statement is."""

    MISSION = ("MISSION", "A mission.")
    FUNCTION = ("FUNCTION", "A permanent function.")
    PRINCIPLE = ("PRINCIPLE", "A shared principle.")
    AMBITION = ("AMBITION", "A political ambition.")


class FigureUnit(Term):
    """What a figure counts."""

    JOBS = ("jobs", "Jobs.")
    ESTABLISHMENTS = ("establishments", "Establishments.")
    PERCENT = ("percent", "A share, in percent.")


class InsertionMeasure(Term):
    """An SIAE's insertion measure (structure d'insertion par l'activité économique), as the ASP's list names it."""

    ACI = ("ACI", "Atelier et chantier d'insertion.")
    AI = ("AI", "Association intermédiaire.")
    EI = ("EI", "Entreprise d'insertion.")
    ETTI = ("ETTI", "Entreprise de travail temporaire d'insertion.")
    EITI = ("EITI", "Entreprise d'insertion par le travail indépendant.")


class NodeType(Term):
    """The nodes a search, a network map or a path may reach; the value is the node's label and its GraphQL type."""

    ORGANIZATION = ("Organization", "An organization: chamber, federation, network, enterprise, public body…")
    PERSON = ("Person", "A person named by the sources.")
    TERRITORY = ("Territory", "A territory: commune, EPCI, département, région, pays, overseas collectivity.")
    CONVENTION = ("Convention", "A convention between organizations.")
    EVENT = ("Event", "An event: seminar, round table, general assembly…")


def node_type_of(labels: Iterable[str]) -> str | None:
    """The NodeType value (the GraphQL type) among a node's labels; None for any other node."""
    return next((label for label in labels if label in _NODE_TYPES), None)


_NODE_TYPES = frozenset(values(NodeType))


class AccountRole(Term):
    """What an API token may do. Reads need no token; a token's role says which writes it may make."""

    READER = ("reader", "Reads only: what anyone may do without a token.")
    EDITOR = ("editor", "Creates and corrects organizations and their relations, within its territories if it has "
              "any.")
    ADMIN = ("admin", "Everything an editor does, anywhere.")
