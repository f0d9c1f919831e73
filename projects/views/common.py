"""Helpers shared by the governance views."""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from laeringslop.history import history_for
from laeringslop.permissions import get_visible_or_404, require_perm

from ..models import QualityPlan


def plan_crumbs(plan, *more):
    return [(_("Quality plans"), reverse("projects:plan_list")),
            (plan.name, reverse("projects:plan_detail", args=[plan.pk])), *more]


def visible_plan(request, pk, perm=None):
    """The plan if the user may see it (404 otherwise); 403 if ``perm`` is not held for it."""
    plan = get_visible_or_404(QualityPlan.objects.select_related("municipality"), "projects.view_plan",
                              request.user, pk=pk)
    if perm:
        require_perm(request.user, perm, plan)
    return plan


def form_page(request, form, *, title, crumbs, save, success_url, history_obj=None, extra=None):
    """Show ``form``; on a valid POST call ``save(form)`` and go to ``success_url(obj)``."""
    if request.method == "POST" and form.is_valid():
        obj = save(form)
        messages.success(request, _("Saved."))
        return redirect(success_url(obj))
    context = {"form": form, "title": title, "crumbs": crumbs,
               "history": history_for(history_obj) if history_obj is not None else None, **(extra or {})}
    return render(request, "projects/form.html", context)
