from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = "Participation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from participation import activity, signals
        from participation.services import follows

        activity.register_builtin_sources()
        follows.register_builtin_kinds()
        signals.connect()
