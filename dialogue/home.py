"""The dialogue's panels on the home page: the rector's self-assessment, the staff's counts, the adviser's
follow-up tasks."""
from laeringslop.hooks import Panel
from laeringslop.models import Unit
from laeringslop.permissions import roles_of
from laeringslop.tenancy import staff_municipality

from . import selectors


def panels(request):
    user = request.user
    result = []
    if user.has_perm("dialogue.view_dashboard"):
        municipality = staff_municipality(request)
        # The newest published year: a year still being set up has no self-assessments to count.
        mirror_year = selectors.latest_mirror_year(municipality.pk, published_only=True) if municipality else None
        if mirror_year is not None:
            result.append(Panel("dialogue/panels/staff.html",
                                {"mirror_year": mirror_year, "counts": selectors.assessment_counts(mirror_year)},
                                order=10))
        if roles_of(user).has("adviser"):
            result.append(Panel("dialogue/panels/tasks.html", {"counts": selectors.my_task_counts(user)}, order=11))
    elif roles_of(user).has("rector"):
        for school in Unit.objects.schools().filter(pk__in=roles_of(user).led_unit_ids).select_related("municipality"):
            mirror_year = selectors.latest_mirror_year(school.municipality_id, published_only=True)
            assessment = selectors.assessment_for(mirror_year, school)
            result.append(Panel("dialogue/panels/rector.html", {
                "school": school, "mirror_year": mirror_year, "assessment": assessment,
                "status": selectors.assessment_status(assessment)}, order=10))
    return result
