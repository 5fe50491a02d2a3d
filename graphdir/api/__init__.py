"""The GraphQL API: one folder per domain, composed in graphdir.api.schema."""
