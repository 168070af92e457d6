"""Storage: SQLAlchemy models, migrations, change capture, blobs, search (no Qt)."""
