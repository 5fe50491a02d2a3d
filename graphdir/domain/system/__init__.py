"""The system graphdir runs on: the Neo4j server behind it."""
