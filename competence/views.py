"""The competence pages: measures (list, page, edit, sessions), sign-up per unit, the participants and
their export, the surveys (list, page with the chart, upload and its confirmation). Thin: the rules are
in ``services`` and the reads in ``selectors``."""
import os
import tempfile
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dialogue.exports import to_csv, to_xlsx
from indicators.importing.problems import SHOWN_PROBLEMS, Problem
from laeringslop.concurrency import show_stale
from laeringslop.history import history_for
from laeringslop.models import Unit
from laeringslop.permissions import get_visible_or_404, require_perm
from laeringslop.tenancy import managed_municipality

from . import importing, selectors, services
from .charts import gap_chart
from .forms import MeasureForm, SessionForm, SignUpForm, SurveyForm, UploadForm
from .models import CompetenceMeasure, CompetenceSurvey, MeasureSession, Participant, SurveyUpload, UploadStatus
from .staff_forms import StaffSignUpForm


def _municipality(request):
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        raise PermissionDenied
    return municipality


def _measure(request, pk, perm="competence.see_measure", queryset=None):
    require_perm(request.user, "competence.view_measures")
    municipality = _municipality(request)
    queryset = queryset if queryset is not None else CompetenceMeasure.objects.filter(municipality=municipality)
    return get_visible_or_404(queryset, perm, request.user, pk=pk)


def _crumbs(*more):
    return [(_("Competence development"), reverse("competence:measures")), *more]


@login_required
def measure_list(request):
    require_perm(request.user, "competence.view_measures")
    municipality = _municipality(request)
    return render(request, "competence/measures.html", {
        "measures": selectors.measures_for(municipality, request.user),
        "can_manage": request.user.has_perm("competence.manage_measures"),
        "units": selectors.led_units(request.user, municipality),
    })


@login_required
def measure_detail(request, pk):
    municipality = _municipality(request)
    measure = _measure(request, pk, queryset=selectors.measure_detail(municipality))
    then, now, gaps = selectors.measure_topic_gaps(measure)
    return render(request, "competence/measure.html", {
        "measure": measure, "crumbs": _crumbs(), "units": selectors.led_units(request.user, municipality),
        "can_change": request.user.has_perm("competence.change_measure", measure),
        "can_see_participants": request.user.has_perm("competence.see_participants", measure),
        "then": then, "now": now, "gaps": gaps,
        "history": history_for(measure) if request.user.has_perm("competence.change_measure", measure) else None,
    })


def _measure_form_page(request, form, municipality, title):
    if request.method == "POST" and form.is_valid():
        try:
            measure = services.measure_save(form=form, municipality=municipality, user=request.user)
        except ValidationError as error:
            show_stale(form, error) or form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("competence:measure", pk=measure.pk)
    return render(request, "competence/form.html", {"form": form, "title": title, "crumbs": _crumbs()})


@login_required
def measure_create(request):
    municipality = managed_municipality(request, "competence.manage_measures")
    form = MeasureForm(request.POST or None, instance=CompetenceMeasure(municipality=municipality),
                       municipality=municipality)
    return _measure_form_page(request, form, municipality, _("New competence measure"))


@login_required
def measure_edit(request, pk):
    municipality = managed_municipality(request, "competence.manage_measures")
    measure = _measure(request, pk, "competence.change_measure")
    form = MeasureForm(request.POST or None, instance=measure, municipality=municipality)
    return _measure_form_page(request, form, municipality, _("Edit: %(title)s") % {"title": measure.title})


def _session_page(request, measure, form, session=None):
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.session_save(measure=measure, day=data["date"], starts_at=data["starts_at"],
                                  ends_at=data["ends_at"], place=data["place"], group=data["group"],
                                  session=session)
        except ValidationError as error:
            form.add_error(None, error) if not hasattr(error, "error_dict") else _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("competence:measure", pk=measure.pk)
    title = _("New session of %(title)s") % {"title": measure.title} if session is None else \
        _("Edit session of %(title)s") % {"title": measure.title}
    return render(request, "competence/form.html", {
        "form": form, "title": title, "crumbs": _crumbs((measure.title, reverse("competence:measure",
                                                                                 args=[measure.pk])))})


def _add_errors(form, error):
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def session_create(request, pk):
    managed_municipality(request, "competence.manage_measures")
    measure = _measure(request, pk, "competence.change_measure")
    form = SessionForm(request.POST or None, instance=MeasureSession(measure=measure))
    return _session_page(request, measure, form)


def _session(request, pk):
    managed_municipality(request, "competence.manage_measures")
    session = MeasureSession.objects.select_related("measure").filter(pk=pk).first()
    if session is None or not request.user.has_perm("competence.change_measure", session.measure):
        raise Http404
    return session


