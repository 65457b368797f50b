"""Form rendering in GOV.UK Design System markup.

Enable with ``FORM_RENDERER = "cop.forms.GovukFormRenderer"``. ``{{ form }}`` then
renders a GOV.UK error summary followed by every field (templates/forms/govuk/);
the page supplies ``<form method="post" novalidate>``, the CSRF token and the
buttons. ``{{ form.some_field.as_field_group }}`` renders one field the same way.
"""

from django.forms.renderers import DjangoTemplates, TemplatesSetting
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property


class GovukFormRenderer(TemplatesSetting):
    """TemplatesSetting with GOV.UK form and field templates.

    Templates load through the project's TEMPLATES setting, so the files under
    templates/forms/govuk/ are found. Django's own widget templates
    (django/forms/widgets/*.html) are only on that path when "django.forms" is in
    INSTALLED_APPS, so any template the project engine cannot find falls back to
    Django's built-in form templates and every widget keeps working either way.
    """

    form_template_name = "forms/govuk/form.html"
    field_template_name = "forms/govuk/field.html"

    @cached_property
    def _builtin_renderer(self):
        return DjangoTemplates()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self._builtin_renderer.get_template(template_name)
