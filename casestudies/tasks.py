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


@task()
def build_case_study_export(export_id: str) -> dict:
    """Make a large case study download and email its link (casestudies/exports.py)."""
    from casestudies.exports import case_study_export_build
    from casestudies.models import CaseStudyExport

    export = CaseStudyExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None:
        return {"status": "gone"}
    export = case_study_export_build(export=export)
    return {"status": export.status, "rows": export.row_count}
