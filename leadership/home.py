"""The home page's panel «Mine neste møter»: the next leader meetings the person is invited to."""
from django.urls import reverse

from laeringslop.hooks import Panel

from .selectors import next_meetings

#: How many of the next meetings the panel lists.
LIMIT = 3


def panels(request):
    municipality = getattr(request, "municipality", None)
    if municipality is None or not request.user.has_perm("leadership.view_mine"):
        return []
    return [Panel("leadership/panels/next.html", {
        "meetings": next_meetings(municipality, request.user, LIMIT), "url": reverse("leadership:mine"),
        "plan_url": reverse("leadership:plan_current") if request.user.has_perm("leadership.view_plan") else ""},
        order=13)]
