"""The leader meetings' pages: the year's plan (with its print, PDF and iCalendar), «Mine møter», planning
and changing a meeting, the meeting's page (agenda, participants, material, minutes) and its files."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from laeringslop.concurrency import show_stale
from laeringslop.history import history_for
from laeringslop.permissions import get_visible_or_404, require_perm
from laeringslop.schoolyear import SchoolYear
from projects.uploads import download_response
from projects.views.common import attach_errors

from . import feeds, selectors, services
from .forms import AttachForm, CancelForm, MeetingForm, agenda_formset, agenda_rows
from .models import LeaderMeeting, MeetingAttachment

#: The form fields the services' errors belong on.
FIELD_FOR = {"starts_at": "day", "ends_at": "end", "participants": "people"}
PLAN_CSS = "leadership/plan.css"


def _year(year: int) -> SchoolYear:
    if not 2000 <= year <= 2100:
        raise Http404
    return SchoolYear(year)


def _municipality(request, perm: str):
    """The request's municipality, for a user with ``perm`` there (403 otherwise)."""
    require_perm(request.user, perm)
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        raise PermissionDenied
    return municipality


def _meeting(request, pk, perm="leadership.view_meeting") -> LeaderMeeting:
    return get_visible_or_404(LeaderMeeting.objects.select_related("municipality", "created_by"), perm,
                              request.user, pk=pk)


def _fail(request, form, formset, error: ValidationError) -> None:
    if show_stale(form, error):
        messages.error(request, _("Nothing was saved: someone else saved a newer version. See the form."))
        return
    if hasattr(error, "error_dict"):
        agenda = error.error_dict.pop("agenda", [])
        if agenda and formset is not None:
            formset._non_form_errors = formset.error_class([e.message % (e.params or {}) for e in agenda])
        elif agenda:
            error.error_dict["__all__"] = agenda
        error = ValidationError({FIELD_FOR.get(name, name): errors for name, errors in error.error_dict.items()}) \
            if error.error_dict else None
    if error is not None:
        attach_errors(form, error)
    messages.error(request, _("The form has errors: see the messages by the fields."))


def _plan_context(request, year: int) -> dict:
    municipality = _municipality(request, "leadership.view_plan")
    school_year = _year(year)
    return {"municipality": municipality, "school_year": school_year,
            "meetings": selectors.plan_of_year(municipality, request.user, school_year),
            "can_plan": request.user.has_perm("leadership.plan_meeting"),
            "previous": school_year.previous(), "next": school_year.next()}


@login_required
def plan_current(request):
    _municipality(request, "leadership.view_plan")
    return redirect("leadership:plan", year=SchoolYear.current().start)


@login_required
def plan(request, year):
    return render(request, "leadership/plan.html", _plan_context(request, year))


@login_required
def plan_print(request, year):
    return render(request, "leadership/plan_print.html", _plan_context(request, year))


