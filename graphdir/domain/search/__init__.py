"""Full-text search over names, acronyms, descriptions, places and people (the `search_text` index)."""
