"""Domain services and their Cypher repositories, one package per domain.

Layering: GraphQL resolvers (graphdir.api) call services; services call repositories; repositories run the Cypher texts
of their `cypher` module through a `graphdir.db.reader.Reader`. Nothing here imports strawberry.
"""
