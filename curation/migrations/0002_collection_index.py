import uuid

from django.db import migrations


def create_collection_index(apps, schema_editor):
    """/collections/, a child of the home page (made by communities 0003)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("communities", "HomePage")
    CollectionIndexPage = apps.get_model("curation", "CollectionIndexPage")

    home = HomePage.objects.first()
    if home is None or CollectionIndexPage.objects.exists():
        return
    children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
    last = children.order_by("-path").values_list("path", flat=True).first()
    step = int(last[-4:], 36) + 1 if last else 1
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    segment = ""
    for _ in range(4):
        step, remainder = divmod(step, 36)
        segment = digits[remainder] + segment
    content_type, _created = ContentType.objects.get_or_create(
        app_label="curation", model="collectionindexpage"
    )
    CollectionIndexPage.objects.create(
        title="Collections",
        draft_title="Collections",
        slug="collections",
        content_type=content_type,
        path=home.path + segment,
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}collections/",
        introduction="Reading lists on one theme, chosen by the site's editors from every "
        "community: the case studies and lessons to read first.",
        live=True,
        locale_id=home.locale_id,
        translation_key=uuid.uuid4(),
    )
    Page.objects.filter(pk=home.pk).update(numchild=children.count())


class Migration(migrations.Migration):
    dependencies = [
        ("curation", "0001_initial"),
        ("communities", "0003_site_structure"),
    ]

    operations = [migrations.RunPython(create_collection_index, migrations.RunPython.noop)]
