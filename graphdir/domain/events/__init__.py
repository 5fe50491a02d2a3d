"""Events: seminars, round tables, forums; who organised them, who spoke, how they nest and follow each other."""
