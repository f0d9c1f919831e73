"""The kindergartens' Læringsspeil: a kindergarten's own page (through ``mirror.mirror``, which
branches here for a kindergarten) and the list of the municipality's kindergartens for its staff."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from laeringslop.tenancy import managed_municipality

from .. import selectors
from ..selectors.kindergartens import kindergarten_counts, kindergarten_statuses
from .common import check_year


def kindergarten_mirror(request, kindergarten, year, mirror_year, groups, assessment, has_previous, has_next):
    # The parent survey (the kindergarten's environment as the parents see it) first, then the local indicators.
    groups = sorted(groups, key=lambda group: group.code != "learning_environment")
    return render(request, "dialogue/kindergarten/mirror.html", {
        "school": kindergarten, "year": year, "mirror_year": mirror_year, "groups": groups,
        "assessment": assessment, "status": selectors.assessment_status(assessment),
        "has_questions": mirror_year is not None and mirror_year.questions_for(kindergarten).exists(),
        "year_label": f"{year}-{(year + 1) % 100:02d}", "previous_year": year - 1, "next_year": year + 1,
        "has_previous": has_previous and year > 2000, "has_next": has_next and year < 2100,
        "can_answer": request.user.has_perm("dialogue.answer_assessment", kindergarten),
    })


@login_required
def kindergarten_list(request, year=None):
    """The municipality's kindergartens with their self-assessment and overall satisfaction (staff only)."""
    municipality = managed_municipality(request, "dialogue.view_dashboard")
    if year is None:
        latest = selectors.latest_mirror_year(municipality.pk, published_only=False)
        year = latest.school_year if latest else selectors.current_school_year()
    check_year(year)
    mirror_year = selectors.mirror_year_for(municipality.pk, year, published_only=False)
    statuses = kindergarten_statuses(municipality.pk, mirror_year, year)
    return render(request, "dialogue/kindergarten/list.html", {
        "year": year, "year_label": f"{year}-{(year + 1) % 100:02d}", "mirror_year": mirror_year,
        "statuses": statuses, "counts": kindergarten_counts(statuses),
    })
