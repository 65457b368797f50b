from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "insight"
    verbose_name = "Insight"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from insight import signals

        signals.connect()
