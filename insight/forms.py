from django import forms

from discussions.forms import FORMAT_HELP, PostText

QUERY_MAX = 200


class AskForm(forms.Form):
    """Ask the community for a case study on something people searched for and did not
    find. The dashboard's button posts the search alone; the title and post are then made
    from it (and shown for editing when something needs fixing)."""

    query = forms.CharField(
        label="What people searched for",
        max_length=QUERY_MAX,
        error_messages={
            "required": "Choose a search that found nothing",
            "max_length": f"The search must be {QUERY_MAX} characters or fewer",
        },
    )
    title = forms.CharField(
        label="Title",
        max_length=150,
        required=False,
        error_messages={"max_length": "The title must be 150 characters or fewer"},
    )
    body = PostText(label="Your post", help_text=FORMAT_HELP, required=False)


class SiteAskForm(AskForm):
    community = forms.TypedChoiceField(
        label="Community to ask",
        coerce=int,
        error_messages={
            "required": "Choose a community to ask",
            "invalid_choice": "Choose a community you can start discussions in",
        },
    )

    field_order = ["community", "query", "title", "body"]

    def __init__(self, *args, communities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [("", "Choose a community")] + [
            (community.pk, community.title) for community in communities
        ]
