from django.contrib.postgres.operations import CreateExtension, TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Extensions the search engine needs: trigram similarity, accent folding, vectors."""

    dependencies = []

    operations = [TrigramExtension(), UnaccentExtension(), CreateExtension("vector")]
