from django import forms

from participation.models import Frequency, HelpedKind
from participation.services.announcements import MAX_BODY, MAX_TITLE
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
    # Left out of a post (an older form): the member's choice stays as it is.
    announcements = forms.ChoiceField(
        label="Should we email you announcements from the facilitators of your communities?",
        choices=[("yes", "Yes, email me announcements"), ("no", "No announcements")],
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Choose whether you want announcements."},
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


class AnnouncementForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=MAX_TITLE,
        error_messages={
            "required": "Enter a title for the announcement.",
            "max_length": f"The title must be {MAX_TITLE} characters or fewer.",
        },
    )
    body = forms.CharField(
        label="Announcement",
        help_text="Plain text. Leave a blank line between paragraphs; start lines with "
        "“- ” for a list; web addresses become links.",
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": "Enter the text of the announcement.",
            "max_length": f"The announcement must be {MAX_BODY} characters or fewer.",
        },
    )

    def clean_title(self):
        from participation.services.announcements import clean_title

        title = clean_title(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError("Enter a title for the announcement.")
        return title

    def clean_body(self):
        from participation.services.announcements import clean_body

        body = clean_body(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError("Enter the text of the announcement.")
        return body
