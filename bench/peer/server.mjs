// The @neo4j/graphql 7 peer of the benchmark (bench/README.md), served by Apollo Server's standalone server.
// Environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, PORT (loopback only).
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const typeDefs = readFileSync(new URL("./typeDefs.graphql", import.meta.url), "utf8");
const driver = neo4j.driver(
  process.env.NEO4J_URI,
  neo4j.auth.basic(process.env.NEO4J_USER ?? "neo4j", process.env.NEO4J_PASSWORD),
  { maxConnectionPoolSize: 50, disableLosslessIntegers: true },
);
const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const schema = await neoSchema.getSchema();
// Fails when the server lacks what the library needs (Neo4j version, the APOC functions).
await neoSchema.checkNeo4jCompat();

const server = new ApolloServer({ schema, introspection: true });
const { url } = await startStandaloneServer(server, {
  listen: { host: "127.0.0.1", port: Number(process.env.PORT ?? 4000) },
});
console.log(`peer: @neo4j/graphql ready at ${url}`);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    await server.stop();
    await driver.close();
    process.exit(0);
  });
}
