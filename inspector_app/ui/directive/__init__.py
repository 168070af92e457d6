"""Directive and record: issue, preview, print, save."""
