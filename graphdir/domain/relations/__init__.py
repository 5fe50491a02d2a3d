"""Relations between organizations other than memberships: FOUNDED, RECOGNISES, SUPPORTS, FUNDS, INTERLOCUTOR_OF,
PARTNER_OF (schema/MODEL.md), edited through the API."""
