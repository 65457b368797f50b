"""Django's PostgreSQL backend, pointed at the project's embedded server.

Settings name this backend when no DATABASE_URL is given. The server is started
(or found running) on the first connection, not when settings are imported, so
commands that never touch the database never start it.

    "ENGINE": "cop.db.embedded",
    "EMBEDDED": {"DATA_DIR": "/path/to/folder"}   # or {"THROWAWAY": True} for tests
"""

import contextlib
import threading

import psycopg2
from django.db.backends.postgresql import base as postgresql

from cop.db import server

_throwaway_lock = threading.Lock()
_throwaway_dir = None
_created: set[tuple[str, str]] = set()


def _data_dir(options: dict):
    global _throwaway_dir
    if options.get("THROWAWAY"):
        with _throwaway_lock:
            if _throwaway_dir is None:
                _throwaway_dir = server.throwaway_data_dir()
            return _throwaway_dir, "delete"
    return options["DATA_DIR"], None


def ensure_database(info: server.ServerInfo, name: str, user: str) -> None:
    """Create the project's database the first time the server runs."""
    key = (str(info.data_dir), name)
    if key in _created or name in ("postgres", "template1"):
        return
    conn = psycopg2.connect(dbname="postgres", user=user, host=str(info.socket_dir), port=info.port)
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                # Another process may make it at the same moment.
                with contextlib.suppress(psycopg2.errors.DuplicateDatabase):
                    cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        conn.close()
    _created.add(key)


class DatabaseWrapper(postgresql.DatabaseWrapper):
    def get_connection_params(self):
        data_dir, cleanup = _data_dir(self.settings_dict["EMBEDDED"])
        info = server.ensure_running(data_dir, cleanup=cleanup)
        self.settings_dict["HOST"] = str(info.socket_dir)
        self.settings_dict["PORT"] = str(info.port)
        self.settings_dict["USER"] = self.settings_dict.get("USER") or "postgres"
        ensure_database(info, self.settings_dict["NAME"], self.settings_dict["USER"])
        return super().get_connection_params()
