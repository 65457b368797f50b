from django.urls import path

from discussions import views

urlpatterns = [
    path("moderation/", views.moderation_queue, name="moderation_queue"),
]
