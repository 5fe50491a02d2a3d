"""Access to Neo4j: the driver, the schema, the local server."""
