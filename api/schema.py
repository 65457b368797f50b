"""The OpenAPI 3.1 description of /api/v1/, served at /api/v1/openapi.json.

Written by hand, next to the views it describes (api/views.py). Every object schema
forbids properties it does not list, and tests/api/test_schema.py checks real answers
against it, so the two cannot drift apart unnoticed.
"""

from casestudies.filters import CASE_STUDY_SORTS, LESSON_SORTS
from casestudies.models import CostBand, LessonCategory, LessonKind, Licence, Stage
from communities.models import OrganisationType, PopulationBand, Region, Visibility


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema):
    return {"oneOf": [schema, {"type": "null"}]}


def _object(properties: dict, required=None) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


STRING = {"type": "string"}
URL = {"type": "string", "format": "uri"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
INTEGER = {"type": "integer"}
NAMED = _object({"slug": STRING, "name": STRING})


def _enum(choices) -> dict:
    return {"type": "string", "enum": list(choices.values)}


def _paged(item: str) -> dict:
    return _object(
        {
            "count": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "page_size": {"type": "integer", "minimum": 1, "maximum": 100},
            "num_pages": {"type": "integer", "minimum": 1},
            "next": _nullable(URL),
            "previous": _nullable(URL),
            "results": {"type": "array", "items": _ref(item)},
        }
    )


SCHEMAS = {
    "Error": _object(
        {
            "errors": {
                "type": "array",
                "minItems": 1,
                "items": _object(
                    {
                        "parameter": {
                            "type": "string",
                            "description": "The query parameter at fault, when there is one.",
                        },
                        "message": STRING,
                    },
                    required=["message"],
                ),
            }
        }
    ),
    "Licence": _object(
        {
            "code": _enum(Licence),
            "name": STRING,
            "url": {**URL, "description": "Where the licence's terms are published."},
        }
    ),
    "Named": NAMED,
    "OrganisationRef": _object({"slug": STRING, "name": STRING, "api_url": URL}),
    "CommunityRef": _object({"id": INTEGER, "title": STRING, "url": URL, "api_url": URL}),
    "CaseStudyRef": _object({"id": INTEGER, "title": STRING, "url": URL, "api_url": URL}),
    "LessonFields": _object(
        {
            "id": INTEGER,
            "kind": _enum(LessonKind),
            "category": _enum(LessonCategory),
            "text": STRING,
        }
    ),
    "Lesson": _object(
        {
            "id": INTEGER,
            "kind": _enum(LessonKind),
            "category": _enum(LessonCategory),
            "text": STRING,
            "case_study": _ref("CaseStudyRef"),
            "community": _nullable(_ref("CommunityRef")),
            "licence": _ref("Licence"),
        }
    ),
}
CASE_STUDY_FIELDS = {
    "id": INTEGER,
    "title": STRING,
    "url": URL,
    "api_url": URL,
    "summary": STRING,
    "community": _nullable(_ref("CommunityRef")),
    "lead_organisation": _nullable(_ref("OrganisationRef")),
    "partner_organisations": {"type": "array", "items": _ref("OrganisationRef")},
    "themes": {"type": "array", "items": _ref("Named")},
    "service_areas": {"type": "array", "items": _ref("Named")},
    "stage": _enum(Stage),
    "start_date": _nullable(DATE),
    "end_date": _nullable(DATE),
    "cost_band": {"type": "string", "enum": ["", *CostBand.values]},
    "first_published_at": _nullable(DATETIME),
    "last_published_at": _nullable(DATETIME),
    "lesson_count": {"type": "integer", "minimum": 0},
    "licence": _ref("Licence"),
}
SCHEMAS["CaseStudy"] = _object(CASE_STUDY_FIELDS)
SCHEMAS["CaseStudyDetail"] = _object(
    {
        **CASE_STUDY_FIELDS,
        "lessons": {"type": "array", "items": _ref("LessonFields")},
        "funding_source": STRING,
        "people_affected": _nullable(INTEGER),
        "sections": _object(
            {
                name: {"type": "string", "description": "HTML"}
                for name in (
                    "background",
                    "project_objectives",
                    "what_we_did",
                    "outcomes",
                    "risks",
                    "next_steps",
                )
            }
        ),
        "measures": {
            "type": "array",
            "items": _object({"name": STRING, "before": STRING, "after": STRING}),
        },
    }
)
ORGANISATION_FIELDS = {
    "slug": STRING,
    "name": STRING,
    "type": _enum(OrganisationType),
    "type_label": STRING,
    "region": _enum(Region),
    "region_label": STRING,
    "population_band": _nullable(_enum(PopulationBand)),
    "website": _nullable(URL),
    "url": URL,
    "api_url": URL,
}
SCHEMAS["Organisation"] = _object(ORGANISATION_FIELDS)
SCHEMAS["OrganisationDetail"] = _object(
    {
        **ORGANISATION_FIELDS,
        "case_study_count": {
            "type": "integer",
            "minimum": 0,
            "description": "Case studies it led or partnered on, among those you may read.",
        },
        "case_studies_url": URL,
    }
)
COMMUNITY_LISTED = {
    "id": INTEGER,
    "title": STRING,
    "purpose": STRING,
    "visibility": _enum(Visibility),
    "url": URL,
    "api_url": URL,
    "readable": {
        "type": "boolean",
        "description": "Whether you may read its content. If not (a private community you "
        "are not a member of), only its name and purpose are shown.",
    },
}
SCHEMAS["Community"] = _object(
    {
        **COMMUNITY_LISTED,
        "themes": {"type": "array", "items": _ref("Named")},
        "case_study_count": {"type": "integer", "minimum": 0},
        "case_studies_url": URL,
        "feed_url": _nullable(URL),
    },
    required=list(COMMUNITY_LISTED),
)
for _name in ("CaseStudy", "Lesson", "Organisation", "Community"):
    SCHEMAS[f"{_name}List"] = _paged(_name)
SCHEMAS["Index"] = _object(
    dict.fromkeys(("case_studies", "lessons", "organisations", "communities", "openapi"), URL)
)


def _query(name, description, schema=None):
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema or STRING}  # fmt: skip


