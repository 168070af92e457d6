"""start screen."""
