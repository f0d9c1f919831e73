"""The Læringsspeil of one school and year, its exports and the school's self-assessment."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from laeringslop.concurrency import show_stale
from laeringslop.history import history_for
from laeringslop.permissions import is_staff_of_unit, require_perm

from .. import selectors, services
from ..exports import to_csv, to_xlsx
from ..forms import AssessmentForm, ReopenForm
from ..models import Answer
from ..models.mirror import RATING_SCALE
from ..selectors.cycle import takes_part
from ..selectors.measures import measure_trends
from ..selectors.participation import survey_participation
from .common import check_year, school_mirror_year, visible_unit
from .kindergartens import kindergarten_mirror


@login_required
def mirror_current(request, school_id):
    school = visible_unit(request.user, school_id)
    staff = request.user.is_superuser or is_staff_of_unit(request.user, school)
    latest = selectors.latest_mirror_year(school.municipality_id, published_only=not staff)
    year = latest.school_year if latest else selectors.current_school_year()
    return redirect("dialogue:mirror", school_id=school.pk, year=year)


@login_required
def mirror(request, school_id, year):
    school = visible_unit(request.user, school_id)
    check_year(year)
    mirror_year = school_mirror_year(request.user, school, year)
    groups = selectors.mirror_rows(school, mirror_year, year)
    assessment = selectors.assessment_for(mirror_year, school)
    has_previous, has_next = selectors.neighbour_years(school, year)
    if not school.is_school:  # a kindergarten: its own page (no report, dialogue or pupil-survey participation)
        return kindergarten_mirror(request, school, year, mirror_year, groups, assessment, has_previous, has_next)
    report = selectors.report_for(mirror_year, school)
    staff = request.user.has_perm("dialogue.manage")
    return render(request, "dialogue/mirror.html", {
        "report": report, "can_compile": staff and mirror_year is not None,
        # Everyone who may read the report is told when it no longer matches the data.
        "report_outdated": bool(report and report.has_files
                                and report.fingerprint != selectors.fingerprint(report)),
        "school": school, "year": year, "mirror_year": mirror_year, "groups": groups,
        "has_county": selectors.has_county(groups),
        "participation": survey_participation(school, groups, year),
        "assessment": assessment, "status": selectors.assessment_status(assessment),
        "year_label": f"{year}-{(year + 1) % 100:02d}", "previous_year": year - 1, "next_year": year + 1,
        "has_previous": has_previous and year > 2000, "has_next": has_next and year < 2100,
        "can_answer": request.user.has_perm("dialogue.answer_assessment", school),
        "measure_trends": measure_trends(school, year, groups),
    })


@login_required
def mirror_export(request, school_id, year, fmt):
    school = visible_unit(request.user, school_id)
    check_year(year)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    mirror_year = school_mirror_year(request.user, school, year)
    header, rows = selectors.export_table(selectors.mirror_rows(school, mirror_year, year, charts=False),
                                          kindergarten=school.kind == "kindergarten")
    filename = f"laeringsspeil-{school.org_number}-{year}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(to_csv(header, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            to_xlsx(header, rows, title=f"Læringsspeil {year}"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def assessment(request, school_id, year):
    school = visible_unit(request.user, school_id)
    check_year(year)
    mirror_year = school_mirror_year(request.user, school, year)
    if mirror_year is None:
        raise Http404
    taking_part = takes_part(mirror_year, school)
    can_answer = request.user.has_perm("dialogue.answer_assessment", school) and mirror_year.is_published \
        and taking_part
    current = selectors.assessment_for(mirror_year, school)
    questions = list(mirror_year.questions_for(school))
    answers = {a.question_id: a for a in current.answers.all()} if current else {}
    form = None
    if request.method == "POST":
        if not can_answer:
            raise PermissionDenied
        if current is not None and current.is_locked:
            messages.error(request, _("The self-assessment has been submitted and is locked."))
            return redirect("dialogue:assessment", school_id=school.pk, year=year)
        form = AssessmentForm(request.POST, questions=questions, answers=answers, assessment=current,
                              kindergarten=not school.is_school)
        if form.is_valid():
            done = _assessment_save_and_submit(request, form, mirror_year=mirror_year, school=school)
            if done:
                return redirect("dialogue:assessment", school_id=school.pk, year=year)
            if form.non_field_errors():  # saved by someone else meanwhile: shown below with what differs
                messages.error(request, _("Nothing was saved: someone else saved a newer version. See the form."))
            current = selectors.assessment_for(mirror_year, school)  # an incomplete submit saved the draft
    editable = can_answer and not (current and current.is_locked)
    if form is None and editable:
        form = AssessmentForm(questions=questions, answers=answers, assessment=current,
                              kindergarten=not school.is_school)
    groups = selectors.question_items(mirror_year, current, unit=school)
    left = [item for group in groups for item in group.rows if not item.is_answered]
    if form is not None:
        for group in groups:
            group.has_rating = any(item.question.has_rating for item in group.rows)  # the scale describes it
            for item in group.rows:
                item.text_field = form.text_field(item.question)
                item.rating_field = form.rating_field(item.question)
    return render(request, "dialogue/assessment.html", {
        "school": school, "year": year, "mirror_year": mirror_year, "assessment": current,
        "status": selectors.assessment_status(current), "groups": groups, "left": left, "form": form,
        "editable": editable, "can_reopen": request.user.has_perm("dialogue.manage") and current is not None
        and current.is_locked, "reopen_form": ReopenForm(),
        "history": _assessment_history(current, questions) if current else [],
        "rating_scale": list(RATING_SCALE.items()), "taking_part": taking_part,
    })


def _assessment_save_and_submit(request, form, *, mirror_year, school) -> bool:
    """Save the draft and, for "submit", submit it; a refusal becomes a message (True), except a save over
    a newer version and a submit of an incomplete draft, which are put on the form to be shown again (False)."""
    try:
        saved = services.assessment_save(
            mirror_year=mirror_year, school=school, user=request.user, answers=form.answers(),
            staff_meeting_date=form.cleaned_data["staff_meeting_date"],
            staff_involvement=form.cleaned_data["staff_involvement"], version=form.read_version)
    except ValidationError as error:  # e.g. submitted meanwhile (a second press of "submit"): locked
        if show_stale(form, error):
            return False
        for message in error.messages:
            messages.error(request, message)
        return True
    if "submit" not in request.POST:
        messages.success(request, _("Draft saved."))
        return True
    try:
        services.assessment_submit(saved, user=request.user)
    except ValidationError as error:
        if hasattr(error, "error_dict"):  # incomplete: the form again, each problem beside its question
            for field, errors in error.error_dict.items():
                form.add_error(field, errors)
            form.move_version_on(saved.version)  # the summary above the form says the draft is saved
            return False
        for message in error.messages:  # submitted by a second press: locked, nothing to add
            messages.error(request, message)
        return True
    messages.success(request, _("The self-assessment is submitted. Thank you!"))
    return True


@login_required
@require_POST
def assessment_reopen(request, school_id, year):
    school = visible_unit(request.user, school_id)
    require_perm(request.user, "dialogue.manage")
    mirror_year = school_mirror_year(request.user, school, year)
    current = selectors.assessment_for(mirror_year, school)
    if current is None:
        raise Http404
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_reopen(current, user=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("The self-assessment is reopened; the rector can edit it again."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, " ".join(form.errors.get("reason", [])))
    return redirect(reverse("dialogue:assessment", kwargs={"school_id": school.pk, "year": year}))


def _assessment_history(assessment, questions) -> list:
    """The assessment's changes and its answers' (labelled by their question), newest first."""
    texts = {question.pk: Truncator(question.text).chars(60) for question in questions}
    return history_for(assessment, parts=[(Answer.history.filter(assessment_id=assessment.pk),
                                           lambda record: f"«{texts.get(record.question_id, '')}»")])
