"""The network around an actor (breadth-first, by relationship type, as it stood on a day) and shortest paths."""
