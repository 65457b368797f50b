"""An email backend that sends through GOV.UK Notify (notifications-python-client).

Switched on in production when `GOVUK_NOTIFY_API_KEY` is set (cop/settings/production.py).
Notify sends from templates, so the service needs one email template whose subject is
`((subject))` and whose body is `((body))`; its id goes in `GOVUK_NOTIFY_TEMPLATE_ID`. Each
message's plain-text body is sent (Notify makes its own HTML), one request per recipient,
and a `List-Unsubscribe` header becomes Notify's `one_click_unsubscribe_url`.
"""

import logging

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, *, api_key=None, template_id=None, client=None, **kw):
        super().__init__(fail_silently=fail_silently, **kw)
        self.api_key = api_key or getattr(settings, "GOVUK_NOTIFY_API_KEY", "")
        self.template_id = template_id or getattr(settings, "GOVUK_NOTIFY_TEMPLATE_ID", "")
        self.client = client

    def open(self):
        if self.client is None:
            from notifications_python_client.notifications import NotificationsAPIClient

            self.client = NotificationsAPIClient(self.api_key)
        return True

    def send_messages(self, email_messages) -> int:
        if not email_messages:
            return 0
        self.open()
        sent = 0
        for message in email_messages:
            unsubscribe = (message.extra_headers or {}).get("List-Unsubscribe", "")
            unsubscribe = unsubscribe.strip().removeprefix("<").removesuffix(">") or None
            try:
                for address in message.recipients():
                    self.client.send_email_notification(
                        email_address=address,
                        template_id=self.template_id,
                        personalisation={"subject": message.subject, "body": message.body},
                        one_click_unsubscribe_url=unsubscribe,
                    )
            except Exception:
                if not self.fail_silently:
                    raise
                logger.exception("GOV.UK Notify did not accept an email")
                continue
            sent += 1
        return sent
