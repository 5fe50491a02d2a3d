"""People and the roles they hold in organizations, and where they spoke."""
