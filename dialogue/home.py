"""The dialogue's panels on the home page: the rector's self-assessment, the staff's counts, the adviser's
follow-up tasks, and the school visits coming in the next weeks."""
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from laeringslop.hooks import Panel
from laeringslop.models import Unit
from laeringslop.permissions import roles_of
from laeringslop.tenancy import staff_municipality

from . import selectors
from .selectors.cycle import cycle_kindergartens
from .selectors.visits import visits_in_period

#: How far ahead the home page looks for school visits.
VISIT_DAYS = 30


def _visits_panel(request, url) -> Panel | None:
    if getattr(request, "municipality", None) is None:
        return None
    today = timezone.localdate()
    visits = visits_in_period(request.municipality, request.user, today, today + timedelta(days=VISIT_DAYS))
    return Panel("dialogue/panels/visits.html", {"visits": visits, "days": VISIT_DAYS, "url": url}, order=12)


def panels(request):
    user = request.user
    result = []
    if user.has_perm("dialogue.view_dashboard"):
        municipality = staff_municipality(request)
        # The newest published year: a year still being set up has no self-assessments to count.
        mirror_year = selectors.latest_mirror_year(municipality.pk, published_only=True) if municipality else None
        if mirror_year is not None:
            kindergartens = selectors.assessment_counts(mirror_year, cycle_kindergartens(mirror_year))
            result.append(Panel("dialogue/panels/staff.html", {
                "mirror_year": mirror_year, "counts": selectors.assessment_counts(mirror_year),
                "kindergarten_counts": kindergartens if kindergartens["total"] else None}, order=10))
        if roles_of(user).has("adviser"):
            result.append(Panel("dialogue/panels/tasks.html", {"counts": selectors.my_task_counts(user)}, order=11))
        if municipality is not None and (panel := _visits_panel(request, reverse("dialogue:visit_overview_current"))):
            result.append(panel)
    elif roles_of(user).has("rector"):
        schools = list(Unit.objects.schools().filter(pk__in=roles_of(user).led_unit_ids).select_related("municipality")
                       .order_by("pk"))
        for school in schools:
            mirror_year = selectors.latest_mirror_year(school.municipality_id, published_only=True)
            assessment = selectors.assessment_for(mirror_year, school)
            result.append(Panel("dialogue/panels/rector.html", {
                "school": school, "mirror_year": mirror_year, "assessment": assessment,
                "status": selectors.assessment_status(assessment)}, order=10))
        # One panel for the rector's visits (the link: the first school's list).
        if schools and (panel := _visits_panel(request, reverse("dialogue:school_visits",
                                                                 kwargs={"school_id": schools[0].pk}))):
            result.append(panel)
    if roles_of(user).has("kindergarten_head"):
        result += _kindergarten_panels(user)
    return result


def _kindergarten_panels(user) -> list:
    """The kindergarten head's panel per kindergarten: the self-assessment and the parents' satisfaction."""
    from indicators.models import IndicatorValue

    from .selectors.kindergartens import HEADLINE

    kindergartens = list(Unit.objects.kindergartens().filter(pk__in=roles_of(user).led_unit_ids)
                         .select_related("municipality").order_by("pk"))
    result = []
    for kindergarten in kindergartens:
        mirror_year = selectors.latest_mirror_year(kindergarten.municipality_id, published_only=True)
        assessment = selectors.assessment_for(mirror_year, kindergarten)
        latest = (IndicatorValue.objects.filter(indicator__code=HEADLINE, unit=kindergarten, value__isnull=False)
                  .order_by("-school_year").first())
        result.append(Panel("dialogue/panels/kindergarten.html", {
            "kindergarten": kindergarten, "mirror_year": mirror_year, "assessment": assessment,
            "status": selectors.assessment_status(assessment), "satisfaction": latest,
            "has_questions": mirror_year is not None and mirror_year.questions_for(kindergarten).exists()},
            order=10))
    return result