@login_required
def session_edit(request, pk):
    session = _session(request, pk)
    form = SessionForm(request.POST or None, instance=MeasureSession.objects.get(pk=session.pk))
    return _session_page(request, session.measure, form, session)


@login_required
@require_POST
def session_delete(request, pk):
    session = _session(request, pk)
    services.session_delete(session=session)
    messages.success(request, _("The session is deleted."))
    return redirect("competence:measure", pk=session.measure_id)


# --- Sign-up -----------------------------------------------------------------------------------
@login_required
def signup(request, pk, unit_pk):
    """A unit leader's page for one measure: the unit's participants and waiting list, and the sign-up form."""
    require_perm(request.user, "competence.sign_up")
    municipality = _municipality(request)
    measure = _measure(request, pk, queryset=selectors.measure_detail(municipality))
    unit = get_visible_or_404(Unit.objects.filter(municipality=municipality), "competence.sign_up_for_unit",
                              request.user, pk=unit_pk)
    staff = services.signups.unit_staff(unit)
    form = SignUpForm(request.POST or None, staff=staff)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            participant = services.participant_sign_up(measure=measure, unit=unit, name=data["name"],
                                                       email=data["email"], user=data["user"], by=request.user)
        except ValidationError as error:
            _add_errors(form, error) if hasattr(error, "error_dict") else form.add_error(None, error)
        else:
            _signed_up_message(request, participant)
            return redirect("competence:signup", pk=measure.pk, unit_pk=unit.pk)
    return render(request, "competence/signup.html", {
        "measure": measure, "unit": unit, "form": form, "rows": selectors.participant_rows(measure, unit),
        "crumbs": _crumbs((measure.title, reverse("competence:measure", args=[measure.pk]))),
    })


