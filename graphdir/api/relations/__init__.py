"""Mutations on the relations between organizations other than memberships."""
