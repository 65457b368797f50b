"""The "Curate this community" form (GOV.UK markup through cop.forms.GovukFormRenderer)."""

from django import forms

from curation.models import MAX_FEATURED, WELCOME_MAX_LENGTH


class CaseStudyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class DiscussionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class CurateForm(forms.Form):
    welcome = forms.CharField(
        label="Welcome",
        help_text="A few sentences at the top of the community's home page: who it is for "
        "and where to start. Plain text; a blank line starts a new paragraph.",
        required=False,
        max_length=WELCOME_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": f"The welcome must be {WELCOME_MAX_LENGTH} characters or fewer."
        },
    )

    def __init__(self, *args, case_studies, discussions, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, MAX_FEATURED + 1):
            self.fields[f"featured_{n}"] = CaseStudyChoiceField(
                queryset=case_studies,
                required=False,
                label=f"Featured case study {n}",
                empty_label="None",
                help_text="Shown first on the home page." if n == 1 else "",
                error_messages={
                    "invalid_choice": "Choose a published case study from this community."
                },
            )
        self.fields["pinned"] = DiscussionChoiceField(
            queryset=discussions,
            required=False,
            label="Pinned discussions",
            help_text="Pinned discussions are shown near the top of the home page and first "
            "in the list of discussions.",
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": "Choose discussions from this community."},
        )
        if not discussions.exists():
            del self.fields["pinned"]

    def featured_fields(self):
        return [self[f"featured_{n}"] for n in range(1, MAX_FEATURED + 1)]

    def clean(self):
        cleaned = super().clean()
        seen = {}
        for n in range(1, MAX_FEATURED + 1):
            study = cleaned.get(f"featured_{n}")
            if study is None:
                continue
            if study.pk in seen:
                self.add_error(
                    f"featured_{n}",
                    f"“{study.title}” is already featured case study {seen[study.pk]}: "
                    "choose a different one, or None.",
                )
            else:
                seen[study.pk] = n
        return cleaned

    def featured(self):
        return [
            self.cleaned_data[f"featured_{n}"]
            for n in range(1, MAX_FEATURED + 1)
            if self.cleaned_data.get(f"featured_{n}") is not None
        ]
