"""Grow a generated corpus to N live case studies by copying its generated pages in SQL.

    .venv/bin/python bench/clone.py --up-to 1000000        # the database in EMBEDDED_DB_DIR
    .venv/bin/python bench/search.py --case-studies 100000 --clone-up-to 1000000

`generate.py` builds each case study in Python (about 150 a second with search.py's names);
this copies the ones it bulk-inserted with `INSERT ... SELECT`, one statement per table per
batch, each batch one transaction, so that an interrupted run leaves a consistent tree and the
next run carries on where it stopped.

What is copied: the case studies `generate.py` bulk-inserted (live, no revision, not a copy
themselves), in id order, round after round, until the database holds N live case studies.
The demo's pages and the first pages generated the usual way (they have revisions, log
entries, images) are not; the generated ones are spread over the communities by visibility, so
copying all of them equally keeps that mix (the last, partial round takes the first in id
order, whose communities were shuffled). Each copy is a whole page under the same community:

- `wagtailcore_page`: a new id from the sequence; the next treebeard path under the community
  (after its current last child), depth, numchild 0 and the community's numchild raised; the
  slug with `-c<round>` appended (round 2 is the first copy; generated slugs end in digits,
  so no copy's slug can be an original's) and the url_path to match; a new translation key; no
  revision; every other column (title, draft title, live, publication times, owner, locale,
  content type, ...) as the original's. The title stays the same, like all the text: every
  word then keeps its share of case studies, which search.py's frequency bands rely on.
- `casestudies_casestudypage` and everything the page owns as a cluster: its child relations
  (lessons, measures, tags, images, attachments; lessons keep their order) and the through rows
  of its many-to-many fields (themes, service areas, objectives, partner organisations,
  contacts), found from the models, so a relation added later is copied too.
- Wagtail's own search index (`wagtailsearch_indexentry`): the originals' entries, if they have
  any, under the copy's id, so that search.py's Wagtail comparison need not run `update_index`
  over every page.

Not copied: our search index (search.py's rebuild step builds it from the pages, which is what
it measures; until then the copies are missing from it), and the other tables that refer to
pages (views, helped records, reminders, log entries, featured items...): the originals have
no rows there unless the database has been used since; the numbers found are printed.
Afterwards the tables copied into are vacuumed and analysed, as generate.py does after its
inserts.

Speed: about 2,000-2,900 pages a second on two shared cores at 20,000 case studies (so 900,000
copies in 5 to 8 minutes, plus the vacuum), a third of it in the commit, where PostgreSQL checks
the copied rows' foreign keys (they are deferred). Each batch finds its originals' rows through
the indexes on the page id, whatever the tables' size. Disk: about 14 KB a copy (12-13 GB for
900,000), before our search index, which takes about 33 KB a case study once rebuilt.
"""

import argparse
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# Copies' slugs end in -c<round>; generated ones end in -<number>.
COPY_SLUG = "-c[0-9]+$"


def owned_tables():
    """(model, column that points at the page) for every table a case study owns: what
    Wagtail's own page copy copies (child relations and many-to-many rows, less the page
    type's `exclude_fields_in_copy`, such as the editors' comments)."""
    from modelcluster.models import get_all_child_relations

    from casestudies.models import CaseStudyPage

    exclude = set(
        CaseStudyPage.default_exclude_fields_in_copy + CaseStudyPage.exclude_fields_in_copy
    )
    models = [
        rel.related_model
        for rel in get_all_child_relations(CaseStudyPage)
        if rel.get_accessor_name() not in exclude
    ]
    for field in CaseStudyPage._meta.many_to_many:
        through = field.remote_field.through
        if field.name not in exclude and through not in models:
            models.append(through)
    owned = []
    for model in models:
        links = [
            f
            for f in model._meta.concrete_fields
            if f.is_relation and issubclass(CaseStudyPage, f.related_model)
        ]
        if len(links) != 1:
            raise SystemExit(f"{model._meta.db_table}: no single link to the case study page")
        owned.append((model, links[0].column))
    return owned


