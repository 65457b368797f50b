import uuid

from django.db import migrations

INTRODUCTION = (
    "Councils and their public-sector partners share what they learned from their projects: "
    "what went well, what went wrong and what they would do differently. Find a precedent "
    "before you start, and talk to the people who did it."
)


def create_structure(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("communities", "HomePage")
    CommunityIndexPage = apps.get_model("communities", "CommunityIndexPage")
    CaseStudyIndexPage = apps.get_model("casestudies", "CaseStudyIndexPage")

    if HomePage.objects.exists():
        return
    root = Page.objects.get(depth=1)
    # Wagtail's own placeholder welcome page is replaced by the site's home page.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])

    def ct(model):
        return ContentType.objects.get_or_create(
            app_label=model._meta.app_label, model=model._meta.model_name
        )[0]

    step = root.numchild + 1
    home = HomePage.objects.create(
        title="Home",
        draft_title="Home",
        slug="home",
        content_type=ct(HomePage),
        path=f"{root.path}{step:04d}",
        depth=2,
        numchild=2,
        url_path="/home/",
        introduction=INTRODUCTION,
        live=True,
        locale_id=root.locale_id,
        translation_key=uuid.uuid4(),
    )
    root.numchild += 1
    root.save(update_fields=["numchild"])
    CommunityIndexPage.objects.create(
        title="Communities",
        draft_title="Communities",
        slug="communities",
        content_type=ct(CommunityIndexPage),
        path=f"{home.path}0001",
        depth=3,
        numchild=0,
        url_path="/home/communities/",
        introduction="Communities of practice bring together people working on the same kind "
        "of project. Join one to share case studies, ask questions and keep its guides current.",
        live=True,
        locale_id=root.locale_id,
        translation_key=uuid.uuid4(),
    )
    CaseStudyIndexPage.objects.create(
        title="Case studies",
        draft_title="Case studies",
        slug="case-studies",
        content_type=ct(CaseStudyIndexPage),
        path=f"{home.path}0002",
        depth=3,
        numchild=0,
        url_path="/home/case-studies/",
        introduction="Write-ups of real projects from councils and their partners, each with "
        "what went well, what went wrong and advice for the next team.",
        live=True,
        locale_id=root.locale_id,
        translation_key=uuid.uuid4(),
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "site_name": "Practice Exchange",
            "root_page_id": home.id,
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0001_initial"),
        ("communities", "0002_pages_and_membership"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_structure, migrations.RunPython.noop)]
