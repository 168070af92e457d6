"""Sync: device keys, signed and encrypted bundles, verified all-or-nothing import (no Qt)."""
