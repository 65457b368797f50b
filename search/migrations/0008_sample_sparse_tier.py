"""A third, sparser tier of the search sample: the rows whose key hashes to 0 modulo 512 (a
subset of bucket 0), with a GIN index of its own. Words that match a large share of a big
index are counted and ranked there (docs/search.md, "Very common queries")."""

import django.contrib.postgres.indexes
from django.db import migrations, models

MARK = """
UPDATE search_searchsample s SET sparse = true FROM search_searchdocument d
WHERE d.id = s.id AND s.bucket = 0 AND (hashtext(d.key) & 511) = 0
"""


class Migration(migrations.Migration):
    dependencies = [("search", "0007_body_storage")]

    operations = [
        migrations.AddField(
            model_name="searchsample",
            name="sparse",
            field=models.BooleanField(db_default=False),
        ),
        migrations.RunSQL(MARK, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="searchsample",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("sparse", True)),
                fields=["search_vector"],
                name="search_sample_vector_512",
            ),
        ),
        # The update put its rows' entries into the other indexes' pending lists, which every
        # search would read until they are merged (docs/search.md, item 17).
        migrations.RunSQL(
            "SELECT gin_clean_pending_list('search_sample_vector'::regclass), "
            "gin_clean_pending_list('search_sample_vector_64'::regclass)",
            migrations.RunSQL.noop,
        ),
        migrations.RunSQL("ANALYZE search_searchsample", migrations.RunSQL.noop),
    ]
