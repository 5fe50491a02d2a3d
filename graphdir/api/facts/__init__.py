"""Facts in GraphQL: Figure, Statement, and the sources of every node."""
