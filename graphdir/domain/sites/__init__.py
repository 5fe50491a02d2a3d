"""Establishments (SIRET): an organization's sites, each in its commune (schema/MODEL.md, "Establishments")."""
