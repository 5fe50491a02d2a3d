"""Organizations: lookups, filtered keyset pages, memberships and partnerships."""
