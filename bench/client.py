"""Open-loop HTTP load generator (standard library only); `bench/load.py` runs it.

    .venv/bin/python bench/client.py --plan bench/out/plan.json --port 8765 --rate 170 --duration 30

Requests are scheduled on a clock at a fixed arrival rate (or Poisson arrivals), whatever the
server's response times, and each latency is measured from the request's *scheduled* time to
the last byte of the response, so a server that falls behind shows up as queueing delay rather
than as fewer requests (no coordinated omission). Every request opens a new connection to
127.0.0.1, as gunicorn's sync workers close each connection after one response. It only
ever talks to 127.0.0.1, sends a bounded number of requests and stops by itself.

The plan (JSON, written by load.py) holds the URL groups and the sessions of the signed-in
members: {"users": [{"name", "cookie", "groups": {group: [urls]}, "library_pages"}]}, the
first user being anonymous.
"""

import argparse
import asyncio
import json
import math
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

HOST = "127.0.0.1"
# Share of requests per group in the default mix.
MIX = {
    "home": 10,
    "communities": 5,
    "community": 10,
    "case-study": 50,
    "library": 10,
    "search": 15,
}
QUERIES = [
    "council tax",
    "chatbot",
    "open data",
    "digital inclusion",
    "social media",
    "agile",
    "procurement",
    "broadband",
    '"data sharing"',
    "redaction",
    "cloud migration",
    "missed bin",
    "foster carer",
    "volunteers",
    "sensors",
    "apprentices",
    "libraries",
    "consultation",
    "cloud -hosting",
    "housing repairs",
    "blue badge",
    "garden waste",
    "cyber",
    "digital champions",
    "device lending",
    "website",
    "recycling OR waste",
    "contact centre",
    "accessibility",
    "payments",
    "user research",
    "show and tell",
    "supplier",
    "training",
    "transparency",
    "care leavers",
    "parking permits",
    "data",
    "council",
    "xylophone quasar",  # no results
]


def pick_url(rng: random.Random, group: str, user: dict) -> str:
    if group == "search":
        query = rng.choice(QUERIES).replace(" ", "+").replace('"', "%22")
        page = "" if rng.random() < 0.85 else f"&page={rng.randint(2, 3)}"
        return f"/search/?q={query}{page}"
    if group == "library":
        # Most visitors read the first page or the next few; crawlers reach the deep ones.
        pages, draw = user["library_pages"], rng.random()
        page = 1 if draw < 0.6 else rng.randint(2, 10) if draw < 0.85 else rng.randint(2, pages)
        return f"/case-studies/?page={min(page, pages)}"
    return rng.choice(user["groups"][group])


def schedule(args, plan) -> list[tuple[float, str, int, str]]:
    """(offset in seconds, group, user index, path) for every request, warm-up included."""
    rng = random.Random(args.seed)
    groups = {g: w for g, w in MIX.items() if w > 0}
    for item in args.mix or []:
        name, _, weight = item.partition("=")
        groups[name] = float(weight)
    if args.only:
        groups = dict.fromkeys(args.only.split(","), 1)
    unknown = set(groups) - set(MIX)
    if unknown:
        sys.exit(f"Unknown groups: {', '.join(sorted(unknown))}; known: {', '.join(MIX)}")
    groups = {g: w for g, w in groups.items() if w > 0}
    names, weights = list(groups), list(groups.values())
    signed_in = list(range(1, len(plan["users"])))
    # The warm-up may run at a rate of its own (--warmup-rate), so that a run can fill the
    # page cache as a day's traffic would before the measured seconds at the full rate.
    warmup_rate = args.warmup_rate or args.rate
    phases = [(warmup_rate, 0.0, args.warmup), (args.rate, args.warmup, args.duration)]
    requests = []
    for rate, start, seconds in phases:
        offset = start
        for i in range(int(rate * seconds)):
            offset = (
                rng.expovariate(rate) + offset if args.arrivals == "poisson" else start + i / rate
            )
            group = rng.choices(names, weights)[0]
            user = rng.choice(signed_in) if signed_in and rng.random() < args.signed_in else 0
            requests.append((offset, group, user, pick_url(rng, group, plan["users"][user])))
    return requests


async def fetch(port: int, path: str, cookie: str | None) -> tuple[int, int]:
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        head = (
            f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nUser-Agent: cop-bench\r\n"
            "Accept: text/html\r\nAccept-Encoding: identity\r\nConnection: close\r\n"
        )
        if cookie:
            head += f"Cookie: sessionid={cookie}\r\n"
        writer.write((head + "\r\n").encode("latin-1"))
        await writer.drain()
        status_line = await reader.readline()
        size = len(status_line)
        while chunk := await reader.read(65536):
            size += len(chunk)
        parts = status_line.split()
        return (int(parts[1]) if len(parts) > 1 else 0), size
    finally:
        writer.close()


