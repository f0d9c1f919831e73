"""The director's (and advisers') panel: per plan, milestones due in 30 days and late ones."""
from laeringslop.hooks import Panel
from laeringslop.permissions import is_municipal_staff

from .selectors import due_and_late_by_plan


def panels(request):
    if not is_municipal_staff(request.user):
        return []
    return [Panel("milestones/panels/due.html", {"plans": due_and_late_by_plan(request.user)}, order=10)]
