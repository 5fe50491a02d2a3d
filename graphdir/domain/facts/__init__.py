"""Facts around the actors: the sources that state them, published figures, statements (missions, principles…)."""
