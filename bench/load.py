"""The load scenario: serve the site as in production and drive a mixed open-loop load at it.

    .venv/bin/python bench/load.py --generate 10000 --rate 170 --duration 30
    .venv/bin/python bench/load.py --only case-study --rate 170 --duration 30

Steps: (1) with --generate N, scale the bench database up to N case studies (bench/generate.py,
skipped when already there); (2) collect static files into bench/out/static with WhiteNoise's
manifest storage; (3) create sessions for a few demo members and sample the URLs each visitor
may read; (4) start gunicorn (sync workers, 2 by default) on a free port of 127.0.0.1 with the
production settings (DEBUG off; SECRET_KEY, ALLOWED_HOSTS=127.0.0.1,localhost and
SECURE_SSL_REDIRECT=false from the environment) and wait until it answers; (5) run
bench/client.py in a separate process, which prints throughput, p50/p95/p99 and errors per URL
group; (6) report the CPU time used by gunicorn, PostgreSQL and the client; then stop gunicorn,
delete the sessions and stop the bench database (unless --keep-database).

Everything lives in bench/out/ (git-ignored): the database (EMBEDDED_DB_DIR), the page cache
(emptied before each run), static files, gunicorn's log, the plan and the results as JSON.
"""

import argparse
import json
import math
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
OUT = BASE_DIR / "bench" / "out"
PAGE_CACHE_DIR = OUT / "page-cache"
PYTHON = sys.executable
sys.path.insert(0, str(BASE_DIR))
VENV_BIN = Path(PYTHON).parent


def log(message: str) -> None:
    print(f"[load] {message}", flush=True)


