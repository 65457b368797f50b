from django.urls import include, path

from communities.views import members, organisations

urlpatterns = [
    path("organisations/", include(organisations.urlpatterns)),
    path("members/", include(members.urlpatterns)),
]
