from django.db import migrations

PUBLIC_SECTOR_DOMAINS = [
    ("gov.uk", "UK central and local government"),
    ("gov.wales", "Welsh government and councils"),
    ("llyw.cymru", "Welsh government and councils (Welsh)"),
    ("gov.scot", "Scottish government and councils"),
    ("nhs.uk", "NHS organisations"),
    ("nhs.net", "NHS mail"),
    ("hscni.net", "Health and social care in Northern Ireland"),
    ("police.uk", "Police forces"),
    ("pnn.police.uk", "Police national network"),
    ("mod.uk", "Ministry of Defence"),
    ("parliament.uk", "Parliament"),
]


def seed(apps, schema_editor):
    AllowedEmailDomain = apps.get_model("communities", "AllowedEmailDomain")
    for domain, note in PUBLIC_SECTOR_DOMAINS:
        AllowedEmailDomain.objects.get_or_create(domain=domain, defaults={"note": note})


class Migration(migrations.Migration):
    dependencies = [("communities", "0004_members_membership_invitations")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
