from django.apps import AppConfig


class CopConfig(AppConfig):
    """The project package: site-wide commands such as `database`."""

    name = "cop"
    verbose_name = "Site"

    def ready(self):
        from cop import pagecache

        pagecache.connect_signals()
