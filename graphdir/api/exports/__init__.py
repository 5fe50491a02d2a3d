"""HTTP exports of what the GraphQL fields answer: networks as GEXF, GraphML and CSV tables, lists as CSV, an
organization as JSON-LD (graphdir.api.exports.routes)."""
