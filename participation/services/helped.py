""" "This helped us": a member records that a case study helped their organisation, or that
their organisation reused it, with an optional note. One record per member and case study,
which they can change or take back. The case study's author is told by email (once per
record, and not about their own)."""

import logging

from django.db import transaction

from participation.mail import absolute, email_send_to_member
from participation.models import Frequency, HelpedKind, HelpedRecord
from participation.text import plain_text

MAX_NOTE = 1000
logger = logging.getLogger(__name__)


class HelpedError(Exception):
    """Bad input or not allowed: the message says why."""


def _may_record(user, page) -> bool:
    from casestudies.selectors import can_read_case_study

    signed_in = bool(user and user.is_authenticated and user.is_active)
    return signed_in and can_read_case_study(user, page)


def helped_record_save(*, user, page, kind, note="") -> tuple[HelpedRecord, bool]:
    """Create or change the member's record for `page`. Returns (record, created)."""
    if not _may_record(user, page):
        raise HelpedError("You cannot do that for this case study.")
    if kind not in HelpedKind.values:
        raise HelpedError("Choose whether it helped your organisation or you reused it.")
    note = plain_text(note, max_length=MAX_NOTE + 1, multiline=True)
    if len(note) > MAX_NOTE:
        raise HelpedError(f"Your note must be {MAX_NOTE} characters or fewer.")
    with transaction.atomic():
        record, created = HelpedRecord.objects.update_or_create(
            user=user,
            page=page,
            defaults={"kind": kind, "note": note, "organisation": user.organisation},
        )
    if created:
        try:
            _tell_author(record)
        except Exception:  # the record stands even if the email could not go
            logger.exception("Could not tell the author of page %s", page.pk)
    return record, created


def helped_record_delete(*, user, page) -> bool:
    deleted, _ = HelpedRecord.objects.filter(user=user, page=page).delete()
    return bool(deleted)


def _tell_author(record: HelpedRecord) -> None:
    from participation.services.notifications import frequency_of

    page = record.page
    author = page.owner
    if (
        author is None
        or author.pk == record.user_id
        or not author.is_active
        or not author.email
        or frequency_of(author) == Frequency.OFF
        or not _may_record(author, page)
    ):
        return
    email_send_to_member(
        user=author,
        subject=f"Your case study helped {record.organisation or 'another member'}",
        template="participation/email/helped",
        context={
            "record": record,
            "page": page,
            "page_url": absolute(page.url),
            "member": record.user,
        },
    )
