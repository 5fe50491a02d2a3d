"""Conventions: agreements between organizations, signed on a date, at a place, with objectives."""
