from insight.views import urlpatterns

__all__ = ["urlpatterns"]
