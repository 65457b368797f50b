from django.apps import AppConfig


class DiscussionsConfig(AppConfig):
    name = "discussions"
    verbose_name = "Discussions and comments"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from discussions import following

        following.register()
