from django.urls import include, path

from communities.views import members, membership, organisations

urlpatterns = [
    path("organisations/", include(organisations.urlpatterns)),
    path("members/", include(members.urlpatterns)),
    path("", include(membership.urlpatterns)),
]
