from django import forms


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])


# Organisations and members ------------------------------------------------------------

BIO_MAX_LENGTH = 1000
EXPERTISE_MAX_TAGS = 20
TAG_MAX_LENGTH = 100  # taggit's Tag.name


def _blank_choice(label, choices):
    return [("", label), *choices]


class OrganisationFilterForm(forms.Form):
    """Filters on the organisation list ("councils like me" links fill these in)."""

    type = forms.ChoiceField(
        label="Type",
        required=False,
        error_messages={"invalid_choice": "Select a type from the list"},
    )
    region = forms.ChoiceField(
        label="Region",
        required=False,
        error_messages={"invalid_choice": "Select a region from the list"},
    )
    population_band = forms.ChoiceField(
        label="Population",
        required=False,
        error_messages={"invalid_choice": "Select a population band from the list"},
    )

    def __init__(self, *args, **kwargs):
        from communities.models import OrganisationType, PopulationBand, Region

        super().__init__(*args, **kwargs)
        self.fields["type"].choices = _blank_choice("All types", OrganisationType.choices)
        self.fields["region"].choices = _blank_choice("All regions", Region.choices)
        self.fields["population_band"].choices = _blank_choice(
            "Any population", PopulationBand.choices
        )


class MemberDirectoryForm(forms.Form):
    """Search and filters on the member directory. `expertise_choices` are tag names."""

    q = forms.CharField(
        label="Search members",
        required=False,
        max_length=200,
        help_text="Names, job titles, expertise or words from their bio",
        error_messages={"max_length": "Search words must be 200 characters or fewer"},
    )
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=None,
        required=False,
        to_field_name="slug",
        empty_label="All organisations",
        error_messages={"invalid_choice": "Select an organisation from the list"},
    )
    organisation_type = forms.ChoiceField(
        label="Type of organisation",
        required=False,
        error_messages={"invalid_choice": "Select a type of organisation from the list"},
    )
    region = forms.ChoiceField(
        label="Region",
        required=False,
        error_messages={"invalid_choice": "Select a region from the list"},
    )
    expertise = forms.ChoiceField(
        label="Expertise",
        required=False,
        error_messages={"invalid_choice": "Select an area of expertise from the list"},
    )
    contactable = forms.BooleanField(label="Only people happy to be contacted", required=False)

    def __init__(self, *args, expertise_choices=(), **kwargs):
        from communities.models import Organisation, OrganisationType, Region

        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["organisation_type"].choices = _blank_choice(
            "All types", OrganisationType.choices
        )
        self.fields["region"].choices = _blank_choice("All regions", Region.choices)
        self.fields["expertise"].choices = _blank_choice(
            "Any expertise", [(name, name) for name in expertise_choices]
        )


def split_expertise(text: str) -> list[str]:
    """Comma-separated topics: trimmed, inner spaces collapsed, duplicates (any case) dropped."""
    names, seen = [], set()
    for part in (text or "").split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


class ProfileForm(forms.Form):
    """A member's own profile. Saved by communities.services.profiles.profile_update."""

    first_name = forms.CharField(
        label="First name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={
            "required": "Enter your first name",
            "max_length": "First name must be 150 characters or fewer",
        },
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={
            "required": "Enter your last name",
            "max_length": "Last name must be 150 characters or fewer",
        },
    )
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=None,
        required=False,
        empty_label="Not listed or none",
        help_text="Where you work. An organisation you choose yourself is shown as "
        "unverified unless it owns the domain of one of your verified email addresses.",
        error_messages={"invalid_choice": "Select your organisation from the list"},
    )
    job_title = forms.CharField(
        label="Job title",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
        error_messages={"max_length": "Job title must be 200 characters or fewer"},
    )
    expertise = forms.CharField(
        label="Expertise",
        required=False,
        help_text="Topics you know about, separated by commas. For example: open data, "
        "channel shift, procurement",
    )
    bio = forms.CharField(
        label="Short bio",
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"What you work on and what you could help others with, in plain text. "
        f"Up to {BIO_MAX_LENGTH} characters.",
    )
    contactable = forms.BooleanField(
        label="I am happy to be contacted about my work",
        required=False,
        help_text="Signed-in members will see your email address on your profile and in "
        "the member directory. Visitors who are not signed in never see it.",
    )
    listed = forms.BooleanField(
        label="Show me in the member directory and on my organisation's page",
        required=False,
        help_text="If you untick this, only you and site administrators can see your profile.",
    )

    def __init__(self, *args, **kwargs):
        from communities.models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")

    @classmethod
    def initial_for(cls, user) -> dict:
        return {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "organisation": user.organisation_id,
            "job_title": user.job_title,
            "expertise": ", ".join(tag.name for tag in user.expertise.order_by("name")),
            "bio": user.bio,
            "contactable": user.contactable,
            "listed": user.listed,
        }

    def clean_bio(self):
        bio = self.cleaned_data["bio"].replace("\r\n", "\n")
        if len(bio) > BIO_MAX_LENGTH:
            raise forms.ValidationError(
                f"Short bio must be {BIO_MAX_LENGTH} characters or fewer "
                f"(it has {len(bio)} characters)"
            )
        return bio

    def clean_expertise(self):
        names = split_expertise(self.cleaned_data["expertise"])
        if len(names) > EXPERTISE_MAX_TAGS:
            raise forms.ValidationError(
                f"Enter {EXPERTISE_MAX_TAGS} areas of expertise or fewer (you entered {len(names)})"
            )
        too_long = [name for name in names if len(name) > TAG_MAX_LENGTH]
        if too_long:
            raise forms.ValidationError(
                f"Each area of expertise must be {TAG_MAX_LENGTH} characters or fewer"
            )
        return names


class AccountDeleteForm(forms.Form):
    """Asks for the member's current password before their account is deleted."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password to delete your account"},
    )

    def __init__(self, *args, user, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request

    def clean_password(self):
        from allauth.core import ratelimit

        password = self.cleaned_data["password"]
        if not ratelimit.consume(self.request, action="reauthenticate", user=self.user):
            raise forms.ValidationError(
                "Too many attempts to enter your password. Wait a minute and try again"
            )
        if not self.user.has_usable_password():
            raise forms.ValidationError(
                "Your account has no password. Set a password in your account settings first"
            )
        if not self.user.check_password(password):
            raise forms.ValidationError("The password is not correct")
        return password
