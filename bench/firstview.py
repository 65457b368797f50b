"""What a case study page's first view costs: queries and Python CPU, anonymous and signed in.

    .venv/bin/python bench/firstview.py --pages 40 --rounds 5
    .venv/bin/python bench/firstview.py --pages 40 --profile 40 --profile-as signed-in

Renders case study pages in-process with the production settings (bench/settings.py) against
the bench database, each page once, in a page cache of its own (a temporary folder): the page
is not cached and none of its parts are kept, while what every page shares (the site, routing,
view restrictions, communities) is kept after a warm-up, as in a running server. Anonymous
readers are given a messages cookie so the page cache does not answer them; signed-in readers
are a member of a hidden community (the first, by email) with a session made in the database.
Anonymous and signed-in readers are given different pages (a part the first kept would serve
the second). Prints per round the median Python CPU and wall time and the queries per page,
then the median of the rounds; --profile N adds the N costliest functions (cProfile) over
one more round. Everything runs in one transaction that is rolled back at the end, so the
bench database is left as it was (sessions, the database cache).
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


class Rollback(Exception):
    pass


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=40, help="pages per reader and round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", type=int, default=0, help="show the N costliest functions")
    parser.add_argument("--profile-as", choices=["anonymous", "signed-in"], default="anonymous")
    parser.add_argument("--sort", default="cumulative", help="cProfile sort order")
    parser.add_argument("--match", default="", help="only functions whose place matches")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", action="store_true", help="print one page's queries")
    parser.add_argument("--width", type=int, default=160, help="characters of each query shown")
    args = parser.parse_args(argv)

    from load import bench_env

    db_dir = os.environ.get("EMBEDDED_DB_DIR", str(BASE_DIR / "bench" / "out" / "pgdata"))
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(bench_env(db_dir, page_cache_dir=tempfile.mkdtemp(prefix="firstview-cache-")))
    os.environ["PAGE_CACHE_BACKEND"] = "file"
    import django

    django.setup()
    from django.db import connection, transaction

    try:
        with transaction.atomic():
            run(args, connection)
            raise Rollback
    except Rollback:
        pass
    return 0


def run(args, connection):
    import random

    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    from casestudies.selectors import visible_case_studies
    from communities.models import Membership, MembershipState
    from cop import pagecache

    assert pagecache.enabled(), "the bench settings switch the page cache on"
    member = (
        Membership.objects.filter(
            state=MembershipState.ACTIVE,
            community__visibility="hidden",
            user__is_staff=False,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__email")
        .first()
        .user
    )
    root = Site.objects.get(is_default_site=True).root_page.url_path
    paths = sorted(visible_case_studies(member).values_list("url_path", flat=True))
    open_paths = set(visible_case_studies(AnonymousUser()).values_list("url_path", flat=True))
    random.Random(args.seed).shuffle(paths)
    anonymous_paths = [p for p in paths if p in open_paths]
    signed_in_paths = paths

    def url(url_path):
        return "/" + url_path[len(root) :]

    anonymous = Client(HTTP_HOST="127.0.0.1")
    anonymous.cookies["messages"] = ""
    signed_in = Client(HTTP_HOST="127.0.0.1")
    signed_in.force_login(member)
    readers = {"anonymous": (anonymous, anonymous_paths), "signed-in": (signed_in, signed_in_paths)}
    used = set()

    def take(paths_):
        chosen = []
        for p in paths_:
            if p not in used:
                used.add(p)
                chosen.append(url(p))
                if len(chosen) == args.pages:
                    break
        return chosen

    # Warm up what every page shares (site, routing, communities, templates).
    for client, paths_ in readers.values():
        for page_url in take(paths_)[:5]:
            assert client.get(page_url).status_code == 200

    print(
        f"{len(paths)} case studies; {args.pages} new pages per reader and round; "
        f"PAGE_PART_SECONDS={settings.PAGE_PART_SECONDS}"
    )
    results = {name: [] for name in readers}
    for round_ in range(args.rounds):
        for name, (client, paths_) in readers.items():
            cpu, wall, queries = [], [], []
            for page_url in take(paths_):
                with CaptureQueriesContext(connection) as captured:
                    w, c = time.perf_counter(), time.process_time()
                    response = client.get(page_url)
                    c, w = time.process_time() - c, time.perf_counter() - w
                assert response.status_code == 200, (page_url, response.status_code)
                assert "X-Page-Cache" not in response, "served from the page cache"
                cpu.append(c * 1000)
                wall.append(w * 1000)
                queries.append(len(captured.captured_queries))
            if args.queries and round_ == 0:
                for query in captured.captured_queries:
                    print(f"  {query['time']:>6} s  {query['sql'][: args.width]}")
            row = (statistics.median(cpu), statistics.median(wall), statistics.median(queries))
            results[name].append(row)
            print(
                f"round {round_ + 1} {name:10}: CPU {row[0]:5.1f} ms, wall {row[1]:5.1f} ms, "
                f"queries {row[2]:g} (min {min(queries)}, max {max(queries)})"
            )
    for name, rows in results.items():
        print(
            f"median of rounds, {name:10}: CPU {statistics.median(r[0] for r in rows):5.1f} ms,"
            f" wall {statistics.median(r[1] for r in rows):5.1f} ms,"
            f" queries {statistics.median(r[2] for r in rows):g}"
        )

    if args.profile:
        client, paths_ = readers[args.profile_as]
        profile = cProfile.Profile()
        for page_url in take(paths_):
            profile.enable()
            client.get(page_url)
            profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(
            *([args.match] if args.match else []), args.profile
        )
        print(out.getvalue())


if __name__ == "__main__":
    sys.exit(main())
