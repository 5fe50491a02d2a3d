// The explorer's one way to the server: the public GraphQL API, on this host.

export class ApiError extends Error {}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  let payload: { data?: T | null; errors?: { message: string }[] };
  try {
    payload = await response.json();
  } catch {
    throw new ApiError(`réponse illisible du serveur (HTTP ${response.status})`);
  }
  // A partial answer (a field cut by the server's timeout comes back null) would read as "not found": an error it is.
  if (payload.errors?.length) throw new ApiError(payload.errors.map((e) => e.message).join(" ; "));
  if (!payload.data) throw new ApiError(`pas de données (HTTP ${response.status})`);
  return payload.data;
}

export interface SourceRef {
  title: string | null;
  url: string | null;
  document: string | null;
  publishedOn: string | null;
  excerpt: string | null;
}

export const SOURCE_FIELDS = "title url document publishedOn excerpt";

export interface GeoPoint {
  latitude: number;
  longitude: number;
  approximate: boolean;
}
