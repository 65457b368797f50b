"""An index on Wagtail's page addresses (url_path).

HomePage.route finds the deepest page on a request's path with one query on url_path;
without an index PostgreSQL reads the whole page table for it on every page served (10 ms
at 10,000 case studies, docs/performance.md). Wagtail's own migrations have no such index,
so it is made here, by name, and dropped when this migration is reversed.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0098_apitoken")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS cop_page_url_path ON wagtailcore_page (url_path)",
            reverse_sql="DROP INDEX IF EXISTS cop_page_url_path",
        )
    ]
