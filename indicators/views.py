"""Pages of the imports: upload, progress, result (with the changes to confirm, and undo),
problems as CSV, history. Thin views."""
import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from laeringslop.history import history_for
from laeringslop.permissions import get_visible_or_404, require_perm
from laeringslop.spreadsheets import neutralise
from laeringslop.tenancy import staff_municipality

from . import selectors, services
from .forms import ImportUploadForm
from .models import ImportJob


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    require_perm(request.user, "indicators.import_data")
    municipality = staff_municipality(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.import_job_start(
                file=upload, name=upload.name, user=request.user, municipality=municipality,
                fmt=form.cleaned_data["format"], dry_run=form.cleaned_data["dry_run"], confirm_changes=True,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("indicators:import_detail", pk=job.pk)
    return render(request, "indicators/import_upload.html", {
        "form": form, "municipality": municipality,
        "recent": selectors.import_jobs_for(request.user, municipality, limit=5),
    })


def _job(request, pk):
    require_perm(request.user, "indicators.import_data")
    return get_visible_or_404(ImportJob.objects.select_related("uploaded_by", "municipality"), "indicators.view_import",
                              request.user, pk=pk)


@login_required
def import_detail(request, pk):
    job = _job(request, pk)
    return render(request, "indicators/import_detail.html", {
        "job": job, "skipped": selectors.skipped_lines(job.summary),
        "problems": selectors.job_problems(job),
        "changes": selectors.job_changes(job) if job.is_finished else [],
        "change_counts": selectors.job_change_counts(job) if job.is_finished else {},
        "planned": selectors.shows_planned(job),
        "history": history_for(job),
    })


def _act(request, pk, service, done: str):
    """POST an adviser's decision on a job to ``service``; the page says what happened, or why not."""
    job = _job(request, pk)
    try:
        service(job=job, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("indicators:import_detail", pk=job.pk)


@login_required
@require_POST
def import_confirm(request, pk):
    return _act(request, pk, services.import_job_confirm, _("The import was queued: the changes are written now."))


@login_required
@require_POST
def import_cancel(request, pk):
    return _act(request, pk, services.import_job_cancel, _("The import was cancelled; nothing was stored."))


@login_required
@require_POST
def import_undo(request, pk):
    return _act(request, pk, services.import_job_undo,
                _("The import was undone: the values it changed have their old values again."))


@login_required
@require_POST
def import_retry(request, pk):
    job = _job(request, pk)
    try:
        services.import_job_retry(job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The import was queued again."))
    return redirect("indicators:import_detail", pk=job.pk)


@login_required
def import_progress(request, pk):
    """The polled progress partial; when the job is done the page reloads to show the result."""
    job = _job(request, pk)
    response = render(request, "indicators/_import_progress.html", {"job": job})
    if job.is_finished and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


def _safe(value) -> str:
    return neutralise("" if value is None else str(value))


@login_required
def import_problems_csv(request, pk):
    job = _job(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="problemer-import-{job.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Row"), _("Column"), _("Value"), _("Problem")])
    for problem in selectors.job_problems(job, limit=None):
        writer.writerow([problem.row or "", _safe(problem.column), _safe(problem.value), _safe(problem.message)])
    return response


@login_required
def import_file(request, pk):
    """The uploaded file as it was received (files are never served from MEDIA_URL)."""
    job = _job(request, pk)
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.original_name)


@login_required
def import_list(request):
    require_perm(request.user, "indicators.import_data")
    return render(request, "indicators/import_list.html", {
        "jobs": selectors.import_jobs_for(request.user, getattr(request, "municipality", None)),
    })
