"""Follow-up inspection (整改复查) screen."""
