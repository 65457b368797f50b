from django.db import models


class MembershipRole(models.TextChoices):
    MEMBER = "member", "Member"
    FACILITATOR = "facilitator", "Facilitator"


class MembershipState(models.TextChoices):
    REQUESTED = "requested", "Requested"
    INVITED = "invited", "Invited"
    ACTIVE = "active", "Active"
    LEFT = "left", "Left"
    REMOVED = "removed", "Removed"
    DECLINED = "declined", "Declined"
