#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop.settings.dev")
    from django.core.management import execute_from_command_line

    from cop.db.server import EmbeddedDatabaseError

    try:
        execute_from_command_line(sys.argv)
    except EmbeddedDatabaseError as exc:
        sys.stderr.write(f"\n{exc}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
