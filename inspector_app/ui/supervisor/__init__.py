"""Supervisor workspace: received inspections, open findings, drill-down into one inspection."""
