from django import template

from discussions import markup

register = template.Library()


@register.filter
def post_text(text):
    """A post's stored text as safe HTML (discussions/markup.py)."""
    return markup.render(text)
