from participation.views import urlpatterns

__all__ = ["urlpatterns"]
