"""Writes with side effects for the communities app (keyword-only, <thing>_<action> names)."""
