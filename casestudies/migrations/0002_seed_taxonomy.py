"""Seed the taxonomy with values that fit UK councils and their public-sector partners.

Values are looked up by slug, so running this against a database where an administrator has
already added or renamed some of them changes nothing that exists. Reversing is a no-op: the
values may be in use by then, and deleting them would strip case studies of their topics.
"""

from django.db import migrations

THEMES = [
    (
        "channel-shift",
        "Channel shift",
        "Moving routine contact from phone and face-to-face to online self-service, without leaving anyone behind.",
    ),
    (
        "customer-contact",
        "Customer contact",
        "Contact centres, receptions, phone lines, complaints and how people reach the organisation.",
    ),
    (
        "digital-engagement",
        "Digital engagement",
        "Consultation, participation and conversations with residents online.",
    ),
    (
        "social-media",
        "Social media",
        "Using social networks and messaging apps to inform, listen and respond.",
    ),
    (
        "mobile",
        "Mobile",
        "Services, apps and content designed for phones, and mobile working for staff.",
    ),
    (
        "content-strategy",
        "Content strategy",
        "Planning, writing, maintaining and retiring web content; plain English and accessibility.",
    ),
    (
        "digital-inclusion-and-broadband",
        "Digital inclusion and broadband",
        "Skills, devices, data and connectivity so everyone can use digital services.",
    ),
    (
        "open-data",
        "Open data",
        "Publishing data openly, in reusable formats and under an open licence.",
    ),
    (
        "agile-project-management",
        "Agile project management",
        "Iterative delivery: discovery, alpha, beta, live; sprints, show and tells, agile governance.",
    ),
    (
        "user-centred-design",
        "User-centred design",
        "Research with the people who use a service, and designing around their needs.",
    ),
    (
        "cloud",
        "Cloud",
        "Hosting, software as a service and moving away from on-premises infrastructure.",
    ),
    (
        "staff-skills-and-digital-mentors",
        "Staff skills and digital mentors",
        "Building digital skills and confidence in the workforce, including mentoring schemes.",
    ),
    (
        "data-sharing",
        "Data sharing",
        "Sharing personal and operational data lawfully between organisations to improve services.",
    ),
    (
        "smart-places",
        "Smart places",
        "Sensors, connected infrastructure and data about places, transport and the environment.",
    ),
    (
        "cyber-security",
        "Cyber security",
        "Protecting systems and data, and recovering from incidents.",
    ),
    (
        "automation-and-ai",
        "Automation and AI",
        "Chatbots, robotic process automation, machine learning and generative AI tools.",
    ),
]

SERVICE_AREAS = [
    ("adult-social-care", "Adult social care", ""),
    (
        "childrens-services",
        "Children's services",
        "Including education, early help and children's social care.",
    ),
    (
        "waste-and-recycling",
        "Waste and recycling",
        "Collection, disposal and household waste recycling centres.",
    ),
    ("housing", "Housing", "Council housing, homelessness, tenancy and repairs."),
    ("planning", "Planning", "Planning applications, local plans and building control."),
    (
        "highways-and-transport",
        "Highways and transport",
        "Roads, winter maintenance, public transport and road safety.",
    ),
    (
        "revenues-and-benefits",
        "Revenues and benefits",
        "Business rates, housing benefit and council tax support.",
    ),
    ("council-tax", "Council tax", ""),
    ("libraries", "Libraries", ""),
    ("public-health", "Public health", ""),
    (
        "community-safety",
        "Community safety",
        "Including policing, fire prevention and antisocial behaviour.",
    ),
    (
        "environmental-health",
        "Environmental health",
        "Food safety, pollution, noise and licensing.",
    ),
    ("parking", "Parking", ""),
    ("customer-services", "Customer services", ""),
    ("corporate-ict", "Corporate ICT", "The organisation's own technology, hosting and security."),
]

OBJECTIVES = [
    ("engagement", "Engagement", "Reaching and involving more of the people a service is for."),
    (
        "open-innovation",
        "Open innovation",
        "Working openly with outside people and organisations to find new answers.",
    ),
    ("participation", "Participation", "Giving people a real say in decisions."),
    ("collaboration", "Collaboration", "Working across teams and organisations."),
    ("crowdsourcing", "Crowdsourcing", "Drawing on the knowledge and effort of many people."),
    (
        "knowledge-sharing",
        "Knowledge sharing",
        "Making what one team has learned available to others.",
    ),
    (
        "efficiency-savings",
        "Efficiency savings",
        "Doing the same or better for less money or time.",
    ),
    ("better-outcomes", "Better outcomes", "Measurable improvements in people's lives."),
]


def seed(apps, schema_editor):
    for model_name, values in (
        ("Theme", THEMES),
        ("ServiceArea", SERVICE_AREAS),
        ("Objective", OBJECTIVES),
    ):
        model = apps.get_model("casestudies", model_name)
        existing_names = set(model.objects.values_list("name", flat=True))
        for slug, name, description in values:
            if model.objects.filter(slug=slug).exists() or name in existing_names:
                continue
            model.objects.create(slug=slug, name=name, description=description)


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
