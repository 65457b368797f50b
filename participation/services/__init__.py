"""Writes with side effects for participation (keyword-only, <thing>_<action> names):
follows.py, saved_searches.py, notifications.py (digests and emails), helped.py."""
