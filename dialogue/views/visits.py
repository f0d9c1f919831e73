"""The school visits: a school's visits, planning one, the visit's page (the staff edit it there, the school's
rector reads it), the municipality's overview of the year and the year's visits as iCalendar."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from laeringslop.concurrency import show_stale
from laeringslop.history import history_for
from laeringslop.models import Unit
from laeringslop.permissions import get_visible_or_404, require_perm
from laeringslop.schoolyear import SchoolYear
from projects.views.common import attach_errors

from .. import visits as services
from ..feeds import visits_calendar
from ..models import SchoolVisit
from ..selectors import visits as selectors
from ..visit_forms import VisitAgreeForm, VisitNotesForm, VisitPlanForm, VisitPreparationForm, VisitTimeForm
from .common import check_year, managed_municipality

#: The form fields the services' time errors belong on.
TIME_FIELDS = {"starts_at": "day", "ends_at": "end"}


def _school(user, school_id) -> Unit:
    return get_visible_or_404(Unit.objects.select_related("municipality"), "dialogue.view_school_visits", user,
                              pk=school_id)


def _fail(request, form, error: ValidationError) -> None:
    if show_stale(form, error):
        messages.error(request, _("Nothing was saved: someone else saved a newer version. See the form."))
        return
    if hasattr(error, "error_dict"):
        error = ValidationError({TIME_FIELDS.get(name, name): errors for name, errors in error.error_dict.items()})
    attach_errors(form, error)
    messages.error(request, _("The form has errors: see the messages by the fields."))


@login_required
def school_visits(request, school_id):
    school = _school(request.user, school_id)
    current = SchoolYear.current()
    visits = selectors.school_visits(school)
    return render(request, "dialogue/visits/school.html", {
        "school": school, "visits": visits, "current": current,
        "can_plan": request.user.has_perm("dialogue.plan_visit", school),
        "planned_this_year": any(v.school_year == current.start for v in visits),
    })


@login_required
def visit_create(request, year, school_id):
    school = _school(request.user, school_id)
    require_perm(request.user, "dialogue.plan_visit", school)
    school_year = SchoolYear(check_year(year))
    existing = SchoolVisit.objects.filter(school=school, school_year=school_year.start).first()
    if existing is not None:
        messages.info(request, _("The school already has a school visit this school year."))
        return redirect("dialogue:visit_detail", pk=existing.pk)
    kwargs = {"municipality_id": school.municipality_id, "school": school}
    if request.method == "POST":
        form = VisitPlanForm(request.POST, **kwargs)
        if form.is_valid():
            starts_at, ends_at = form.times()
            try:
                visit = services.visit_plan(
                    municipality=school.municipality, school=school, school_year=school_year.start,
                    user=request.user, starts_at=starts_at, ends_at=ends_at, place=form.cleaned_data["place"],
                    participants=form.cleaned_data["participants"], topics=form.cleaned_data["topics"],
                    other_participants=form.cleaned_data["other_participants"])
            except ValidationError as error:
                _fail(request, form, error)
            else:
                messages.success(request, _("The school visit is planned."))
                return redirect("dialogue:visit_detail", pk=visit.pk)
        else:
            messages.error(request, _("The form has errors: see the messages by the fields."))
    else:
        # Suggested: the school's rector(s) and the person planning, the school as the place, the topics.
        choices = selectors.participant_choices(school.municipality_id, school)
        people = choices.filter(Q(role_assignments__unit=school) | Q(pk=request.user.pk))
        form = VisitPlanForm(initial={"participants": list(people), "place": school.name,
                                      "topics": "\n".join(selectors.suggested_topics(school, school_year.start))},
                             **kwargs)
    return render(request, "dialogue/visits/plan.html", {"school": school, "school_year": school_year, "form": form})


def _forms(visit, data=None, action=None):
    """The staff's forms on the visit's page; the one posted (``action``) bound to ``data``."""
    def bound(name):
        return data if action == name else None

    prep = {"municipality_id": visit.municipality_id, "school": visit.school}
    return {
        "move": VisitTimeForm(bound("move"), visit=visit),
        "prepare": VisitPreparationForm(bound("prepare"), visit=visit, **prep),
        "notes": VisitNotesForm(bound("notes"), visit=visit),
        "agree": VisitAgreeForm(bound("agree"), visit=visit),
    }


def _save(request, visit, action, form):
    """Call the service of the posted form; a message for the user on success."""
    version = form.read_version
    data = form.cleaned_data
    if action == "move":
        starts_at, ends_at = form.times()
        services.visit_move(visit, starts_at=starts_at, ends_at=ends_at, place=data["place"], version=version)
        return _("The time and place are saved.")
    if action == "prepare":
        services.visit_update_preparation(visit, participants=data["participants"], topics=data["topics"],
                                          other_participants=data["other_participants"], version=version)
        return _("The participants and topics are saved.")
    if action == "notes":
        services.visit_update_notes(visit, notes=data["notes"], agreed_notes=data["agreed_notes"],
                                    support_input=data["support_input"], version=version)
        return _("The notes are saved.")
    _visit, agreed = services.visit_agree_notes(visit, user=request.user, version=version)
    return _("The summary is marked agreed: the rector can read it.") if agreed else _("The summary was already agreed.")


@login_required
def visit_detail(request, pk):
    visit = get_visible_or_404(SchoolVisit.objects.select_related("school__municipality", "created_by",
                                                                  "notes_agreed_by"),
                               "dialogue.view_visit", request.user, pk=pk)
    can_change = request.user.has_perm("dialogue.change_visit", visit)
    forms = {}
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        action = request.POST.get("action")
        if action not in ("move", "prepare", "notes", "agree"):
            return HttpResponseBadRequest(_("Unknown form."))
        forms = _forms(visit, request.POST, action)
        form = forms[action]
        if form.is_valid():
            try:
                message = _save(request, visit, action, form)
            except ValidationError as error:
                _fail(request, form, error)
            else:
                messages.success(request, message)
                return redirect("dialogue:visit_detail", pk=visit.pk)
        else:
            messages.error(request, _("The form has errors: see the messages by the fields."))
        visit.refresh_from_db()
        forms = {**_forms(visit), action: form}  # the other forms as now stored
    elif can_change:
        forms = _forms(visit)
    return render(request, "dialogue/visits/detail.html", {
        "visit": visit, "school": visit.school, "forms": forms, "can_change": can_change,
        "staff": request.user.has_perm("dialogue.view_visit_notes", visit),
        "participants": list(visit.participants.order_by("first_name", "last_name")),
        "history": history_for(visit) if can_change else [],
    })


@login_required
def visit_overview(request, year):
    municipality = managed_municipality(request)
    overview = selectors.visit_overview(municipality, check_year(year))
    return render(request, "dialogue/visits/overview.html", {
        "overview": overview, "school_year": SchoolYear(year),
        "can_plan": SchoolYear(year).last_day >= timezone.localdate(),  # a year that is over takes no plans
        "previous": SchoolYear(year).previous(), "next": SchoolYear(year).next(),
    })


@login_required
def visit_overview_current(request):
    managed_municipality(request)
    return redirect("dialogue:visit_overview", year=SchoolYear.current().start)


@login_required
def visit_calendar(request, year):
    """The year's visits the user may see as iCalendar (staff: every school's; a rector: the own school's)."""
    require_perm(request.user, "dialogue.view_visit_calendar")
    municipality = request.municipality
    if municipality is None:
        raise PermissionDenied
    visits = selectors.visits_of_year(municipality, request.user, check_year(year))
    body = visits_calendar(municipality, SchoolYear(year), visits, request.build_absolute_uri)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="skolebesok-{SchoolYear(year).label}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
