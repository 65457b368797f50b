from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from communities.models.organisations import Organisation


class MemberManager(UserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A member of the site. Signs in with a verified email address."""

    username = None
    email = models.EmailField("email address", unique=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    organisation_verified = models.BooleanField(
        default=False,
        help_text="True when the organisation was derived from a verified email domain.",
    )
    job_title = models.CharField(max_length=200, blank=True)
    bio = models.TextField("short bio", max_length=1000, blank=True)
    contactable = models.BooleanField(
        "happy to be contacted about my work",
        default=False,
    )
    listed = models.BooleanField(
        "show me in the member directory and on my organisation's page",
        default=True,
    )
    approved = models.BooleanField(
        default=True,
        help_text="Members who signed up from an email domain outside the public-sector "
        "allow-list wait for a site administrator's approval before they can read "
        "restricted communities or join any.",
    )
    expertise = TaggableManager(
        "expertise",
        through="communities.MemberExpertise",
        blank=True,
        help_text="Topics you know about, separated by commas.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = MemberManager()

    class Meta:
        ordering = ["first_name", "last_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.get_full_name() or "Member"


class MemberExpertise(TaggedItemBase):
    content_object = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="tagged_expertise"
    )


class AllowedEmailDomain(models.Model):
    """A public-sector email domain whose members are approved when they sign up.

    A domain matches itself and its subdomains (`gov.uk` matches `kent.gov.uk`), never a
    name that merely ends with the same letters (`evilgov.uk`).
    """

    domain = models.CharField(max_length=253, unique=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().removesuffix(".")
        super().save(*args, **kwargs)
