"""Background tasks for case studies (django-tasks; `manage.py db_worker` runs them)."""

from django_tasks import task

from casestudies.services import freshness


@task()
def send_review_reminders() -> dict:
    """Email the people responsible for overdue case studies (see services/freshness.py)."""
    run = freshness.send_review_reminders()
    return {
        "case_studies": run.case_studies,
        "first_emails": run.first_emails,
        "follow_up_emails": run.follow_up_emails,
        "failed": run.failed,
    }
