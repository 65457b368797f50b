from wagtail import hooks

from insight.tracking import count_page_views

hooks.register("on_serve_page", count_page_views)
