"""Organisation pages and "councils like me"."""

urlpatterns = []
