"""GraphQL of the network map (`network`) and of shortest paths (`path`)."""
