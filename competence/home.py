"""The home page's competence panels (``laeringslop.hooks``):

- for a unit's leader (rector, kindergarten head): the measures open for sign-up, with the places left
  and a link to sign up their unit, and their unit's people signed up or waiting (with the turn);
- for the municipality's staff (the advisers who run the measures): the measures with sessions coming,
  by the next session, and how full they are.

Every measure of the municipality is offered to all its units (a measure has a target group as text,
not a list of units), so «the measures for your unit» are the municipality's measures not yet over.
Links only to pages the reader may open: the measure's page, the sign-up page of a unit they lead, the
participant list for the staff."""
from django.urls import reverse
from django.utils import timezone

from laeringslop.hooks import Panel
from laeringslop.permissions import roles_of
from laeringslop.tenancy import staff_municipality

from . import home_selectors

#: How many measures (and, for a leader, sign-ups) a panel lists.
LIMIT = 5
SIGN_UPS = 10


def panels(request):
    municipality = getattr(request, "municipality", None)
    user = request.user
    if municipality is None or not user.has_perm("competence.view_measures"):
        return []
    today = timezone.localdate()
    result = []
    led = roles_of(user).led_unit_ids
    if led:
        measures = home_selectors.open_measures(municipality, today, LIMIT)
        units, more = home_selectors.unit_sign_ups(municipality, led, today, SIGN_UPS)
        if units:
            result.append(Panel("competence/panels/leader.html", {
                "measures": measures[:LIMIT], "more_measures": len(measures) > LIMIT, "units": units,
                "more_sign_ups": more, "url": reverse("competence:measures")}, order=14))
    staff = staff_municipality(request)
    if staff is not None and user.has_perm("competence.view_participant_lists"):
        measures = home_selectors.measures_with_coming_sessions(staff, today, LIMIT)
        for measure in measures:
            measure.can_see_participants = user.has_perm("competence.see_participants", measure)
        result.append(Panel("competence/panels/staff.html", {
            "measures": measures[:LIMIT], "more": len(measures) > LIMIT, "url": reverse("competence:measures")},
            order=14))
    return result