@login_required
@require_POST
def participant_cancel(request, pk):
    require_perm(request.user, "competence.view_measures")
    participant = Participant.objects.select_related("measure", "unit").filter(
        pk=pk, measure__municipality=_municipality(request)).first()
    if participant is None or not request.user.has_perm("competence.cancel_participant", participant):
        raise Http404
    try:
        services.participant_cancel(participant=participant, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The place of %(name)s is cancelled.") % {"name": participant.name})
    if request.user.has_perm("competence.see_participants", participant.measure):
        return redirect("competence:participants", pk=participant.measure_id)
    return redirect("competence:signup", pk=participant.measure_id, unit_pk=participant.unit_id)


def _signed_up_message(request, participant) -> None:
    if participant.status == "place":
        messages.success(request, _("%(name)s has a place.") % {"name": participant.name})
    else:
        messages.warning(request, _("The measure is full: %(name)s is on the waiting list.")
                         % {"name": participant.name})


@login_required
def participants(request, pk):
    """Every unit's participants; the staff sign up people of any school or kindergarten here."""
    require_perm(request.user, "competence.view_participant_lists")
    municipality = _municipality(request)
    measure = _measure(request, pk, "competence.see_participants", queryset=selectors.measure_detail(municipality))
    over = measure.ends_on < timezone.localdate()
    form = None
    if request.user.has_perm("competence.sign_up_any_unit", measure) and not over:
        form = StaffSignUpForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            participant = services.participant_sign_up(measure=measure, unit=data["unit"], name=data["name"],
                                                       email=data["email"], user=data["user"], by=request.user)
        except ValidationError as error:
            _add_errors(form, error) if hasattr(error, "error_dict") else form.add_error(None, error)
        else:
            _signed_up_message(request, participant)
            return redirect("competence:participants", pk=measure.pk)
    return render(request, "competence/participants.html", {
        "measure": measure, "groups": selectors.participants_by_unit(measure), "form": form, "over": over,
        "crumbs": _crumbs((measure.title, reverse("competence:measure", args=[measure.pk]))),
    })


@login_required
def participants_export(request, pk, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    require_perm(request.user, "competence.view_participant_lists")
    measure = _measure(request, pk, "competence.see_participants")
    header = [_("Unit"), _("Name"), _("E-mail address"), _("Status"), _("Number on the waiting list"),
              _("Signed up")]
    rows = [[unit.name, row.participant.name, row.participant.email, row.participant.get_status_display(),
             row.waiting_number or "", row.participant.signed_up_at.strftime("%d.%m.%Y %H:%M")]
            for unit, unit_rows in selectors.participants_by_unit(measure) for row in unit_rows]
    name = f"deltakere-{slugify(measure.title)[:40] or measure.pk}"
    if fmt == "xlsx":
        response = HttpResponse(to_xlsx(header, rows, _("Participants")),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(to_csv(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


# --- The competence survey -----------------------------------------------------------------------
def _survey(request, pk, perm="competence.see_survey"):
    require_perm(request.user, "competence.view_surveys")
    municipality = _municipality(request)
    return get_visible_or_404(CompetenceSurvey.objects.filter(municipality=municipality), perm, request.user, pk=pk)


def _survey_crumbs(*more):
    return [(_("Competence surveys"), reverse("competence:surveys")), *more]


@login_required
def survey_list(request):
    require_perm(request.user, "competence.view_surveys")
    return render(request, "competence/surveys.html", {
        "surveys": selectors.surveys_for(_municipality(request)),
        "can_manage": request.user.has_perm("competence.manage_surveys"),
    })


@login_required
def survey_create(request):
    municipality = managed_municipality(request, "competence.manage_surveys")
    form = SurveyForm(request.POST or None, instance=CompetenceSurvey(municipality=municipality))
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_save(form=form, municipality=municipality)
        except ValidationError as error:
            _add_errors(form, error) if hasattr(error, "error_dict") else form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("competence:survey", pk=survey.pk)
    return render(request, "competence/form.html", {"form": form, "title": _("New competence survey"),
                                                    "crumbs": _survey_crumbs()})


@login_required
def survey_detail(request, pk):
    survey = _survey(request, pk)
    units = list(selectors.survey_units(survey, request.user))
    unit = None
    wanted = request.GET.get("enhet")
    if wanted:
        unit = next((u for u in units if str(u.pk) == wanted), None)
        if unit is None:
            raise Http404
    where = unit.name if unit else survey.municipality.name
    chart = gap_chart(_("Importance against satisfaction: %(where)s") % {"where": where},
                      selectors.results(survey, unit),
                      _("Each point is a topic: across, the satisfaction with one's own competence (1–5); up, the "
                        "importance of developing it (1–5). Points above the diagonal matter more than people feel "
                        "they master them; the table lists the topics by that gap."))
    can_change = request.user.has_perm("competence.change_survey", survey)
    return render(request, "competence/survey.html", {
        "survey": survey, "units": units, "unit": unit, "chart": chart, "where": where,
        "trend": selectors.survey_trend(survey, unit), "previous": selectors.previous_survey(survey),
        "can_change": can_change, "upload_form": UploadForm() if can_change else None,
        "uploads": survey.uploads.select_related("uploaded_by")[:5] if can_change else [],
        "columns": importing.COLUMNS, "crumbs": _survey_crumbs(),
    })


@login_required
@require_POST
def survey_upload(request, pk):
    managed_municipality(request, "competence.manage_surveys")
    survey = _survey(request, pk, "competence.change_survey")
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload."))
        return redirect("competence:survey", pk=survey.pk)
    upload_file = form.cleaned_data["file"]
    suffix = os.path.splitext(upload_file.name)[1].lower()[:6]
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        for chunk in upload_file.chunks():
            handle.write(chunk)
        handle.flush()
        upload = services.survey_upload_check(survey=survey, path=handle.name, file_name=upload_file.name,
                                              by=request.user)
    return redirect("competence:upload", pk=upload.pk)


@login_required
def upload_detail(request, pk):
    managed_municipality(request, "competence.manage_surveys")
    upload = SurveyUpload.objects.select_related("survey", "uploaded_by").filter(
        pk=pk, survey__municipality=_municipality(request)).first()
    if upload is None or not request.user.has_perm("competence.change_survey", upload.survey):
        raise Http404
    if request.method == "POST":
        try:
            services.survey_upload_store(upload=upload, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("competence:upload", pk=upload.pk)
        messages.success(request, _("The results are stored."))
        return redirect("competence:survey", pk=upload.survey_id)
    units = {u.pk: u.name for u in Unit.objects.filter(
        pk__in={row[0] for row in upload.summary.get("changed", []) if row[0]})}
    labels = {"satisfaction": _("Satisfaction"), "importance": _("Importance"), "answers": _("Number of answers")}
    changed = [(units.get(unit_id, upload.survey.municipality.name if unit_id is None else "?"), topic,
                labels[field], localize(Decimal(str(old))), localize(Decimal(str(new))))
               for unit_id, topic, field, old, new in upload.summary.get("changed", [])]
    problems = [Problem.from_dict(p) for p in upload.problems[:SHOWN_PROBLEMS]]
    return render(request, "competence/upload.html", {
        "upload": upload, "survey": upload.survey, "changed": changed, "problems": problems,
        "waiting": upload.status == UploadStatus.CHECKED,
        "crumbs": _survey_crumbs((upload.survey.title, reverse("competence:survey", args=[upload.survey_id]))),
    })
