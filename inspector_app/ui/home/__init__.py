"""home screen."""
