"""The plan's measures (tiltak): the list, and the pages to add and change one."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from laeringslop.permissions import get_visible_or_404, require_perm

from .. import measures
from ..forms import MeasureForm
from ..models import Measure
from ..people import person_roles
from .common import form_page, plan_crumbs, visible_plan


def _to_list(measure):
    return reverse("projects:measure_list", args=[measure.plan_id]) + f"#measure-{measure.pk}"


def _list_crumb(plan):
    return plan_crumbs(plan, (_("Measures"), reverse("projects:measure_list", args=[plan.pk])))


@login_required
def measure_list(request, plan_pk):
    plan = visible_plan(request, plan_pk)
    rows = list(measures.measures_of(plan))
    for measure in rows:  # «rektor, Almeåsen skole» beside the responsible person's name
        measure.responsible_roles = person_roles(measure.responsible_person) if measure.responsible_person else ""
    return render(request, "projects/measure_list.html", {
        "plan": plan, "measures": rows,
        "can_edit": request.user.has_perm("projects.change_plan", plan),
    })


@login_required
def measure_create(request, plan_pk):
    plan = visible_plan(request, plan_pk, "projects.change_plan")
    form = MeasureForm(request.POST or None, instance=Measure(plan=plan))
    return form_page(request, form, title=_("New measure"), crumbs=_list_crumb(plan),
                     save=lambda f: measures.measure_save(form=f, plan=plan), success_url=_to_list)


@login_required
def measure_edit(request, pk):
    measure = get_visible_or_404(Measure.objects.select_related("plan", "plan__municipality"), "projects.view_plan",
                                 request.user, pk=pk)
    require_perm(request.user, "projects.change_plan", measure.plan)
    form = MeasureForm(request.POST or None, instance=measure)
    return form_page(request, form, title=_("Edit measure"), crumbs=_list_crumb(measure.plan),
                     save=lambda f: measures.measure_save(form=f), success_url=_to_list, history_obj=measure)
