"""What the dialogue offers on a school's (a kindergarten's) unit page (see laeringslop.hooks.unit_links): its
Læringsspeil, its newest year's report and dialogue, and its visits — only what the reader may open."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from laeringslop.hooks import NavItem
from laeringslop.permissions import is_staff_of_unit


def links(request, unit) -> list[NavItem]:
    user = request.user
    if not user.has_perm("dialogue.view_mirror", unit):
        return []
    if not unit.is_school:  # a kindergarten: its Læringsspeil only (reports, dialogues and visits are the schools')
        return [NavItem(_("Læringsspeil"), reverse("dialogue:mirror_current", kwargs={"school_id": unit.pk}),
                        order=10)]
    from .selectors.mirror import latest_mirror_year
    from .selectors.reports import report_for

    found = [NavItem(_("Læringsspeil"), reverse("dialogue:mirror_current", kwargs={"school_id": unit.pk}), order=10)]
    year = latest_mirror_year(unit.municipality_id, published_only=not (user.is_superuser or is_staff_of_unit(user, unit)))
    if year is not None:
        report = report_for(year, unit)
        if report is not None and report.has_files and user.has_perm("dialogue.view_report", unit):
            found.append(NavItem(_("Report for the dialogue %(year)s") % {"year": year.label},
                                 reverse("dialogue:report_html", kwargs={"school_id": unit.pk, "year": year.school_year}),
                                 order=20))
        if user.has_perm("dialogue.view_dialogue", unit):
            found.append(NavItem(_("The dialogue %(year)s") % {"year": year.label},
                                 reverse("dialogue:dialogue", kwargs={"school_id": unit.pk, "year": year.school_year}),
                                 order=30))
    if user.has_perm("dialogue.view_school_visits", unit):
        found.append(NavItem(_("School visits"), reverse("dialogue:school_visits", kwargs={"school_id": unit.pk}),
                             order=40))
    return found
