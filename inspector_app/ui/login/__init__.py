"""login screen."""
