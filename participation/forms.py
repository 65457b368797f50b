from django import forms

from participation.models import Frequency, HelpedKind
from participation.services.helped import MAX_NOTE


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label="How often should we email you about what you follow?",
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how often we should email you.",
            "invalid_choice": "Choose one of the options.",
        },
    )


class SavedSearchForm(forms.Form):
    name = forms.CharField(
        label="Name this search",
        help_text="For example: Chatbots in district councils.",
        max_length=100,
        error_messages={
            "required": "Enter a name for this search, so you can find it again.",
            "max_length": "The name must be 100 characters or fewer.",
        },
    )
    query_string = forms.CharField(widget=forms.HiddenInput, required=False, max_length=4000)


class HelpedForm(forms.Form):
    kind = forms.ChoiceField(
        label="What did this case study do for your organisation?",
        choices=HelpedKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether it helped your organisation or you reused it.",
            "invalid_choice": "Choose whether it helped your organisation or you reused it.",
        },
    )
    note = forms.CharField(
        label="Add a note (optional)",
        help_text="What you used, what changed for you. The author and readers of the case "
        "study can see it.",
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"Your note must be {MAX_NOTE} characters or fewer."},
    )