PAGING = [
    _query("page", "Page number, from 1.", {"type": "integer", "minimum": 1}),
    _query(
        "page_size",
        "Results per page: 20 unless given; more than 100 is refused (400).",
        {"type": "integer", "minimum": 1, "maximum": 100},
    ),
]
CASE_STUDY_FILTERS = [
    _query("theme", "A theme's slug."),
    _query("service_area", "A service area's slug."),
    _query(
        "organisation_type",
        "The lead organisation's or a partner's type.",
        _enum(OrganisationType),
    ),
    _query("region", "Where the lead organisation or a partner is.", _enum(Region)),
    _query("stage", "The project's stage.", _enum(Stage)),
    _query("year", "The year the project started.", {"type": "integer"}),
    _query("lesson_category", "Lessons in this category.", _enum(LessonCategory)),
    _query("lesson_kind", "Lessons of this kind.", _enum(LessonKind)),
    _query("community", "A community's id (one you may read).", {"type": "integer"}),
    _query("organisation", "An organisation's slug: case studies it led or partnered on."),
    _query(
        "updated_since",
        "Published or updated on or after this date or date-time (ISO 8601).",
    ),
]

COMMUNITY_FILTERS = [
    _query(
        "q",
        "Text in the community's name or purpose (any case; spaces collapsed). "
        "Printable text of at most 200 characters.",
        {"type": "string", "maxLength": 200},
    ),
    _query(
        "visibility",
        "Communities of this visibility. Hidden ones are listed only to their members, "
        "whatever the filters.",
        _enum(Visibility),
    ),
    _query(
        "theme",
        "A theme's slug: communities with this theme among those you may read (a community "
        "you may not read never shows its themes, nor matches this filter).",
    ),
    _query(
        "member",
        "true: only communities you are an active member of. Needs a signed-in session "
        "(400 without one).",
        {"type": "string", "enum": ["true"]},
    ),
]


def _sort(sorts):
    return _query("sort", "Order of results (newest first unless given).",
                  {"type": "string", "enum": list(sorts)})  # fmt: skip


def _responses(schema: str, *, paged=False, not_found=False) -> dict:
    responses = {
        "200": {"description": "OK", "content": {"application/json": {"schema": _ref(schema)}}},
    }
    error = {"content": {"application/json": {"schema": _ref("Error")}}}
    if paged:
        responses["400"] = {"description": "A bad parameter or value", **error}
    if paged or not_found:
        responses["404"] = {"description": "Not found (or a page past the end)", **error}
    return responses


def _get(summary, schema, parameters=(), **kwargs):
    return {
        "get": {
            "summary": summary,
            "parameters": list(parameters),
            "responses": _responses(schema, **kwargs),
        }
    }


def _path_param(name, schema):
    return {"name": name, "in": "path", "required": True, "schema": schema}


PATHS = {
    "/": _get("Links to each list", "Index"),
    "/case-studies/": _get(
        "Case studies you may read",
        "CaseStudyList",
        [*CASE_STUDY_FILTERS, _sort(CASE_STUDY_SORTS), *PAGING],
        paged=True,
    ),
    "/case-studies/{id}/": _get(
        "One case study, with its lessons and sections",
        "CaseStudyDetail",
        [_path_param("id", INTEGER)],
        not_found=True,
    ),
    "/lessons/": _get(
        "Lessons from case studies you may read",
        "LessonList",
        [*CASE_STUDY_FILTERS, _sort(LESSON_SORTS), *PAGING],
        paged=True,
    ),
    "/organisations/": _get(
        "Organisations",
        "OrganisationList",
        [
            _query("type", "Type of organisation.", _enum(OrganisationType)),
            _query("region", "Region.", _enum(Region)),
            _query("population_band", "Population band.", _enum(PopulationBand)),
            *PAGING,
        ],
        paged=True,
    ),
    "/organisations/{slug}/": _get(
        "One organisation",
        "OrganisationDetail",
        [_path_param("slug", STRING)],
        not_found=True,
    ),
    "/communities/": _get(
        "Communities listed to you (hidden ones only to their members)",
        "CommunityList",
        [*COMMUNITY_FILTERS, *PAGING],
        paged=True,
    ),
    "/communities/{id}/": _get(
        "One community",
        "Community",
        [_path_param("id", INTEGER)],
        not_found=True,
    ),
}


def openapi_document(server_url: str) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Practice Exchange API",
            "version": "1.0.0",
            "description": "Read-only access to the case studies, lessons, organisations and "
            "communities you may read. Anonymous requests see open content; a signed-in "
            "session sees what that member may read. Each case study and lesson carries its "
            "licence. See docs/api.md.",
        },
        "servers": [{"url": server_url}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
