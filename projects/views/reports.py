"""Status reports: form, page, print and PDF."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laeringslop.concurrency import show_stale
from laeringslop.history import history_for
from laeringslop.pdf import pdf_render
from laeringslop.permissions import get_visible_or_404

from .. import selectors, services
from ..forms import ReportForm, ReportItemFormSet
from ..models import StatusReport
from .common import attach_errors, plan_crumbs, refuses_archived, require_write, visible_plan


def _report_form_page(request, *, plan, report, title):
    form = ReportForm(request.POST or None, request.FILES or None, instance=report,
                      initial={"group": request.GET.get("group")} if not report.pk else None)
    initial_items = services.report_item_defaults(plan) if not report.pk else []
    formset = ReportItemFormSet(request.POST or None, instance=report, prefix="items",
                                initial=initial_items or None)
    if not report.pk and initial_items:
        formset.extra = len(initial_items) + 1
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            saved = services.report_save(form, formset, user=request.user, plan=None if report.pk else plan)
        except ValidationError as error:
            show_stale(form, error) or attach_errors(form, error)
        else:
            return redirect("projects:report_detail", pk=saved.pk)
    return render(request, "projects/report_form.html", {
        "form": form, "formset": formset, "title": title, "plan": plan, "crumbs": plan_crumbs(plan),
        "history": history_for(report) if report.pk else None,
    })


@login_required
@refuses_archived
def report_create(request, plan_pk):
    plan = visible_plan(request, plan_pk, "projects.change_plan")
    report = StatusReport(plan=plan, filled_in_by=request.user, as_of=timezone.localdate())
    return _report_form_page(request, plan=plan, report=report, title=_("New status report"))


def _visible_report(request, pk):
    return get_visible_or_404(StatusReport.objects.select_related("plan__municipality", "group", "filled_in_by"),
                              "projects.view_report", request.user, pk=pk)


def _report_context(report):
    from milestones.selectors import report_milestones  # milestones builds on projects, not the other way

    return {"report": report, "plan": report.plan, "items": report.items.all(),
            "milestones": report_milestones(report),
            "organisation": selectors.organisation_counts(report), "attachments": report.attachments.all()}


@login_required
def report_detail(request, pk):
    report = _visible_report(request, pk)
    context = _report_context(report)
    context.update(crumbs=plan_crumbs(report.plan), history=history_for(report),
                   can_edit=request.user.has_perm("projects.change_plan", report.plan))
    return render(request, "projects/report_detail.html", context)


@login_required
@refuses_archived
def report_edit(request, pk):
    report = _visible_report(request, pk)
    require_write(request.user, "projects.change_plan", report.plan)
    return _report_form_page(request, plan=report.plan, report=report, title=_("Edit status report"))


@login_required
def report_pdf(request, pk):
    """The report as PDF, rendered here (a status report is a page or two) with a lean stylesheet."""
    report = _visible_report(request, pk)
    html = render_to_string("projects/report_pdf.html", _report_context(report), request=request)
    pdf = pdf_render(html, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"statusrapport-{report.as_of.isoformat()}-{report.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


__all__ = ["report_create", "report_detail", "report_edit", "report_pdf"]
