"""Helpers shared by the governance views."""
from functools import wraps

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from laeringslop.concurrency import show_stale
from laeringslop.history import history_for
from laeringslop.permissions import get_visible_or_404, require_perm

from ..models import QualityPlan
from ..services import PlanArchived, plan_of


def plan_crumbs(plan, *more):
    return [(_("Quality plans"), reverse("projects:plan_list")),
            (plan.name, reverse("projects:plan_detail", args=[plan.pk])), *more]


def require_write(user, perm, obj) -> None:
    """Like ``require_perm`` for a write on a plan or anything in it; on an archived plan, someone who
    may see the plan is told so (``PlanArchived``, shown by ``refuses_archived``) instead of a bare 403."""
    if user.has_perm(perm, obj):
        return
    plan = plan_of(obj)
    if plan.is_archived and user.has_perm("projects.view_plan", plan):
        raise PlanArchived(plan)
    require_perm(user, perm, obj)


def refuses_archived(view):
    """A write page (form or POST) of a plan: an archived plan is refused with a page that says why
    (status 403, the plan's link), for a GET of the form as for a POST."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PlanArchived as refusal:
            return render(request, "projects/archived_refusal.html",
                          {"plan": refusal.plan, "message": refusal.messages[0],
                           "crumbs": plan_crumbs(refusal.plan)}, status=403)

    return wrapper


def visible_plan(request, pk, perm=None):
    """The plan if the user may see it (404 otherwise); 403 if ``perm`` is not held for it (an
    archived plan's refusal for a write permission, see ``require_write``)."""
    plan = get_visible_or_404(QualityPlan.objects.select_related("municipality"), "projects.view_plan",
                              request.user, pk=pk)
    if perm:
        require_write(request.user, perm, plan)
    return plan


def form_page(request, form, *, title, crumbs, save, success_url, history_obj=None, extra=None):
    """Show ``form``; on a valid POST call ``save(form)`` and go to ``success_url(obj)``."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form)
        except ValidationError as error:  # a rule only the save could check (e.g. a race): show it on the form
            show_stale(form, error) or attach_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(success_url(obj))
    context = {"form": form, "title": title, "crumbs": crumbs,
               "history": history_for(history_obj) if history_obj is not None else None, **(extra or {})}
    return render(request, "projects/form.html", context)


def attach_errors(form, error: ValidationError):
    """Put a model's ``ValidationError`` on ``form``: on a field it has, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, errors)
