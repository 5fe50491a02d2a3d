"""Events in GraphQL: the Event type."""