def bench_env(db_dir, page_cache_dir=None) -> dict:
    """The environment the site runs under in a bench: the production-like bench settings
    on the bench database (never DATABASE_URL), served on this machine only."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SECRET_KEY=f"bench-{secrets.token_urlsafe(32)}",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        EMBEDDED_DB_DIR=str(db_dir),
        PYTHONPATH=str(BASE_DIR),
    )
    if page_cache_dir is not None:
        env["PAGE_CACHE_DIR"] = str(page_cache_dir)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Files the vendored CSS refers to that the project does not ship (see bench/settings.py).
SHIM_FILES = {
    "vendor/govuk-frontend/assets/images/govuk-crest.svg": "<svg xmlns="
    "'http://www.w3.org/2000/svg'/>\n"
}


def write_static_shim(env) -> None:
    shim = OUT / "static-shim"
    for name, content in SHIM_FILES.items():
        path = shim / name
        if (BASE_DIR / "static" / name).exists():
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
        log(f"static/{name} is missing; collectstatic uses a blank stand-in from bench/out")


def make_plan(args) -> tuple[dict, list[str], dict]:
    """Sessions for a few demo members and the URLs each visitor may read (runs Django here)."""
    import django

    django.setup()
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from wagtail.models import Site

    from casestudies.models import CaseStudyPage, Lesson
    from casestudies.selectors import visible_case_studies
    from communities.models import Membership, MembershipState, User
    from communities.selectors import listed_communities

    total = CaseStudyPage.objects.count()
    if total == 0:
        sys.exit("The bench database has no case studies; run with --generate 10000 first.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        db_size = cursor.fetchone()[0]
    data = {"case_studies": total, "lessons": Lesson.objects.count(), "database": db_size}

    root = Site.objects.get(is_default_site=True).root_page.url_path

    def url(url_path: str) -> str:
        return "/" + url_path[len(root) :]

    members = []
    for visibility in ("hidden", "private", "restricted", "open"):
        membership = (
            Membership.objects.filter(
                state=MembershipState.ACTIVE,
                community__visibility=visibility,
                user__is_staff=False,
                user__is_active=True,
            )
            .select_related("user")
            .order_by("user__email")
            .first()
        )
        if membership and membership.user not in members:
            members.append(membership.user)
    outsider = (
        User.objects.filter(is_staff=False, is_active=True, memberships__isnull=True)
        .order_by("email")
        .first()
    )
    if outsider:
        members.append(outsider)

    engine = import_module(settings.SESSION_ENGINE)
    users, session_keys = [], []
    for user in [AnonymousUser(), *members]:
        cookie = None
        if user.is_authenticated:
            store = engine.SessionStore()
            store[SESSION_KEY] = user._meta.pk.value_to_string(user)
            store[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store["account_authentication_methods"] = [
                {"method": "password", "at": time.time(), "email": user.email}
            ]
            store.create()
            cookie = store.session_key
            session_keys.append(cookie)
        visible = visible_case_studies(user)
        sample = visible.order_by("?").values_list("url_path", flat=True)[: args.sample]
        users.append(
            {
                "name": getattr(user, "email", "") or "anonymous",
                "cookie": cookie,
                "library_pages": max(1, math.ceil(visible.count() / 20)),
                "groups": {
                    "home": ["/"],
                    "communities": ["/communities/"],
                    "community": [
                        url(p) for p in listed_communities(user).values_list("url_path", flat=True)
                    ],
                    "case-study": [url(p) for p in sample],
                },
            }
        )
    connection.close()
    return {"users": users}, session_keys, data


def delete_sessions(keys: list[str]) -> None:
    from django.contrib.sessions.models import Session
    from django.db import connection

    Session.objects.filter(session_key__in=keys).delete()
    connection.close()


def wait_ready(port: int, server: subprocess.Popen, timeout: float = 120) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}; see its log")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return time.monotonic() - started
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s")


def process_tree_cpu(pids: list[int]) -> float:
    import psutil

    total = 0.0
    for pid in pids:
        try:
            process = psutil.Process(pid)
            for proc in [process, *process.children(recursive=True)]:
                times = proc.cpu_times()
                total += times.user + times.system
            # Children that have exited (PostgreSQL replaces a connection's backend when
            # the connection is closed after CONN_MAX_AGE) are counted by their parent.
            times = process.cpu_times()
            total += times.children_user + times.children_system
        except psutil.Error:
            continue
    return total


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def busy_cpu() -> float:
    """CPU seconds the whole machine has spent busy since boot."""
    import psutil

    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def wait_until_quiet(limit: float, threshold: float = 0.15) -> float:
    """Wait (up to `limit` seconds) until other programs use under `threshold` of the CPUs."""
    import psutil

    started = time.monotonic()
    while True:
        load = psutil.cpu_percent(interval=3) / 100
        if load < threshold or time.monotonic() - started > limit:
            return load
        log(f"the machine is {load:.0%} busy with other work; waiting for it to settle")


def group_of(path: str) -> str:
    """The client's URL group for a path in gunicorn's access log."""
    if path.startswith("/search/"):
        return "search"
    if path.startswith("/case-studies/"):
        return "library"
    depth = len([part for part in path.split("/") if part])
    if path.startswith("/communities/"):
        return {1: "communities", 2: "community"}.get(depth, "case-study")
    return "home" if path == "/" else "other"


def server_side(access_log: Path, cpu_seconds: float) -> dict:
    """Requests gunicorn served and how long each took inside the server (no queueing)."""
    import math

    times = {}
    for line in access_log.read_text().splitlines():
        try:
            status, micros, path = line.split(" ", 2)
            times.setdefault(group_of(path), []).append(int(micros) / 1000)
        except ValueError:
            continue
    table = {}
    every = sorted(t for values in times.values() for t in values)
    for name, values in [*sorted(times.items()), ("all", every)]:
        values = sorted(values)
        if not values:
            continue

        def pct(p, values=values):
            return values[max(1, math.ceil(p / 100 * len(values))) - 1]

        table[name] = {
            "served": len(values),
            "mean_ms": sum(values) / len(values),
            "p50_ms": pct(50),
            "p95_ms": pct(95),
            "p99_ms": pct(99),
        }
    print(
        "\nInside gunicorn (from its access log, warm-up included; time from reading the "
        "request to the response, no queueing):"
    )
    print(f"{'group':<12} {'served':>7} {'mean ms':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, row in table.items():
        print(
            f"{name:<12} {row['served']:>7} {row['mean_ms']:>8.1f} {row['p50_ms']:>8.1f} "
            f"{row['p95_ms']:>8.1f} {row['p99_ms']:>8.1f}"
        )
    served = table.get("all", {}).get("served", 0)
    if served:
        print(
            f"Server CPU (gunicorn + PostgreSQL) per request served: "
            f"{cpu_seconds / served * 1000:.1f} ms"
        )
    return table


def postmaster_pid(db_dir: Path) -> int | None:
    try:
        return int((db_dir / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def stop_process_group(proc: subprocess.Popen, name: str) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    log(f"stopped {name} (process {proc.pid})")


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Options not listed here are passed on to bench/client.py "
        "(--arrivals, --mix, --signed-in, --timeout, --seed).",
    )
    parser.add_argument("--generate", type=int, metavar="N", help="first scale up to N")
    parser.add_argument("--rate", type=float, default=170)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--only", help="comma-separated groups, e.g. case-study")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help=">1 uses gthread workers")
    parser.add_argument("--sample", type=int, default=2000, help="case study URLs per visitor")
    parser.add_argument("--db-dir", type=Path, default=OUT / "pgdata")
    parser.add_argument("--label", default="", help="name for the results file")
    parser.add_argument("--keep-database", action="store_true", help="leave PostgreSQL running")
    parser.add_argument("--skip-collectstatic", action="store_true")
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=120,
        help="wait up to this many seconds for other programs to go quiet before measuring",
    )
    args, client_args = parser.parse_known_args(argv)
    args.db_dir = args.db_dir.resolve()
    OUT.mkdir(parents=True, exist_ok=True)
    # A page cache of the run's own, emptied before it starts (see below), so no run is
    # served pages that an earlier one rendered.
    env = bench_env(args.db_dir, page_cache_dir=PAGE_CACHE_DIR)

    if args.generate:
        log(f"generating up to {args.generate} case studies")
        subprocess.run(
            [PYTHON, str(BASE_DIR / "bench" / "generate.py"), "--count", str(args.generate)],
            env=env | {"DJANGO_SETTINGS_MODULE": "cop.settings.dev"},
            check=True,
            cwd=BASE_DIR,
        )

    if not args.skip_collectstatic:
        started = time.monotonic()
        write_static_shim(env)
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
            env=env,
            check=True,
            cwd=BASE_DIR,
        )
        log(f"collectstatic into bench/out/static: {time.monotonic() - started:.1f} s")

    os.environ.update(env)
    plan, session_keys, data = make_plan(args)
    plan_path = OUT / "plan.json"
    plan_path.write_text(json.dumps(plan))
    log(
        f"data: {data['case_studies']} case studies, {data['lessons']} lessons, database "
        f"{data['database']}; visitors: "
        + ", ".join(f"{u['name']} ({len(u['groups']['case-study'])} URLs)" for u in plan["users"])
    )

    shutil.rmtree(PAGE_CACHE_DIR, ignore_errors=True)
    port = free_port()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    label = args.label or (args.only or "mixed").replace(",", "+")
    gunicorn_log = OUT / f"gunicorn-{stamp}.log"
    access_log = OUT / f"access-{stamp}.log"
    command = [
        str(VENV_BIN / "gunicorn"),
        "cop.wsgi:application",
        f"--workers={args.workers}",
        f"--bind=127.0.0.1:{port}",
        f"--chdir={BASE_DIR}",
        f"--access-logfile={access_log}",
        "--access-logformat=%(s)s %(D)s %(U)s",
    ]
    if args.threads > 1:
        command += ["--worker-class=gthread", f"--threads={args.threads}"]
    exit_code = 1
    with gunicorn_log.open("w") as log_file:
        server = subprocess.Popen(
            command,
            env=env,
            cwd=BASE_DIR,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            log(f"gunicorn (process {server.pid}, {args.workers} workers) on 127.0.0.1:{port}")
            log(f"gunicorn answered after {wait_ready(port, server):.1f} s")
            results = OUT / f"results-{stamp}-{label}.json"
            client_cmd = [
                PYTHON,
                str(BASE_DIR / "bench" / "client.py"),
                f"--plan={plan_path}",
                f"--port={port}",
                f"--rate={args.rate}",
                f"--duration={args.duration}",
                f"--warmup={args.warmup}",
                f"--json={results}",
                *([f"--only={args.only}"] if args.only else []),
                *client_args,
            ]
            postgres = postmaster_pid(args.db_dir)
            cpu_before = {
                "gunicorn": process_tree_cpu([server.pid]),
                "postgres": process_tree_cpu([postgres] if postgres else []),
            }
            load = wait_until_quiet(args.quiet_wait)
            log(f"machine {load:.0%} busy before the run (load average {os.getloadavg()[0]:.1f})")
            children_before = _children_cpu()
            busy_before = busy_cpu()
            wall = time.monotonic()
            client = subprocess.Popen(client_cmd, cwd=BASE_DIR, start_new_session=True)
            try:
                limit = args.warmup + args.duration + 120
                exit_code = client.wait(timeout=limit)
            finally:
                stop_process_group(client, "client")
            wall = time.monotonic() - wall
            cpu = {
                "gunicorn": process_tree_cpu([server.pid]) - cpu_before["gunicorn"],
                "postgres": process_tree_cpu([postgres] if postgres else [])
                - cpu_before["postgres"],
            }
            # The client is the only child reaped while it ran.
            cpu["client"] = _children_cpu() - children_before
            cpu["other programs"] = max(0.0, busy_cpu() - busy_before - sum(cpu.values()))
            cores = os.cpu_count() or 1
            log(
                f"CPU over the client's {wall:.1f} s on {cores} cores: "
                + ", ".join(
                    f"{name} {seconds:.1f} s ({seconds / wall / cores:.0%})"
                    for name, seconds in cpu.items()
                )
            )
            inside = server_side(access_log, cpu["gunicorn"] + cpu["postgres"])
            if results.exists():
                saved = json.loads(results.read_text())
                saved["data"] = data
                saved["cpu_seconds"] = cpu | {"wall": wall, "cores": cores}
                saved["server"] = {"workers": args.workers, "threads": args.threads}
                saved["inside_gunicorn"] = inside
                results.write_text(json.dumps(saved, indent=1))
                log(f"results in {results.relative_to(BASE_DIR)}")
        finally:
            stop_process_group(server, "gunicorn")
            delete_sessions(session_keys)
            if not args.keep_database:
                subprocess.run(
                    [PYTHON, "manage.py", "database", "stop"], env=env, cwd=BASE_DIR, check=False
                )
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
