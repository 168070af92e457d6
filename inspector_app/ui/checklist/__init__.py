"""checklist screen."""
