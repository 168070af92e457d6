"""registry screen."""
