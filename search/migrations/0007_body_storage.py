"""Index rows keep their body text uncompressed (out of line): PostgreSQL's own compression
(pglz) cost 0.13 ms per case study when a row was written and 0.012 ms more each time a
snippet read it (docs/search.md, item 17). Rows already written keep their compressed text until
they are next written; `rebuild_search_index` after emptying the index rewrites them all."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0006_case_study_themes_index")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE search_searchdocument ALTER COLUMN body SET STORAGE EXTERNAL",
            "ALTER TABLE search_searchdocument ALTER COLUMN body SET STORAGE EXTENDED",
        ),
    ]
