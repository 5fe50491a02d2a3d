"""GraphQL of establishments: the Site type and its loader."""
