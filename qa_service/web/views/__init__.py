"""Blueprints: one module per group of routes; each view validates, calls, serialises."""
