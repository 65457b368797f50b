from django.urls import path

from api import views

urlpatterns = [
    path("", views.api_root, name="api_root"),
    path("openapi.json", views.api_openapi, name="api_openapi"),
    path("case-studies/", views.api_case_studies, name="api_case_studies"),
    path("case-studies/<int:pk>/", views.api_case_study, name="api_case_study"),
    path("lessons/", views.api_lessons, name="api_lessons"),
    path("organisations/", views.api_organisations, name="api_organisations"),
    path("organisations/<slug:slug>/", views.api_organisation, name="api_organisation"),
    path("communities/", views.api_communities, name="api_communities"),
    path("communities/<int:pk>/", views.api_community, name="api_community"),
]
