"""Organizations in GraphQL: the Organization type, its memberships and partnerships, Query.organization(s)."""
