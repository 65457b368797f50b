"""The case study page's body lists (read in one statement: casestudies.selectors.
case_study_body) show what the page's own relations hold, in their order; a preview shows
the draft's."""

import pytest

from casestudies.models import CaseStudyPage, Lesson, Measure, ServiceArea
from casestudies.selectors import case_study_body
from tests import factories

pytestmark = pytest.mark.django_db


def in_order(html, *texts):
    positions = [html.index(text) for text in texts]
    return positions == sorted(positions)


@pytest.fixture
def study(open_community):
    zeta = factories.OrganisationFactory(name="Zeta Fire and Rescue")
    alpha = factories.OrganisationFactory(name="Alpha Police")
    lead = factories.OrganisationFactory(name="Middleton Council")
    study = factories.make_case_study(
        open_community,
        lead_organisation=lead,
        lessons=[
            ("advice", "data", "Second advice."),
            ("went_well", "people", "Went well."),
            ("advice", "data", "Third advice."),
        ],
    )
    study.partner_organisations.set([zeta, alpha, lead])
    study.themes.set([factories.theme("Waste"), factories.theme("Adult social care")])
    study.service_areas.set(
        [
            ServiceArea.objects.get_or_create(name="Waste services", slug="waste-services")[0],
            ServiceArea.objects.get_or_create(name="Adult care", slug="adult-care")[0],
        ]
    )
    study.save_revision().publish()
    # Sort orders out of step with creation, as after reordering in the editor.
    Lesson.objects.create(page=study, kind="advice", category="data", text="First advice.")
    Lesson.objects.filter(page=study, text="First advice.").update(sort_order=-1)
    Measure.objects.create(page=study, name="Later measure", before="1", after="2", sort_order=2)
    Measure.objects.create(page=study, name="Earlier measure", before="3", after="4", sort_order=1)
    return study


def test_each_list_shows_in_the_order_of_the_pages_relations(client, study):
    html = client.get(study.url).content.decode()
    assert in_order(html, "Earlier measure", "Later measure")
    assert in_order(html, "Went well.", "First advice.", "Second advice.", "Third advice.")
    assert 'Led by</dt><dd class="govuk-summary-list__value">Middleton Council<' in html
    assert "Alpha Police, Middleton Council, Zeta Fire and Rescue" in html
    assert in_order(html, "Adult social care</a>, ", "Waste</a>")
    assert "Adult care, Waste services" in html


def test_the_statement_gives_what_the_relations_give(study, open_community):
    study = CaseStudyPage.objects.get(pk=study.pk)  # the relations as the database holds them
    body = case_study_body(study, open_community)
    assert [m.pk for m in body["measures"]] == [m.pk for m in study.measures.all()]
    assert [x.pk for x in body["lessons"]] == [x.pk for x in study.lessons.all()]
    assert body["themes"] == list(study.themes.all())
    assert body["service_areas"] == list(study.service_areas.all())
    assert body["organisations"]["lead"] == study.lead_organisation
    assert body["organisations"]["partners"] == list(study.partner_organisations.order_by("name"))
    assert body["images"] == [] and body["attachments"] == []
    assert body["lessons"][0].text == "First advice." and body["measures"][0].before == "3"


def test_a_page_with_empty_lists_shows_none_of_them(client, open_community):
    study = factories.make_case_study(open_community)
    html = client.get(study.url).content.decode()
    assert "Before and after" not in html and "Partners</dt>" not in html
    assert "Themes</dt>" not in html and "Led by" not in html
    body = case_study_body(study, None)
    assert body["organisations"] == {"lead": None, "partners": []}


def test_a_preview_shows_the_drafts_lists(client, study):
    editor = factories.UserFactory(is_superuser=True, is_staff=True)
    draft = study.get_latest_revision_as_object()
    draft.lessons.add(Lesson(kind="went_wrong", category="data", text="A draft lesson."))
    draft.measures.add(Measure(name="A draft measure", before="5", after="6"))
    draft.save_revision()
    preview = draft.make_preview_request(
        preview_mode=draft.default_preview_mode, extra_request_attrs={"user": editor}
    )
    assert "A draft lesson." in preview.content.decode()
    assert "A draft measure" in preview.content.decode()
    live = client.get(study.url).content.decode()
    assert "A draft lesson." not in live and "A draft measure" not in live
