"""Demo: the notices the demo's events would have sent, through the same services — the rectors are
told that this year's Læringsspeil is open, the advisers of the follow-up tasks given to them.
Recorded in the seed's transaction and mailed by the worker after it commits (the demo prints
e-mails to the worker's log). Idempotent: each notice is sent once."""
from dialogue.followup import task_assigned_notify
from dialogue.models import FollowUpTask, TaskStatus
from dialogue.services import year_published_notify


def seed(context: dict) -> None:
    current = context.get("mirror_years", {}).get("current")
    if current is None:
        return
    if current.is_published:
        year_published_notify(current)
    tasks = (FollowUpTask.objects.filter(dialogue__school__municipality=current.municipality,
                                         status=TaskStatus.OPEN)
             .select_related("dialogue__school__municipality", "responsible", "created_by").order_by("pk"))
    for task in tasks:
        task_assigned_notify(task, by=task.created_by)
