from django import forms

from discussions.markup import clean_text
from discussions.models import CommentKind

BODY_MAX = 10_000
REASON_MAX = 1_000
FORMAT_HELP = (
    "Plain text. Leave a blank line between paragraphs. Start lines with “- ” for a list "
    "or “> ” to quote. **Bold** and _italic_ work, and web addresses become links."
)


class PostText(forms.CharField):
    """Post text: cleaned of control characters, then checked for length."""

    def __init__(self, *, max_chars=BODY_MAX, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8}))
        super().__init__(strip=False, **kwargs)
        self.max_chars = max_chars

    def clean(self, value):
        value = clean_text(value or "")
        value = super().clean(value)
        if len(value) > self.max_chars:
            raise forms.ValidationError(
                f"{self.label} must be {self.max_chars:,} characters or fewer "
                f"(it has {len(value):,})"
            )
        return value


class DiscussionForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=150,
        help_text="What the discussion is about, in a few words.",
        error_messages={
            "required": "Enter a title",
            "max_length": "The title must be 150 characters or fewer",
        },
    )
    is_question = forms.BooleanField(
        label="This is a question: I want to be able to mark the best answer",
        required=False,
    )
    body = PostText(
        label="Your post",
        help_text=FORMAT_HELP,
        error_messages={"required": "Enter your post"},
    )


class ReplyForm(forms.Form):
    body = PostText(
        label="Your reply",
        help_text=FORMAT_HELP,
        error_messages={"required": "Enter your reply"},
    )


class EditForm(forms.Form):
    body = PostText(
        label="Your post",
        help_text=FORMAT_HELP,
        error_messages={"required": "Enter your post"},
    )

    def __init__(self, *args, with_title=False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_title:
            self.fields = {
                "title": DiscussionForm.base_fields["title"],
                **self.fields,
            }


class CommentForm(forms.Form):
    kind = forms.ChoiceField(
        label="What would you like to do?",
        choices=CommentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether this is a question or a note"},
    )
    body = PostText(
        label="Your comment",
        help_text="The authors and contacts of the case study are emailed. " + FORMAT_HELP,
        error_messages={"required": "Enter your comment"},
    )


class CommentReplyForm(forms.Form):
    parent = forms.IntegerField(widget=forms.HiddenInput)
    body = PostText(
        label="Your reply",
        help_text=FORMAT_HELP,
        error_messages={"required": "Enter your reply"},
    )


class ReportForm(forms.Form):
    reason = PostText(
        label="Why should a facilitator look at this post?",
        help_text="For example: it is rude, off topic, advertising, or shares personal "
        "information. Only the community's facilitators see this.",
        max_chars=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say why you are reporting the post"},
    )


class ModerateForm(forms.Form):
    action = forms.ChoiceField(
        label="What do you want to do?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to do with the post"},
    )
    reason = PostText(
        label="Reason",
        help_text="The author sees this. Needed to hide, delete or reject a post.",
        max_chars=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = actions
