// The @neo4j/graphql 7 peer of the benchmark (bench/README.md), served by Apollo Server's standalone server.
// Environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, PORT (loopback only), WORKERS (processes, default 1: with more,
// node:cluster forks them and they share the port, as graphdir's uvicorn workers do).
import cluster from "node:cluster";
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const workers = Number(process.env.WORKERS ?? 1);

if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i += 1) cluster.fork();
  // A worker that dies takes the peer down: the harness sees the exit and reports it.
  cluster.on("exit", (worker, code) => {
    console.error(`peer: worker ${worker.process.pid} exited (${code})`);
    process.exit(1);
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      cluster.removeAllListeners("exit");
      for (const worker of Object.values(cluster.workers)) worker.process.kill("SIGTERM");
      process.exit(0);
    });
  }
} else {
  await serve();
}

async function serve() {
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
}
