"""The OpenAPI description is valid, covers every API URL, and real answers match it."""

import re

import pytest
from django.urls import get_resolver
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from api import urls as api_urls
from tests import factories

pytestmark = pytest.mark.django_db

OPENAPI_URI = "urn:practice-exchange:openapi"


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def validator_for(document, method_path, status):
    path, method = method_path
    operation = document["paths"][path][method]
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    registry = Registry().with_resource(
        OPENAPI_URI, Resource.from_contents(document, default_specification=DRAFT202012)
    )
    ref = {"$ref": OPENAPI_URI + schema["$ref"]}
    return Draft202012Validator(ref, registry=registry, format_checker=FormatChecker())


def assert_valid(document, path, status, data):
    errors = sorted(
        validator_for(document, (path, "get"), status).iter_errors(data),
        key=lambda error: list(error.absolute_path),
    )
    assert not errors, "\n".join(
        f"{list(error.absolute_path)}: {error.message}" for error in errors[:10]
    )


def test_the_document_is_openapi_3_1_and_its_schemas_are_valid(document):
    assert document["openapi"] == "3.1.0"
    assert document["servers"][0]["url"] == "http://testserver/api/v1"
    for name, schema in document["components"]["schemas"].items():
        Draft202012Validator.check_schema(schema), name


def test_every_api_url_is_described():
    routes = set()
    for pattern in api_urls.urlpatterns:
        route = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))
        if route.endswith("openapi.json"):
            continue
        routes.add(route.replace("{pk}", "{id}"))
    from api.schema import PATHS

    assert routes == set(PATHS)
    assert get_resolver().resolve("/api/v1/openapi.json").url_name == "api_openapi"


@pytest.fixture
def content(open_community, private_community):
    organisation = factories.OrganisationFactory(website="https://www.testshire.gov.uk")
    partner = factories.OrganisationFactory(population_band="100k_250k")
    page = factories.make_case_study(
        open_community,
        lead_organisation=organisation,
        cost_band="10k_50k",
        people_affected=1200,
        lessons=[("went_well", "people", "Champions helped."), ("advice", "data", "Ask.")],
    )
    page.partner_organisations.set([partner])
    page.themes.set([factories.theme()])
    open_community.themes.set([factories.theme()])
    open_community.save_revision().publish()
    page.background = '<p>Before: <a href="https://example.org">a link</a></p>'
    page.save_revision().publish()
    from casestudies.models import Measure

    Measure.objects.create(page=page, name="Calls", before="100", after="40")
    factories.make_case_study(open_community, licence="cc_by")
    factories.make_case_study(private_community)
    factories.make_community("Hidden", visibility="hidden")
    return {"page": page, "organisation": organisation, "community": open_community}


@pytest.mark.parametrize("signed_in", [False, True])
def test_real_answers_match_the_description(client, document, content, signed_in):
    if signed_in:
        member = factories.UserFactory()
        factories.add_member(content["community"], member)
        client.force_login(member)
    page, organisation = content["page"], content["organisation"]
    answers = [
        ("/", "/api/v1/", 200),
        ("/case-studies/", "/api/v1/case-studies/?page_size=1", 200),
        ("/case-studies/", "/api/v1/case-studies/?page_size=1&page=2", 200),
        ("/case-studies/", "/api/v1/case-studies/?stage=nope", 400),
        ("/case-studies/", "/api/v1/case-studies/?page=50", 404),
        ("/case-studies/{id}/", f"/api/v1/case-studies/{page.pk}/", 200),
        ("/case-studies/{id}/", "/api/v1/case-studies/987654/", 404),
        ("/lessons/", "/api/v1/lessons/?lesson_category=people", 200),
        ("/lessons/", "/api/v1/lessons/", 200),
        ("/lessons/", "/api/v1/lessons/?page_size=101", 400),
        ("/organisations/", "/api/v1/organisations/", 200),
        ("/organisations/", "/api/v1/organisations/?region=mars", 400),
        ("/organisations/{slug}/", f"/api/v1/organisations/{organisation.slug}/", 200),
        ("/organisations/{slug}/", "/api/v1/organisations/nowhere/", 404),
        ("/communities/", "/api/v1/communities/", 200),
        ("/communities/", "/api/v1/communities/?q=channel&visibility=open&theme=open-data", 200),
        ("/communities/", "/api/v1/communities/?visibility=private&page_size=1", 200),
        ("/communities/", "/api/v1/communities/?visibility=hidden", 200),
        ("/communities/", "/api/v1/communities/?theme=no-such-theme&visibility=x", 400),
        ("/communities/", "/api/v1/communities/?member=true", 200 if signed_in else 400),
        ("/communities/", "/api/v1/communities/?q=channel&page=9", 404),
        ("/communities/{id}/", f"/api/v1/communities/{content['community'].pk}/", 200),
        ("/communities/{id}/", "/api/v1/communities/987654/", 404),
    ]
    for path, url, status in answers:
        response = client.get(url)
        assert response.status_code == status, (url, response.content)
        assert_valid(document, path, status, response.json())


def test_the_schema_catches_an_undocumented_field(document, content, client):
    data = client.get("/api/v1/case-studies/").json()
    data["results"][0]["secret"] = "x"
    with pytest.raises(AssertionError):
        assert_valid(document, "/case-studies/", 200, data)
