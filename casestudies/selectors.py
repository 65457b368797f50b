from django.db import connection

from casestudies.models import CaseStudyPage
from communities.selectors import (
    SERVED_COMMUNITY,
    can_read_community,
    within_readable_communities_q,
)


def visible_case_studies(user):
    """Live case studies in communities `user` may read."""
    return (
        CaseStudyPage.objects.live()
        .filter(within_readable_communities_q(user))
        .select_related("lead_organisation")
    )


def can_read_case_study(user, page) -> bool:
    """Whether `visible_case_studies(user)` holds `page`: decided in memory for the page
    being served, whose community page serving has already found (communities/wagtail_hooks.py),
    with one query otherwise."""
    if SERVED_COMMUNITY in page.__dict__:
        community = page.__dict__[SERVED_COMMUNITY]
        return bool(page.live and community is not None and can_read_community(user, community))
    return visible_case_studies(user).filter(pk=page.pk).exists()


def related_audience(user) -> str:
    """Who may be shown the same related case studies as `user`: readers with the same
    access. The case study page keeps its "Related case studies" part per audience
    ({% pagepart %}), so only the first reader of an audience runs the search."""
    from search.services import reader_for

    return repr(reader_for(user))


def _row(model, row: dict):
    """A model instance from one of its rows as PostgreSQL's `row_to_json` gives it."""
    fields = model._meta.concrete_fields
    return model.from_db(
        connection.alias,
        [field.attname for field in fields],
        [field.to_python(row[field.column]) for field in fields],
    )


# The lists of a case study's body in one statement (`case_study_body`), each a JSON array of
# rows in the order the page's relations give. Images and attachments only when their file
# is kept in the community's collection or one inside it (`casestudies.media`; no
# collection, %(root)s NULL: none). Organisations: the lead and the partners, by name, each
# with whether it is a partner.
BODY_SQL = """
SELECT
  (SELECT json_agg(row_to_json(x) ORDER BY x.sort_order, x.id)
     FROM casestudies_measure x WHERE x.page_id = %(page)s),
  (SELECT json_agg(row_to_json(x) ORDER BY x.sort_order, x.id)
     FROM casestudies_lesson x WHERE x.page_id = %(page)s),
  (SELECT json_agg(json_build_array(row_to_json(x), row_to_json(f)) ORDER BY x.sort_order, x.id)
     FROM casestudies_casestudyimage x
     JOIN wagtailimages_image f ON f.id = x.image_id
     JOIN wagtailcore_collection c ON c.id = f.collection_id
    WHERE x.page_id = %(page)s AND starts_with(c.path, %(root)s)),
  (SELECT json_agg(json_build_array(row_to_json(x), row_to_json(f)) ORDER BY x.sort_order, x.id)
     FROM casestudies_casestudyattachment x
     JOIN wagtaildocs_document f ON f.id = x.document_id
     JOIN wagtailcore_collection c ON c.id = f.collection_id
    WHERE x.page_id = %(page)s AND starts_with(c.path, %(root)s)),
  (SELECT json_agg(json_build_array(row_to_json(o), o.id IN (
            SELECT organisation_id FROM casestudies_casestudypage_partner_organisations
             WHERE casestudypage_id = %(page)s)) ORDER BY o.name)
     FROM communities_organisation o
    WHERE o.id = %(lead)s OR o.id IN (
            SELECT organisation_id FROM casestudies_casestudypage_partner_organisations
             WHERE casestudypage_id = %(page)s)),
  (SELECT json_agg(row_to_json(t) ORDER BY t.name)
     FROM casestudies_theme t JOIN casestudies_casestudypage_themes m ON m.theme_id = t.id
    WHERE m.casestudypage_id = %(page)s),
  (SELECT json_agg(row_to_json(t) ORDER BY t.name)
     FROM casestudies_servicearea t
     JOIN casestudies_casestudypage_service_areas m ON m.servicearea_id = t.id
    WHERE m.casestudypage_id = %(page)s)
"""


def case_study_body(page, community) -> dict:
    """The lists of a published case study's body, read in one statement whatever their
    length: "measures", "lessons", "images" and "attachments" (those whose file is kept in
    the community's collection or one inside it, as `casestudies.media.case_study_media`
    decides; none outside a community), "organisations" ({"lead", "partners"} by name),
    "themes" and "service_areas". Each in the order the page's own relations give.
    Not for previews, whose lists live on the draft."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from casestudies.models import (
        CaseStudyAttachment,
        CaseStudyImage,
        Lesson,
        Measure,
        ServiceArea,
        Theme,
    )
    from communities.models import Organisation

    root = community.collection if community is not None else None
    with connection.cursor() as cursor:
        cursor.execute(
            BODY_SQL,
            {
                "page": page.pk,
                "lead": page.lead_organisation_id,
                # No collection: starts_with(path, NULL) holds for no file.
                "root": root.path if root is not None else None,
            },
        )
        measures, lessons, images, attachments, organisations, themes, areas = (
            value or [] for value in cursor.fetchone()
        )

    def with_file(model, file_model, name, rows):
        items = []
        for item_row, file_row in rows:
            item = _row(model, item_row)
            setattr(item, name, _row(file_model, file_row))
            items.append(item)
        return items

    found = [(_row(Organisation, row), partner) for row, partner in organisations]
    return {
        "measures": [_row(Measure, row) for row in measures],
        "lessons": [_row(Lesson, row) for row in lessons],
        "images": with_file(CaseStudyImage, get_image_model(), "image", images),
        "attachments": with_file(
            CaseStudyAttachment, get_document_model(), "document", attachments
        ),
        "organisations": {
            "lead": next((o for o, _ in found if o.pk == page.lead_organisation_id), None),
            "partners": [o for o, partner in found if partner],
        },
        "themes": [_row(Theme, row) for row in themes],
        "service_areas": [_row(ServiceArea, row) for row in areas],
    }