def other_tables(owned_models):
    """(table, column) of every other foreign key to a case study page or its page row."""
    from wagtail.models import Page

    from casestudies.models import CaseStudyPage

    found = set()
    for model in (Page, CaseStudyPage):
        for rel in model._meta.get_fields(include_hidden=True):
            if not rel.auto_created or rel.concrete or rel.many_to_many:
                continue  # not a reverse relation, or the m2m ones (copied, or none)
            if rel.related_model in owned_models:
                continue
            if getattr(rel.field.remote_field, "parent_link", False):
                continue  # the page's own multi-table child rows
            found.add((rel.related_model._meta.db_table, rel.field.column))
    return sorted(found)


def columns(model, overrides: dict, alias: str) -> tuple[str, str]:
    """The column list of an INSERT into `model`'s table and the SELECT expressions that copy
    a row of it (aliased `alias`), with `overrides` for some columns; no primary key unless
    overridden."""
    names, exprs = [], []
    for field in model._meta.concrete_fields:
        column = field.column
        if field.primary_key and column not in overrides:
            continue
        names.append(f'"{column}"')
        exprs.append(overrides.get(column, f'{alias}."{column}"'))
    return ", ".join(names), ", ".join(exprs)


def clone_statements():
    """The INSERT ... SELECT statements of one batch, reading the batch's `clone_map`."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    from casestudies.models import CaseStudyPage

    statements = []
    names, exprs = columns(
        Page,
        {
            "id": "m.id",
            "path": "m.path",
            "numchild": "0",
            "slug": "p.slug || m.suffix",
            "url_path": "left(p.url_path, -1) || m.suffix || '/'",
            "translation_key": "gen_random_uuid()",
            "latest_revision_id": "NULL",
            "live_revision_id": "NULL",
            "alias_of_id": "NULL",
        },
        "p",
    )
    statements.append(
        (
            "pages",
            f"INSERT INTO wagtailcore_page ({names}) SELECT {exprs} FROM clone_map m "
            "JOIN wagtailcore_page p ON p.id = m.src ORDER BY m.id",
        )
    )
    table = CaseStudyPage._meta.db_table
    local = list(CaseStudyPage._meta.local_concrete_fields)
    names = ", ".join(f'"{f.column}"' for f in local)
    exprs = ", ".join("m.id" if f.column == "page_ptr_id" else f'c."{f.column}"' for f in local)
    statements.append(
        (
            "case studies",
            f"INSERT INTO {table} ({names}) SELECT {exprs} FROM clone_map m "
            f"JOIN {table} c ON c.page_ptr_id = m.src ORDER BY m.id",
        )
    )
    for model, link in owned_tables():
        table = model._meta.db_table
        names, exprs = columns(model, {link: "m.id"}, "x")
        statements.append(
            (
                table,
                f"INSERT INTO {table} ({names}) SELECT {exprs} FROM clone_map m "
                f'JOIN {table} x ON x."{link}" = m.src ORDER BY m.id, x."{model._meta.pk.column}"',
            )
        )
    # Wagtail's index keeps a page under its specific model (and would under a parent model
    # that is indexed too): look it up by (content type, id), the unique index's order.
    content_types = [
        ContentType.objects.get_for_model(model).pk
        for model in CaseStudyPage._meta.get_parent_list() + [CaseStudyPage]
    ]
    names, exprs = columns(IndexEntry, {"object_id": "m.id::text"}, "e")
    statements.append(
        (
            "wagtail index",
            f"INSERT INTO {IndexEntry._meta.db_table} ({names}) SELECT {exprs} FROM clone_map m "
            f"JOIN {IndexEntry._meta.db_table} e ON e.content_type_id = ANY(ARRAY"
            f"{content_types}) AND e.object_id = m.src::text ORDER BY m.id",
        )
    )
    statements.append(
        (
            "numchild",
            "UPDATE wagtailcore_page p SET numchild = p.numchild + n.added FROM "
            "(SELECT parent, count(*) AS added FROM clone_map GROUP BY parent) n "
            "WHERE p.id = n.parent",
        )
    )
    return statements


# The generated case studies to copy, with their parent (a community page): steplen 4.
SOURCES = f"""
    SELECT p.id, parent.id FROM wagtailcore_page p
    JOIN casestudies_casestudypage c ON c.page_ptr_id = p.id
    JOIN wagtailcore_page parent ON parent.path = left(p.path, -4)
    WHERE p.live AND p.latest_revision_id IS NULL AND p.alias_of_id IS NULL
      AND p.slug !~ '{COPY_SLUG}'
    ORDER BY p.id
