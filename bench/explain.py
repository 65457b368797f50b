"""Where one page's time goes: queries, database time, Python time and the slowest plans.

    .venv/bin/python bench/explain.py /case-studies/?page=200 --explain 2
    .venv/bin/python bench/explain.py /search/?q=council+tax --as aisha.begum@ironvale.gov.uk
    .venv/bin/python bench/explain.py /communities/channel-shift/ --profile 25
    .venv/bin/python bench/explain.py /communities/channel-shift/ --uncached --width 400

Renders the page in-process with the production settings (bench/settings.py) against the bench
database, after one warm-up request: prints the number of queries, the mean wall, Python CPU
and cursor time per request over --repeat requests, each query's time, and EXPLAIN (ANALYZE,
BUFFERS) for the --explain slowest; --profile N adds the N costliest functions (cProfile).
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="a path on the site, e.g. /case-studies/?page=2")
    parser.add_argument("--as", dest="email", help="render as this member (signed in)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--explain", type=int, default=1, help="EXPLAIN the N slowest queries")
    parser.add_argument("--profile", type=int, default=0, help="show the N costliest functions")
    parser.add_argument(
        "--uncached",
        action="store_true",
        help="an anonymous reader the page cache does not answer (a messages cookie)",
    )
    parser.add_argument("--width", type=int, default=140, help="characters of each query shown")
    args = parser.parse_args(argv)

    from load import bench_env

    db_dir = os.environ.get("EMBEDDED_DB_DIR", str(BASE_DIR / "bench" / "out" / "pgdata"))
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(bench_env(db_dir))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from communities.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    if args.email:
        client.force_login(User.objects.get(email__iexact=args.email))
    if args.uncached:
        client.cookies["messages"] = ""
    response = client.get(args.path)
    print(f"GET {args.path} -> {response.status_code}, {len(response.content)} bytes")

    spent = {"db": 0.0}

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent["db"] += time.perf_counter() - started

    with connection.execute_wrapper(timed):
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(args.repeat):
            client.get(args.path)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    n = args.repeat
    print(
        f"per request over {n}: wall {wall / n * 1000:.1f} ms, Python CPU {cpu / n * 1000:.1f} ms,"
        f" waiting on the database {spent['db'] / n * 1000:.1f} ms"
    )

    with CaptureQueriesContext(connection) as captured:
        client.get(args.path)
    queries = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            started = time.perf_counter()
            cursor.execute(query["sql"])
            if cursor.description is not None:  # writes (a page view counted) return nothing
                cursor.fetchall()
            queries.append((time.perf_counter() - started, query["sql"]))
    print(f"{len(queries)} queries, {sum(t for t, _ in queries) * 1000:.1f} ms when replayed:")
    for elapsed, sql in queries:
        print(f"  {elapsed * 1000:7.2f} ms  {sql[: args.width]}")
    with connection.cursor() as cursor:
        for elapsed, sql in sorted(queries, reverse=True)[: args.explain]:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            print(f"\nEXPLAIN ANALYZE ({elapsed * 1000:.1f} ms): {sql}\n")
            print("\n".join(row[0] for row in cursor.fetchall()))

    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(n):
            client.get(args.path)
        profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.profile)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
