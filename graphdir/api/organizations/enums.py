"""Enumerations of the organizations domain (values as stored in the graph, schema/MODEL.md)."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="What kind of body an organization is.")
class OrganizationKind(Enum):
    REGIONAL_CHAMBER = strawberry.enum_value("REGIONAL_CHAMBER", description="A regional ESS chamber (CRES, CRESS).")
    NATIONAL_CHAMBER = strawberry.enum_value("NATIONAL_CHAMBER", description="The national chamber (ESS France).")
    FEDERATION = strawberry.enum_value("FEDERATION", description="A federation or union of one family or sector.")
    NETWORK = strawberry.enum_value("NETWORK", description="A network or coordination of actors.")
    EMPLOYERS_UNION = strawberry.enum_value("EMPLOYERS_UNION", description="An employers' union of the sector.")
    ENTERPRISE = strawberry.enum_value("ENTERPRISE", description="An ESS enterprise (association, cooperative, …).")
    STATE_SERVICE = strawberry.enum_value("STATE_SERVICE", description="A service of the State (préfecture, …).")
    REGIONAL_COUNCIL = strawberry.enum_value("REGIONAL_COUNCIL", description="A conseil régional.")
    DEPARTMENTAL_COUNCIL = strawberry.enum_value("DEPARTMENTAL_COUNCIL", description="A conseil départemental.")
    INTERCOMMUNALITY = strawberry.enum_value("INTERCOMMUNALITY", description="An intercommunality (EPCI).")
    MUNICIPALITY = strawberry.enum_value("MUNICIPALITY", description="A commune's municipality.")
    PAYS = strawberry.enum_value("PAYS", description="A pays or PETR, a territorial project body.")
    OTHER = strawberry.enum_value("OTHER", description="Anything else.")


@strawberry.enum(description="The ESS family an organization belongs to.")
class OrganizationFamily(Enum):
    ASSOCIATION = strawberry.enum_value("ASSOCIATION", description="Associations.")
    COOPERATIVE = strawberry.enum_value("COOPERATIVE", description="Cooperatives.")
    MUTUAL = strawberry.enum_value("MUTUAL", description="Mutuals.")
    FOUNDATION = strawberry.enum_value("FOUNDATION", description="Foundations.")
    ESS_COMPANY = strawberry.enum_value("ESS_COMPANY", description="Commercial companies following ESS principles.")
    MIXED = strawberry.enum_value("MIXED", description="A body gathering several families, such as a chamber.")


@strawberry.enum(description="The kind of link between two organizations, other than membership.")
class PartnershipKind(Enum):
    RECOGNISES = strawberry.enum_value("RECOGNISES", description="One recognises the other (official recognition).")
    SUPPORTS = strawberry.enum_value("SUPPORTS", description="One supports the other.")
    FUNDS = strawberry.enum_value("FUNDS", description="One funds the other.")
    INTERLOCUTOR_OF = strawberry.enum_value(
        "INTERLOCUTOR_OF", description="One is the (privileged) interlocutor of the other."
    )
    PARTNER_OF = strawberry.enum_value("PARTNER_OF", description="They are partners.")
    FOUNDED = strawberry.enum_value("FOUNDED", description="One founded the other.")


@strawberry.enum(description="Which way a link points, seen from the organization asked about.")
class Direction(Enum):
    OUTGOING = strawberry.enum_value("OUTGOING", description="From this organization to the other.")
    INCOMING = strawberry.enum_value("INCOMING", description="From the other organization to this one.")


@strawberry.enum(description="How to order organizations.")
class OrganizationOrder(Enum):
    NAME = strawberry.enum_value("NAME", description="By name (accents and case ignored), then id.")
    FOUNDED_ON = strawberry.enum_value(
        "FOUNDED_ON", description="By foundation date, oldest first; organizations without one come last."
    )
