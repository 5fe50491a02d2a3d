"""People in GraphQL: Person, Role, Speaker."""
