"""The pages graphdir serves besides the API: the explorer at `/` and GraphiQL, built from web/ into dist/."""
