"""The reports that prepare the director's dialogue with each rector: the list per year, requests, the files."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from laeringslop.jobs import jobs_waiting_for_queue
from laeringslop.permissions import require_perm

from .. import selectors
from ..models import DialogueReport
from ..reports import reports_request as request_reports
from .common import managed_year, school_mirror_year, visible_school

#: The stored report is a document of its own: no scripts, nothing loaded from elsewhere.
REPORT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
              "form-action 'none'; frame-ancestors 'none'")


@login_required
def report_list(request, year):
    mirror_year = managed_year(request, year)
    rows = selectors.report_rows(mirror_year)
    busy = [r for r in rows if r.report and r.report.is_busy]
    context = {"mirror_year": mirror_year, "rows": rows, "busy": busy,
               "outdated": [r for r in rows if r.is_outdated], "languages": settings.LANGUAGES}
    if request.headers.get("HX-Request"):
        return render(request, "dialogue/_report_rows.html", context)
    return render(request, "dialogue/report_list.html", context)


def _report_language(request) -> str:
    """The language the requester chose for the reports (a choice on the reports page); their own UI's
    language when they chose none or one the portal does not speak."""
    chosen = request.POST.get("language", "")
    return chosen if chosen in dict(settings.LANGUAGES) else request.LANGUAGE_CODE


@login_required
@require_POST
def reports_request(request, year):
    mirror_year = managed_year(request, year)
    queued = request_reports(mirror_year, request.user, language=_report_language(request))
    if not _queue_down(request, queued):
        messages.success(request, ngettext("%(count)d report is being compiled.",
                                           "%(count)d reports are being compiled.", len(queued)) % {"count": len(queued)})
    return redirect("dialogue:report_list", year=year)


def _queue_down(request, queued) -> bool:
    """Tell the user when the job queue did not take the reports (they wait, and go when it is back)."""
    if not jobs_waiting_for_queue(DialogueReport, [r.pk for r in queued]):
        return False
    messages.warning(request, _("The job queue does not answer right now. The reports are kept and compiled "
                                "by themselves when the queue is back; you need not ask again."))
    return True


@login_required
@require_POST
def report_request(request, school_id, year):
    school = visible_school(request.user, school_id)
    mirror_year = managed_year(request, year)
    if school.municipality_id != mirror_year.municipality_id or not school.is_school:
        raise Http404
    queued = request_reports(mirror_year, request.user, schools=[school], language=_report_language(request))
    if not queued:
        messages.info(request, _("The report for %(school)s is being compiled already.") % {"school": school.name})
    elif not _queue_down(request, queued):
        messages.success(request, _("The report for %(school)s is being compiled.") % {"school": school.name})
    return redirect("dialogue:report_list", year=year)


def _report(request, school_id, year) -> DialogueReport:
    """The school's compiled report, if the user may see it (404 otherwise, also before it is compiled)."""
    school = visible_school(request.user, school_id)
    require_perm(request.user, "dialogue.view_report", school)
    report = selectors.report_for(school_mirror_year(request.user, school, year), school)
    if report is None or not report.has_files:
        raise Http404
    return report


@login_required
def report_html(request, school_id, year):
    report = _report(request, school_id, year)
    try:
        with report.html.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        raise Http404 from None
    response = HttpResponse(content, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = REPORT_CSP
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
def report_pdf(request, school_id, year):
    report = _report(request, school_id, year)
    try:
        handle = report.pdf.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = f"rapport-utviklingssamtale-{report.school.org_number}-{year}.pdf"
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type="application/pdf")
    response["Cache-Control"] = "private, no-cache"
    return response

