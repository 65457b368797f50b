"""The GOV.UK Notify email backend, with a fake client in place of the real one."""

from django.core.mail import EmailMultiAlternatives, get_connection

from cop.mail import NotifyEmailBackend


class FakeNotify:
    def __init__(self, fail=False):
        self.sent, self.fail = [], fail

    def send_email_notification(self, **kwargs):
        if self.fail:
            raise RuntimeError("400 BadRequestError")
        self.sent.append(kwargs)
        return {"id": "1"}


def _message():
    message = EmailMultiAlternatives(
        "Your weekly digest",
        "Plain text body",
        "from@example.org",
        ["a@example.org", "b@example.org"],
        headers={"List-Unsubscribe": "<https://exchange.example.org/unsubscribe/t/one-click/>"},
    )
    message.attach_alternative("<p>HTML body</p>", "text/html")
    return message


def test_sends_each_recipient_through_the_template_with_the_unsubscribe_url(settings):
    settings.GOVUK_NOTIFY_API_KEY = "test-key"
    settings.GOVUK_NOTIFY_TEMPLATE_ID = "template-1"
    fake = FakeNotify()
    backend = get_connection("cop.mail.NotifyEmailBackend", client=fake)
    assert backend.send_messages([_message()]) == 1
    assert fake.sent == [
        {
            "email_address": address,
            "template_id": "template-1",
            "personalisation": {"subject": "Your weekly digest", "body": "Plain text body"},
            "one_click_unsubscribe_url": "https://exchange.example.org/unsubscribe/t/one-click/",
        }
        for address in ("a@example.org", "b@example.org")
    ]


def test_failures_raise_unless_told_to_fail_silently():
    import pytest

    with pytest.raises(RuntimeError):
        NotifyEmailBackend(client=FakeNotify(fail=True), template_id="t").send_messages(
            [_message()]
        )
    quiet = NotifyEmailBackend(client=FakeNotify(fail=True), template_id="t", fail_silently=True)
    assert quiet.send_messages([_message()]) == 0


def test_makes_the_official_client_from_the_key():
    from notifications_python_client.notifications import NotificationsAPIClient

    key = "test_key-" + "26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0"
    backend = NotifyEmailBackend(api_key=key, template_id="t")
    backend.open()
    assert isinstance(backend.client, NotificationsAPIClient)
