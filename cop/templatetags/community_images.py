"""`{% community_image image "width-800" alt="..." %}`: an <img> served through the checked
image view (cop/images.py), never from the media folder.

Use it instead of Wagtail's `{% image %}` tag, whose addresses point at the raw rendition
files. The filter spec must be one of `cop.images.IMAGE_FILTER_SPECS`.
"""

from django import template
from django.utils.html import format_html, format_html_join

from cop.images import IMAGE_FILTER_SPECS, image_url, rendition_size

register = template.Library()


@register.simple_tag
def community_image(image, filter_spec, alt="", **attributes):
    if filter_spec not in IMAGE_FILTER_SPECS:
        raise template.TemplateSyntaxError(
            f"community_image: {filter_spec!r} is not in cop.images.IMAGE_FILTER_SPECS"
        )
    if image is None:
        return ""
    width, height = rendition_size(image, filter_spec)
    attrs = {
        "src": image_url(image, filter_spec),
        "width": width,
        "height": height,
        "alt": alt or "",
        "loading": "lazy",
        "decoding": "async",
        **{name.replace("_", "-"): value for name, value in attributes.items()},
    }
    attrs = {name: value for name, value in attrs.items() if value is not None}
    return format_html("<img{}>", format_html_join("", ' {}="{}"', attrs.items()))
