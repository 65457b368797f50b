"""Background tasks for participation (django-tasks; `manage.py db_worker` runs them)."""

from django_tasks import task

from participation.services import notifications


@task()
def announce_activity(item_keys: list[str]) -> int:
    """Match saved searches against new items and tell members who chose "as it happens"
    (see services/notifications.py). Safe to run twice."""
    return notifications.activity_announce(item_keys=item_keys)


@task()
def send_digests(frequency: str) -> dict:
    """Send the daily or weekly digests for the last whole period. Safe to run twice."""
    run = notifications.digests_send(frequency=frequency)
    return {
        "period_start": str(run.period_start),
        "sent": run.sent,
        "empty": run.empty,
        "already_sent": run.already_sent,
        "failed": run.failed,
    }


@task()
def store_saved_search(saved_search_id: int) -> bool:
    """Bring Elasticsearch's percolator index in line with this saved search (store its
    query, or remove it if the search was deleted). Safe to run twice."""
    from participation.services.saved_searches import saved_query
    from search.services import saved_search_changed

    return saved_search_changed(saved_search_id, saved_query(saved_search_id))


@task()
def send_announcement(announcement_id: int) -> dict:
    """Email a community's announcement to its members. Safe to run twice."""
    from participation.services.announcements import announcement_send

    result = announcement_send(announcement_id=announcement_id)
    return {"sent": result.sent, "failed": result.failed}
