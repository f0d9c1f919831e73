"""Writes for the dialogue reports: request them (one Celery task per school) and compile one.

A report row is its own job: the task claims it with ``select_for_update``, renders the HTML, renders
the PDF from the same HTML with WeasyPrint, and stores both under MEDIA_ROOT (never served by URL).
"""
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from laeringslop.jobs import describe, job_claim, job_enqueue_on_commit, job_fail, job_heartbeat
from laeringslop.models import Role, RoleAssignment
from laeringslop.pdf import pdf_render
from notices.models import NoticeKind
from notices.services import notify

from . import selectors
from .models import DialogueReport, MirrorYear, ReportStatus
from .selectors.cycle import cycle_schools

logger = logging.getLogger(__name__)
TEMPLATE = "dialogue/report/document.html"


def reports_request(mirror_year: MirrorYear, user, schools=None, *, language: str | None = None) -> list:
    """Create or reset the report of every active school of the municipality (or of ``schools``) and
    enqueue one compile task each when the transaction commits.

    The report is written in ``language``: the one the requester chose on the reports page (by default the
    language their own UI speaks); without one, the site's language. A language the portal does not speak is
    refused (code "unknown_language"). The report list shows each report's language. A report being compiled right now is left alone (it is not queued twice); a waiting one is queued
    again, which is harmless: the second task finds it taken.
    """
    language = language or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("The portal does not speak the language «%(language)s»."), code="unknown_language",
                              params={"language": language})
    queryset = cycle_schools(mirror_year)
    if schools is not None:
        queryset = queryset.filter(pk__in=[getattr(s, "pk", s) for s in schools])
    queued = []
    with transaction.atomic():
        now = timezone.now()
        # A row for each school that has none; a request at the same moment may create one too.
        fresh = set()
        for school in queryset.exclude(dialogue_reports__mirror_year=mirror_year):
            try:
                with transaction.atomic():
                    DialogueReport.objects.create(mirror_year=mirror_year, school=school, requested_by=user,
                                                  requested_at=now, language=language)
                fresh.add(school.pk)
            except IntegrityError:
                pass
        existing = {r.school_id: r for r in DialogueReport.objects.select_for_update()
                    .filter(mirror_year=mirror_year, school__in=queryset)}
        for school in queryset.order_by("name"):
            report = existing[school.pk]
            if school.pk in fresh:
                pass  # just created, waiting: nothing to reset
            elif report.status == ReportStatus.RUNNING and not report.is_stale:
                continue
            else:
                report.status = ReportStatus.PENDING
                report.requested_by, report.requested_at, report.language = user, now, language
                report.started_at = report.finished_at = report.enqueued_at = None
                report.error = ""
                report.attempts = 0
                report.save(update_fields=["status", "requested_by", "requested_at", "language", "started_at",
                                           "finished_at", "enqueued_at", "error", "attempts"])
            queued.append(report)
        job_enqueue_on_commit(DialogueReport, [r.pk for r in queued])
    return queued


def render_report(report: DialogueReport, compiled_at) -> tuple[str, bytes]:
    """The report as an HTML document and as a PDF made from that same document."""
    with override(report.language):
        html = render_to_string(TEMPLATE, selectors.report_context(report, compiled_at))
    pdf = pdf_render(html)
    return html, pdf


def report_compile(report_id: int, *, task_id: str | None = None) -> DialogueReport | None:
    """Claim the report, compile and store its files, mark it done; on an error mark it failed.

    Safe to run twice: a report that is done, failed or being compiled is not touched (but a
    redelivery of the attempt whose worker died, or a stale report, is taken over).
    """
    claimed = job_claim(DialogueReport, report_id, task_id=task_id)
    if claimed is None:
        return DialogueReport.objects.filter(pk=report_id).first()
    attempt = claimed.attempts
    report = DialogueReport.objects.select_related("mirror_year__municipality", "school__municipality").get(
        pk=claimed.pk)
    old = [f.name for f in (report.html, report.pdf) if f]
    new = []
    try:
        with job_heartbeat(DialogueReport, report.pk, attempt):
            # The fingerprint is taken first: anything that changes while the report is compiled makes it out of date.
            digest = selectors.fingerprint(report)
            compiled_at = timezone.now()
            html, pdf = render_report(report, compiled_at)
            stem = f"rapport-{report.school.org_number}-{report.mirror_year.school_year}"
            report.html.save(f"{stem}.html", ContentFile(html.encode("utf-8")), save=False)
            new.append(report.html.name)
            report.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
            new.append(report.pdf.name)
    except Exception as error:  # noqa: BLE001 - recorded on the row, shown to the advisers
        logger.exception("Dialogue report %s failed", report.pk)
        _delete_files(report.html.storage, new)
        job_fail(DialogueReport, report.pk, attempt=attempt, reason=describe(error))
        report.refresh_from_db()
        return report
    report.status = ReportStatus.DONE
    report.fingerprint = digest
    report.compiled_at = compiled_at
    report.finished_at = timezone.now()
    report.error = ""
    report.heartbeat_at = None
    with transaction.atomic():
        report.save(update_fields=["status", "fingerprint", "compiled_at", "finished_at", "error", "html", "pdf",
                                   "heartbeat_at"])
        _notify_ready(report)
    _delete_files(report.html.storage, [name for name in old if name not in new])
    return report


def _notify_ready(report: DialogueReport) -> None:
    """Tell the school's rectors that the report is ready (mailed after the commit). The event is the
    report compiled from this data: compiling it again from the same data tells nobody again."""
    mirror_year = report.mirror_year
    rectors = [ra.user for ra in RoleAssignment.objects.filter(role=Role.RECTOR, unit=report.school)
               .select_related("user").order_by("user_id")]
    notify(kind=NoticeKind.REPORT_READY, event_key=f"{report.pk}:{report.fingerprint}", recipients=rectors,
           municipality=mirror_year.municipality, context={"mirror_year": mirror_year, "school": report.school},
           url=reverse("dialogue:report_html", kwargs={"school_id": report.school_id,
                                                        "year": mirror_year.school_year}))


def _delete_files(storage, names) -> None:
    for name in names:
        try:
            storage.delete(name)
        except OSError:  # already gone: nothing to clean up
            logger.warning("Could not delete %s", name)