"""


def clone_up_to(total: int, *, batch: int = 5000, vacuum: bool = True) -> int:
    """Copy generated case studies until `total` are live; returns how many were added."""
    from django.db import connection, transaction
    from wagtail.models import Page

    from casestudies.models import CaseStudyPage

    started = time.perf_counter()
    live = CaseStudyPage.objects.live().count()
    if live >= total:
        print(f"clone: already {live:,} live case studies (asked for {total:,}); nothing to copy")
        return 0
    steplen, alphabet = Page.steplen, Page.alphabet
    assert steplen == 4, "SOURCES assumes treebeard's steplen of 4"
    with connection.cursor() as cursor:
        cursor.execute(SOURCES)
        sources = cursor.fetchall()
        cursor.execute(
            "SELECT count(*) FROM wagtailcore_page p "
            "JOIN casestudies_casestudypage c ON c.page_ptr_id = p.id "
            "WHERE p.latest_revision_id IS NULL AND p.slug ~ %s",
            [COPY_SLUG],
        )
        done_before = cursor.fetchone()[0]
        owned = owned_tables()
        others = {}
        source_ids = "SELECT id FROM (" + SOURCES + ") s(id, parent)"
        for table, column in other_tables({m for m, _c in owned}):
            cursor.execute(f'SELECT count(*) FROM {table} WHERE "{column}" IN ({source_ids})')
            others[f"{table}.{column}"] = cursor.fetchone()[0]
    if not sources:
        raise SystemExit("clone: no generated case studies to copy (run generate.py first)")
    wanted = total - live
    print(
        f"clone: {live:,} live case studies, {len(sources):,} generated ones to copy from "
        f"({done_before:,} copies made before); {wanted:,} copies to make in batches of {batch:,}"
    )
    print(
        "  copied with each page: "
        + ", ".join(m._meta.db_table for m, _c in owned)
        + ", wagtailsearch_indexentry"
    )
    print(
        "  not copied (other tables that refer to pages: their rows for the originals): "
        + ", ".join(f"{t} {n}" for t, n in others.items())
    )

    parents = {p.id: p for p in Page.objects.filter(id__in={s[1] for s in sources})}
    statements = clone_statements()
    seconds = dict.fromkeys(["map"] + [name for name, _sql in statements] + ["commit"], 0.0)
    made = 0
    step_started = time.perf_counter()
    while made < wanted:
        n = min(batch, wanted - made)
        t = time.perf_counter()
        first = done_before + made
        src, parent_ids, paths, suffixes = [], [], [], []
        next_step = {}
        for k in range(first, first + n):
            source, parent_id = sources[k % len(sources)]
            parent = parents[parent_id]
            if parent_id not in next_step:
                last = (
                    Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                    .order_by("-path")
                    .values_list("path", flat=True)
                    .first()
                )
                next_step[parent_id] = Page._str2int(last[-steplen:]) + 1 if last else 1
            step = next_step[parent_id]
            next_step[parent_id] += 1
            if step >= len(alphabet) ** steplen:
                raise SystemExit(f"clone: page {parent.url_path} is full ({step - 1} children)")
            src.append(source)
            parent_ids.append(parent_id)
            paths.append(Page._get_path(parent.path, parent.depth + 1, step))
            suffixes.append(f"-c{2 + k // len(sources)}")
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE clone_map (id integer PRIMARY KEY, src integer NOT NULL, "
                'parent integer NOT NULL, path varchar(255) COLLATE "C" NOT NULL, '
                "suffix text NOT NULL) ON COMMIT DROP"
            )
            cursor.execute(
                "INSERT INTO clone_map SELECT "
                "nextval(pg_get_serial_sequence('wagtailcore_page', 'id')), "
                "u.src, u.parent, u.path, u.suffix FROM unnest(%s::integer[], %s::integer[], "
                "%s::text[], %s::text[]) WITH ORDINALITY AS u(src, parent, path, suffix, i) "
                "ORDER BY u.i",
                [src, parent_ids, paths, suffixes],
            )
            cursor.execute("ANALYZE clone_map")
            # Each copy's rows found through the indexes on the page id: while a batch is a
            # large share of a small table PostgreSQL would rather hash the whole table, a
            # cost that grows with every batch (the case study table reaches tens of GB).
            cursor.execute("SET LOCAL enable_hashjoin = off")
            cursor.execute("SET LOCAL enable_mergejoin = off")
            # Copies are numbered over the generated pages there are: if more were generated
            # after the first copies, a round's slug could already be taken.
            cursor.execute(
                "SELECT o.url_path FROM clone_map m JOIN wagtailcore_page p ON p.id = m.src "
                "JOIN wagtailcore_page o ON o.url_path = left(p.url_path, -1) || m.suffix || '/' "
                "LIMIT 1"
            )
            taken = cursor.fetchone()
            if taken:
                raise SystemExit(
                    f"clone: {taken[0]} exists already: the generated pages have changed since "
                    "the first copies were made; start again from a database without copies"
                )
            seconds["map"] += time.perf_counter() - t
            for name, sql in statements:
                t = time.perf_counter()
                cursor.execute(sql)
                seconds[name] += time.perf_counter() - t
            t = time.perf_counter()
        seconds["commit"] += time.perf_counter() - t
        made += n
        elapsed = time.perf_counter() - step_started
        rate = made / elapsed
        print(
            f"  clone: {made:,}/{wanted:,} pages, {elapsed:.0f} s ({rate:,.0f} pages/s, "
            f"{(wanted - made) / rate / 60:.1f} min to go)",
            flush=True,
        )
    elapsed = time.perf_counter() - step_started
    print(
        f"clone: {made:,} pages copied in {elapsed:.1f} s ({made / elapsed:,.0f} pages/s); "
        "by step: " + ", ".join(f"{name} {s:.1f} s" for name, s in seconds.items() if s >= 0.05)
    )
    if vacuum:
        t = time.perf_counter()
        tables = ["wagtailcore_page", CaseStudyPage._meta.db_table, "wagtailsearch_indexentry"]
        tables += [m._meta.db_table for m, _c in owned]
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {', '.join(tables)}")
        print(f"clone: VACUUM ANALYZE of the tables copied into: {time.perf_counter() - t:.1f} s")
    print(
        f"clone: {CaseStudyPage.objects.live().count():,} live case studies now; "
        f"{time.perf_counter() - started:.1f} s in all"
    )
    return made


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--up-to", type=int, required=True, help="live case studies wanted")
    parser.add_argument("--batch", type=int, default=5000, help="pages per transaction")
    args = parser.parse_args(argv)
    # Run as a script: keep this folder (bench/search.py) from hiding the project's `search`.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BASE_DIR / "bench"]
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop.settings.dev")
    os.environ.setdefault("EMBEDDED_DB_DIR", str(BASE_DIR / "bench" / "out" / "pgdata"))

    import django

    django.setup()
    print(f"Database folder: {os.environ['EMBEDDED_DB_DIR']}")
    clone_up_to(args.up_to, batch=args.batch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
