"""Member profiles, the profile form, the member directory, data export and account deletion."""

urlpatterns = []
