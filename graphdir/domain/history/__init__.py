"""The history of edits: a :Change per edit (who, when, what field by field, the source, the request), linked to the
objects it changed, numbered in commit order for the feed."""
