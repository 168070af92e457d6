"""``inspector serve``: the office sync server (FastAPI), stateless over one database."""
