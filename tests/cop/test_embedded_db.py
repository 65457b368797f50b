"""The project's own PostgreSQL: start, reuse, concurrent starts, clean stop, bad states."""

import subprocess
import sys
from pathlib import Path

import pytest

from cop.db import server

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir(tmp_path):
    tmp_path.chmod(0o755)
    path = tmp_path / "pgdata"
    yield path
    if (path / "postmaster.pid").exists():
        server.stop(path)


def _start_in_subprocess(path: Path) -> subprocess.Popen:
    code = (
        f"from cop.db import server; info = server.ensure_running({str(path)!r}); print(info.pid)"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def test_starts_then_reuses_the_running_server(data_dir):
    first = server.ensure_running(data_dir)
    assert (data_dir / "PG_VERSION").read_text().strip() == str(server.bundled_major_version())
    # Another process finds the same server rather than starting a second one.
    proc = _start_in_subprocess(data_dir)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()
    assert int(out.decode().split()[-1]) == first.pid
    assert "Running" in server.status(data_dir)


def test_two_processes_starting_at_once_share_one_server(data_dir):
    procs = [_start_in_subprocess(data_dir) for _ in range(2)]
    pids = set()
    for proc in procs:
        out, err = proc.communicate(timeout=90)
        assert proc.returncode == 0, err.decode()
        pids.add(int(out.decode().split()[-1]))
    assert len(pids) == 1


def test_stops_cleanly_and_starts_again_with_data_kept(data_dir):
    import psycopg2

    info = server.ensure_running(data_dir)
    conn = psycopg2.connect(dbname="postgres", user="postgres", host=str(info.socket_dir))
    conn.autocommit = True
    conn.cursor().execute("CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)")
    conn.close()
    assert "Stopped" in server.stop(data_dir)
    assert "Stopped" in server.status(data_dir)
    info = server.ensure_running(data_dir)
    conn = psycopg2.connect(dbname="postgres", user="postgres", host=str(info.socket_dir))
    cursor = conn.cursor()
    cursor.execute("SELECT x FROM kept")
    assert cursor.fetchone() == (42,)
    conn.close()


def test_folder_from_an_older_major_version_is_refused_and_untouched(data_dir):
    data_dir.mkdir()
    (data_dir / "PG_VERSION").write_text("16\n")
    (data_dir / "base").mkdir()
    with pytest.raises(server.EmbeddedDatabaseError) as caught:
        server.ensure_running(data_dir)
    message = str(caught.value)
    assert "PostgreSQL 16" in message and "Nothing has been changed or deleted" in message
    assert (data_dir / "PG_VERSION").read_text() == "16\n"
    assert (data_dir / "base").is_dir()


def test_stale_lock_file_is_set_aside(data_dir):
    server.ensure_running(data_dir)
    server.stop(data_dir)
    # A lock file left behind by a crash, naming a process that is not our server (pid 1).
    (data_dir / "postmaster.pid").write_text(f"1\n{data_dir}\n0\n5432\n{data_dir}\n\n0 0\nready\n")
    info = server.ensure_running(data_dir)
    assert info.pid != 1
    assert (data_dir / "postmaster.pid.stale").exists()


def test_manage_py_reports_a_clear_message_not_a_traceback(tmp_path):
    tmp_path.chmod(0o755)
    data_dir = tmp_path / "old"
    data_dir.mkdir()
    (data_dir / "PG_VERSION").write_text("15\n")
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "cop.settings.dev",
            "EMBEDDED_DB_DIR": str(data_dir),
        },
        timeout=120,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "PostgreSQL 15" in result.stderr
