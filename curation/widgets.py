from django import forms


class LessonSelect(forms.Select):
    """A lesson chooser for the collection editor: each lesson named with its case study's
    title (read in one query), so editors can tell lessons apart."""

    def optgroups(self, name, value, attrs=None):
        from casestudies.models import CaseStudyPage

        self._titles = dict(CaseStudyPage.objects.values_list("pk", "title"))
        return super().optgroups(name, value, attrs)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        instance = getattr(value, "instance", None)
        if instance is not None:
            label = f"{self._titles.get(instance.page_id, 'Case study')} – {label}"
        return super().create_option(name, value, label, selected, index, subindex, attrs)
