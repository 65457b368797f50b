from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView, TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from casestudies import views as casestudy_views
from communities.views import auth as community_views
from cop import images
from cop.views import document_urls
from feeds import views as feed_views
from search import views as search_views

# Every admin sign-in goes through allauth (with its second factor), never a password form.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path(
        "admin/login/",
        community_views.signin_redirect,
        {"default_next": "/admin/"},
        name="admin_login_redirect",
    ),
    path("_util/login/", community_views.signin_redirect, name="frontend_login_redirect"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("documents/", include(document_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Images only through checked views (cop/images.py); nothing else under MEDIA_URL is
    # served, so originals and document files are never reachable by their file address.
    path(
        "images/<int:image_id>/<str:filter_spec>/",
        images.serve_image,
        name="community_image",
    ),
    re_path(
        images.admin_rendition_route(),
        images.serve_admin_rendition,
        name="admin_rendition_file",
    ),
    path("search/", search_views.search, name="search"),
    path("search/autocomplete/", search_views.autocomplete, name="search_autocomplete"),
    path("lessons/", casestudy_views.lessons, name="lessons"),
    path(
        "case-studies/export.<str:fmt>",
        casestudy_views.case_study_export,
        name="case_study_export",
    ),
    path(
        "case-studies/exports/<uuid:export_id>/",
        casestudy_views.case_study_export_download,
        name="case_study_export_download",
    ),
    path("feeds/", include("feeds.urls")),
    path("members/me/feed/", feed_views.member_feed, name="member_feed"),
    path("api/v1/", include("api.urls")),
    path("", include("communities.urls")),
    path("", include("participation.urls")),
    path("", include("discussions.urls")),
    path("", include("insight.urls")),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path("privacy/", TemplateView.as_view(template_name="pages/privacy.html"), name="privacy"),
    path(
        "favicon.ico",
        RedirectView.as_view(url=f"{settings.STATIC_URL}images/favicon.svg", permanent=True),
    ),
]

urlpatterns += [path("", include(wagtail_urls))]