async def run(args, plan, requests):
    loop = asyncio.get_running_loop()
    results = []
    in_flight = 0
    tasks = set()

    async def one(scheduled: float, group: str, user: int, path: str):
        nonlocal in_flight
        in_flight += 1
        started = loop.time()
        status, size, error = 0, 0, ""
        try:
            status, size = await asyncio.wait_for(
                fetch(args.port, path, plan["users"][user]["cookie"]), args.timeout
            )
            if not 200 <= status < 400:
                error = f"HTTP {status}"
        except TimeoutError:
            error = "timeout"
        except OSError as exc:
            error = type(exc).__name__
        finally:
            in_flight -= 1
        done = loop.time()
        results.append(
            {
                "group": group,
                "signed_in": user > 0,
                "path": path,
                "scheduled": scheduled - t0,
                "lag": started - scheduled,
                "latency": done - scheduled,
                "done": done - t0,
                "status": status,
                "bytes": size,
                "error": error,
            }
        )

    t0 = loop.time() + 0.2
    for offset, group, user, path in requests:
        scheduled = t0 + offset
        delay = scheduled - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        if in_flight >= args.max_in_flight:
            results.append(
                {
                    "group": group,
                    "signed_in": user > 0,
                    "path": path,
                    "scheduled": offset,
                    "lag": 0.0,
                    "latency": 0.0,
                    "done": loop.time() - t0,
                    "status": 0,
                    "bytes": 0,
                    "error": "client in-flight limit",
                }
            )
            continue
        task = asyncio.create_task(one(scheduled, group, user, path))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    if tasks:
        await asyncio.wait(tasks)
    return results


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def summarise(rows: list[dict], window: float, start: float) -> dict:
    latencies = sorted(r["latency"] for r in rows)
    errors = [r for r in rows if r["error"]]
    finished = max((r["done"] for r in rows), default=start)
    span = max(window, finished - start)
    return {
        "requests": len(rows),
        "throughput": (len(rows) - len(errors)) / span if rows else 0.0,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p95_ms": percentile(latencies, 95) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "max_ms": (latencies[-1] * 1000) if latencies else math.nan,
        "errors": len(errors),
        "error_kinds": dict(sorted(_count(r["error"] for r in errors).items())),
        "mean_kb": (sum(r["bytes"] for r in rows) / len(rows) / 1024) if rows else 0.0,
    }


def _count(items):
    counts = defaultdict(int)
    for item in items:
        counts[item] += 1
    return counts


def report(args, results: list[dict]) -> dict:
    measured = [r for r in results if r["scheduled"] >= args.warmup]
    start, window = args.warmup, args.duration
    table = {}
    by_group = defaultdict(list)
    for r in measured:
        by_group[r["group"]].append(r)
    for group in [g for g in MIX if g in by_group]:
        table[group] = summarise(by_group[group], window, start)
    for label, signed_in in (("anonymous", False), ("signed in", True)):
        rows = [r for r in measured if r["signed_in"] is signed_in]
        if rows:
            table[label] = summarise(rows, window, start)
    table["all"] = summarise(measured, window, start)

    print(
        f"\nOpen loop: {args.rate:g} requests/s ({args.arrivals}) for {args.duration:g} s "
        f"after {args.warmup:g} s warm-up"
        + (f" at {args.warmup_rate:g}/s" if args.warmup_rate else "")
        + "; latency from scheduled time to last byte."
    )
    header = (
        f"{'group':<12} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'max ms':>8} {'errors':>7} {'KB':>6}"
    )
    print(header)
    print("-" * len(header))
    for name, s in table.items():
        if name in ("anonymous", "all"):
            print("-" * len(header))
        print(
            f"{name:<12} {s['requests']:>8} {s['throughput']:>7.1f} {s['p50_ms']:>8.1f} "
            f"{s['p95_ms']:>8.1f} {s['p99_ms']:>8.1f} {s['max_ms']:>8.0f} {s['errors']:>7} "
            f"{s['mean_kb']:>6.1f}"
        )
    for name, s in table.items():
        if s["error_kinds"]:
            print(f"  errors in {name}: {s['error_kinds']}")
    lags = sorted(r["lag"] for r in measured)
    print(
        f"Client send lag (scheduled to connect start): p99 {percentile(lags, 99) * 1000:.1f} ms,"
        f" max {lags[-1] * 1000 if lags else 0:.1f} ms (large values mean the client, not the"
        " server, fell behind)."
    )
    # How latency moved over the run: a queue that keeps growing means overload.
    step = 5.0
    line = []
    for k in range(int(math.ceil(args.duration / step))):
        rows = [
            r["latency"]
            for r in measured
            if start + k * step <= r["scheduled"] < start + (k + 1) * step
        ]
        line.append(f"{percentile(sorted(rows), 95) * 1000:.0f}")
    print(f"p95 ms per {step:g} s of the run: {' '.join(line)}")
    return table


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plan", type=Path, required=True)
    parser.add_argument("--port", type=int, required=True, help="server port on 127.0.0.1")
    parser.add_argument("--rate", type=float, default=170, help="arrivals per second")
    parser.add_argument("--duration", type=float, default=30, help="measured seconds")
    parser.add_argument("--warmup", type=float, default=5, help="seconds before measuring")
    parser.add_argument(
        "--warmup-rate", type=float, help="arrivals per second in the warm-up (default: --rate)"
    )
    parser.add_argument("--arrivals", choices=["uniform", "poisson"], default="uniform")
    parser.add_argument("--only", help="comma-separated groups, e.g. case-study")
    parser.add_argument("--mix", nargs="*", help="group=weight overrides, e.g. search=0")
    parser.add_argument("--signed-in", type=float, default=0.25, help="share of signed-in")
    parser.add_argument("--timeout", type=float, default=10, help="seconds per request")
    parser.add_argument("--max-in-flight", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write the summary and raw results here")
    args = parser.parse_args(argv)
    total = (args.warmup_rate or args.rate) * args.warmup + args.rate * args.duration
    if args.rate <= 0 or args.duration <= 0 or total > 200_000:
        sys.exit("Rate and duration must be positive and the run at most 200,000 requests.")

    plan = json.loads(args.plan.read_text())
    requests = schedule(args, plan)
    started = time.monotonic()
    results = asyncio.run(run(args, plan, requests))
    table = report(args, results)
    print(f"Client finished in {time.monotonic() - started:.1f} s.")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "args": vars(args) | {"plan": str(args.plan), "json": str(args.json)},
                    "summary": table,
                    "results": results,
                },
                indent=1,
                default=str,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
