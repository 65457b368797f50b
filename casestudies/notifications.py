"""Emails about case study review: submitted, approved, changes requested.

These replace Wagtail's own workflow emails (which name the workflow rather than the
community and leave out the reviewer's comment): `connect()` runs in this app's ready(),
before Wagtail's admin app connects its notifiers under the same dispatch ids, so Django
keeps ours and ignores Wagtail's. tests/casestudies/test_review.py checks that exactly one
email goes out for each event.
"""

from django.urls import reverse
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from communities.services.mail import email_send


def _community(page):
    from communities.selectors import community_of_page

    return community_of_page(page)


def _edit_path(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _page(workflow_state):
    return workflow_state.content_object.specific_deferred


def on_task_submitted(sender, instance, user=None, **kwargs):
    """Tell the community's facilitators that a case study waits for their review."""
    task = instance.task.specific
    groups = getattr(task, "groups", None)
    if groups is None:
        return
    page = _page(instance.workflow_state)
    from communities.models import User

    reviewers = (
        User.objects.filter(groups__in=groups.all(), is_active=True)
        .exclude(pk=getattr(user, "pk", None))
        .distinct()
    )
    context = {
        "page": page,
        "community": _community(page),
        "author": user,
        "edit_path": _edit_path(page),
    }
    # One email each, so no facilitator's address is shown to the others.
    for address in reviewers.values_list("email", flat=True):
        email_send(
            to=[address],
            subject=f"Please review: {page.title}",
            template="casestudies/email/review_requested.txt",
            context=context,
        )


def on_workflow_submitted(sender, instance, user=None, **kwargs):
    """Nothing more to send: the task's reviewers have been told (on_task_submitted)."""


def _authors(workflow_state):
    people = {workflow_state.requested_by}
    page = _page(workflow_state)
    if page.owner_id:
        people.add(page.owner)
    return [person.email for person in people if person is not None and person.is_active]


def on_workflow_approved(sender, instance, user=None, **kwargs):
    page = _page(instance)
    email_send(
        to=_authors(instance),
        subject=f"Published: {page.title}",
        template="casestudies/email/review_approved.txt",
        context={
            "page": page,
            "community": _community(page),
            "reviewer": user,
            "comment": _last_comment(instance),
        },
    )


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    page = _page(instance)
    email_send(
        to=_authors(instance),
        subject=f"Changes requested: {page.title}",
        template="casestudies/email/review_changes_requested.txt",
        context={
            "page": page,
            "community": _community(page),
            "reviewer": user,
            "comment": _last_comment(instance),
            "edit_path": _edit_path(page),
        },
    )


def _last_comment(workflow_state):
    task_state = (
        TaskState.objects.filter(workflow_state=workflow_state)
        .exclude(comment="")
        .order_by("-finished_at", "-pk")
        .first()
    )
    return task_state.comment if task_state else ""


def connect():
    task_submitted.connect(
        on_task_submitted,
        sender=TaskState,
        dispatch_uid="group_approval_task_submitted_email_notification",
    )
    workflow_submitted.connect(
        on_workflow_submitted,
        sender=WorkflowState,
        dispatch_uid="workflow_state_submitted_email_notification",
    )
    workflow_rejected.connect(
        on_workflow_rejected,
        sender=WorkflowState,
        dispatch_uid="workflow_state_rejected_email_notification",
    )
    workflow_approved.connect(
        on_workflow_approved,
        sender=WorkflowState,
        dispatch_uid="workflow_state_approved_email_notification",
    )
