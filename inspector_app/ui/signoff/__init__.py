"""signoff screen."""
