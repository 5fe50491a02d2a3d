"""graphdir: a GraphQL network directory of the French social and solidarity economy, over Neo4j."""

__version__ = "0.1.0"
