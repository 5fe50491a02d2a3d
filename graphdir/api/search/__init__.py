"""GraphQL of the full-text search (`search`)."""