@login_required
def plan_pdf(request, year):
    """The year's plan as a one-page A4 PDF (WeasyPrint), from the print page's table and stylesheet."""
    from laeringslop.pdf import pdf_render

    context = _plan_context(request, year)
    with open(finders.find(PLAN_CSS), encoding="utf-8") as css:
        context["stylesheet"] = css.read()
    html = render_to_string("leadership/plan_document.html", context, request=request)
    response = HttpResponse(pdf_render(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ledermoter-{context["school_year"].label}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def plan_calendar(request, year):
    """The year's plan as iCalendar: every meeting's time, arena, topic and place (no agendas, no files)."""
    context = _plan_context(request, year)
    body = feeds.plan_calendar(context["municipality"], context["school_year"], context["meetings"],
                               request.build_absolute_uri)
    return _ics(body, f"ledermoter-{context['school_year'].label}.ics")


@login_required
def mine(request):
    municipality = _municipality(request, "leadership.view_mine")
    return render(request, "leadership/mine.html", {
        "municipality": municipality, **selectors.my_meetings(municipality, request.user),
        "can_plan": request.user.has_perm("leadership.plan_meeting")})


def _participants(municipality, form) -> list:
    data = form.cleaned_data
    return selectors.people_for(municipality, roles=data["invite_roles"], units=data["units"], people=data["people"])


def _meeting_values(form) -> dict:
    starts_at, ends_at = form.times()
    data = form.cleaned_data
    return {"kind": data["kind"], "title": data["title"], "starts_at": starts_at, "ends_at": ends_at,
            "place": data["place"], "target_group": data["target_group"], "description": data["description"]}


@login_required
def meeting_create(request):
    municipality = _municipality(request, "leadership.plan_meeting")
    if request.method == "POST":
        form = MeetingForm(request.POST, municipality=municipality)
        formset = agenda_formset(request.POST)
        if form.is_valid() and formset.is_valid():
            try:
                meeting = services.meeting_plan(municipality=municipality, user=request.user,
                                                participants=_participants(municipality, form),
                                                agenda=agenda_rows(formset), **_meeting_values(form))
            except ValidationError as error:
                _fail(request, form, formset, error)
            else:
                messages.success(request, _("The meeting is planned."))
                return redirect("leadership:meeting_detail", pk=meeting.pk)
        else:
            messages.error(request, _("The form has errors: see the messages by the fields."))
    else:
        form = MeetingForm(municipality=municipality, initial={"start": "09:00", "end": "12:00"})
        formset = agenda_formset(spare=4)
    return render(request, "leadership/meeting_form.html", {"form": form, "formset": formset, "meeting": None})


@login_required
def meeting_edit(request, pk):
    meeting = _meeting(request, pk)
    require_perm(request.user, "leadership.change_meeting", meeting)
    if meeting.is_cancelled:
        messages.info(request, _("The meeting is cancelled and cannot be changed."))
        return redirect("leadership:meeting_detail", pk=meeting.pk)
    municipality = meeting.municipality
    if request.method == "POST":
        form = MeetingForm(request.POST, municipality=municipality, meeting=meeting)
        formset = agenda_formset(request.POST, meeting=meeting)
        if form.is_valid() and formset.is_valid():
            try:
                services.meeting_update(meeting, participants=_participants(municipality, form),
                                        agenda=agenda_rows(formset), version=form.read_version,
                                        **_meeting_values(form))
            except ValidationError as error:
                _fail(request, form, formset, error)
            else:
                messages.success(request, _("The meeting is saved."))
                return redirect("leadership:meeting_detail", pk=meeting.pk)
        else:
            messages.error(request, _("The form has errors: see the messages by the fields."))
    else:
        form = MeetingForm(municipality=municipality, meeting=meeting)
        formset = agenda_formset(meeting=meeting, spare=2)
    return render(request, "leadership/meeting_form.html", {"form": form, "formset": formset, "meeting": meeting})


@login_required
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    can_change = request.user.has_perm("leadership.change_meeting", meeting)
    return render(request, "leadership/meeting_detail.html", {
        "meeting": meeting, **selectors.meeting_detail(meeting), "can_change": can_change,
        "staff": selectors.sees_all(request.user, meeting.municipality),
        "attach_form": AttachForm() if can_change else None,
        "cancel_form": CancelForm(meeting=meeting) if can_change else None,
        "history": history_for(meeting) if can_change else [],
    })


@login_required
@require_POST
def meeting_cancel(request, pk):
    meeting = _meeting(request, pk)
    require_perm(request.user, "leadership.change_meeting", meeting)
    form = CancelForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.error(request, _("The form has errors: see the messages by the fields."))
    else:
        try:
            services.meeting_cancel(meeting, reason=form.cleaned_data["reason"], version=form.read_version)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The meeting is cancelled. It stays in the plan, marked cancelled."))
    return redirect("leadership:meeting_detail", pk=meeting.pk)


@login_required
@require_POST
def meeting_attach(request, pk):
    meeting = _meeting(request, pk)
    require_perm(request.user, "leadership.change_meeting", meeting)
    form = AttachForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            files = services.meeting_attach(meeting, files=form.cleaned_data["files"], kind=form.cleaned_data["kind"],
                                            user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(n)s file(s) attached.") % {"n": len(files)})
            return redirect("leadership:meeting_detail", pk=meeting.pk)
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("leadership:meeting_detail", pk=meeting.pk)


@login_required
def meeting_calendar(request, pk):
    """One meeting as iCalendar, with its agenda (for those who may open the meeting)."""
    meeting = _meeting(request, pk)
    body = feeds.meeting_calendar(meeting, list(meeting.agenda_items.order_by("position")),
                                  request.build_absolute_uri)
    return _ics(body, f"ledermote-{timezone.localtime(meeting.starts_at):%Y-%m-%d}.ics")


def _attachment(request, pk, *, removed=False) -> MeetingAttachment:
    files = MeetingAttachment.objects.select_related("meeting")
    attachment = get_object_or_404(files if removed else files.filter(removed_at__isnull=True), pk=pk)
    if not request.user.has_perm("leadership.view_meeting", attachment.meeting):
        raise Http404
    return attachment


@login_required
def attachment_download(request, pk):
    return download_response(_attachment(request, pk))  # as the projects' attachments


@login_required
@require_POST
def attachment_remove(request, pk):
    attachment = _attachment(request, pk, removed=True)
    require_perm(request.user, "leadership.change_meeting", attachment.meeting)
    if services.attachment_remove(attachment):
        messages.success(request, _("The file %(name)s is removed.") % {"name": attachment.original_name})
    else:
        messages.info(request, _("The file %(name)s was already removed.") % {"name": attachment.original_name})
    return redirect("leadership:meeting_detail", pk=attachment.meeting_id)
